(function () {
  var drawing = document.querySelector("svg.scenario");
  function select(id) {
    document.querySelectorAll(".hl").forEach(function (e) { e.classList.remove("hl"); });
    document.querySelectorAll("article.finding.selected").forEach(function (e) { e.classList.remove("selected"); });
    var finding = id ? document.getElementById(id) : null;
    if (!finding || !finding.classList.contains("finding")) {
      if (drawing) { drawing.classList.remove("focus"); }
      return;
    }
    finding.classList.add("selected");
    if (!drawing) { return; }
    drawing.classList.add("focus");
    (finding.getAttribute("data-hl") || "").split(" ").forEach(function (part) {
      var element = part ? document.getElementById(part) : null;
      if (element) { element.classList.add("hl"); }
    });
  }
  window.addEventListener("hashchange", function () { select(location.hash.slice(1)); });
  select(location.hash.slice(1));
})();
