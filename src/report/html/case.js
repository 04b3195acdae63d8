(function () {
  var drawing = document.querySelector("svg.scenario");
  var box = document.querySelector(".drawing");
  var fit = document.getElementById("fit");
  // Scrolls the drawing's box, and only it, to bring an element of the drawing to its middle.
  function reveal(element) {
    if (!box || !element) { return; }
    var b = box.getBoundingClientRect();
    var r = element.getBoundingClientRect();
    box.scrollLeft += r.left + r.width / 2 - (b.left + b.width / 2);
    box.scrollTop += r.top + r.height / 2 - (b.top + b.height / 2);
  }
  function select(id) {
    var target = id ? document.getElementById(id) : null;
    // A link within the page that is not a finding's (a fact's row) keeps the selection.
    if (target && !target.classList.contains("finding")) { return; }
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
    reveal(document.getElementById(finding.getAttribute("data-focus") || ""));
  }
  function setFit(fitted) {
    drawing.classList.toggle("fit", fitted);
    fit.textContent = fitted ? "Full size" : "Fit to the box";
  }
  if (fit && drawing) {
    fit.hidden = false;
    fit.addEventListener("click", function () { setFit(!drawing.classList.contains("fit")); });
    // Fitted from the start when its labels stay readable: shrunk to no less than 2/3.
    var width = drawing.width.baseVal.value;
    setFit(width > 0 && box.clientWidth >= width * 2 / 3);
  }
  window.addEventListener("hashchange", function () { select(location.hash.slice(1)); });
  select(location.hash.slice(1));
})();
