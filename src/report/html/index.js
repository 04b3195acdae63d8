(function () {
  var state = document.getElementById("filter-state");
  var strengths = document.querySelectorAll("input[name=strength]");
  function apply() {
    var party = state ? state.value : "";
    var shown = {};
    strengths.forEach(function (box) { shown[box.value] = box.checked; });
    document.querySelectorAll("[data-strength]").forEach(function (e) {
      e.hidden = !shown[e.getAttribute("data-strength")];
    });
    document.querySelectorAll("tr.case").forEach(function (row) {
      var states = (row.getAttribute("data-states") || "").split(" ");
      row.hidden = party !== "" && states.indexOf(party) < 0;
    });
    document.querySelectorAll("td.cell").forEach(function (cell) {
      var any = false;
      cell.querySelectorAll("a.entry").forEach(function (a) {
        var visible = party === "" || a.getAttribute("data-party") === party;
        a.hidden = !visible;
        any = any || visible;
      });
      var none = cell.querySelector(".none");
      if (none) { none.hidden = any; }
    });
  }
  if (state) { state.addEventListener("change", apply); }
  strengths.forEach(function (box) { box.addEventListener("change", apply); });
  apply();
})();
