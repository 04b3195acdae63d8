(function () {
  var state = document.getElementById("filter-state");
  var strengths = document.querySelectorAll("input[name=strength]");
  // The filters are kept in the address (`#state=RU&strength=law,norm`), so that a filtered
  // view can be linked to and comes back on reload.
  function read() {
    var params = {};
    location.hash.slice(1).split("&").forEach(function (pair) {
      var at = pair.indexOf("=");
      if (at > 0) {
        // A malformed escape in the address is read as written.
        var value = pair.slice(at + 1);
        try { value = decodeURIComponent(value); } catch (e) { /* kept as written */ }
        params[pair.slice(0, at)] = value;
      }
    });
    if (state && params.state !== undefined) {
      var known = Array.prototype.some.call(state.options, function (o) { return o.value === params.state; });
      state.value = known ? params.state : "";
    }
    if (params.strength !== undefined) {
      var wanted = params.strength.split(",");
      strengths.forEach(function (box) { box.checked = wanted.indexOf(box.value) >= 0; });
    }
  }
  function write() {
    var parts = [];
    if (state && state.value) { parts.push("state=" + encodeURIComponent(state.value)); }
    var checked = [];
    strengths.forEach(function (box) { if (box.checked) { checked.push(box.value); } });
    if (checked.length !== strengths.length) { parts.push("strength=" + checked.join(",")); }
    history.replaceState(null, "", parts.length ? "#" + parts.join("&") : location.pathname);
  }
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
  // How many findings the filters leave on screen, counted from what is drawn.
  function count() {
    var shown = document.getElementById("shown");
    if (!shown) { return; }
    var all = document.querySelectorAll("a.entry");
    var visible = 0;
    all.forEach(function (a) { if (a.getClientRects().length > 0) { visible += 1; } });
    shown.textContent = "Showing " + visible + " of " + all.length + " findings.";
  }
  function changed() { write(); apply(); count(); }
  if (state) { state.addEventListener("change", changed); }
  strengths.forEach(function (box) { box.addEventListener("change", changed); });
  window.addEventListener("hashchange", function () { read(); apply(); count(); });
  read();
  apply();
  count();
})();
