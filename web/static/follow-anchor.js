// A reader who follows a link to a section (a section index, or an address ending in
// #section-...) stays there while the sections around it arrive: the draft page loads a
// deferred section when it comes into view, and a section loaded above the one followed
// would push it down out of sight. Scrolling, a key or a click of the reader's own lets go.
// Other anchors are left alone: a poll that redraws a page must not pull its reader back.
// Without JavaScript the browser lands on the anchor itself, and nothing arrives later.
(function () {
  var held = null;
  function hold() {
    var id = decodeURIComponent(location.hash.slice(1));
    held = id.indexOf("section-") === 0 ? id : null;
  }
  function letGo() { held = null; }
  document.addEventListener("DOMContentLoaded", hold);
  window.addEventListener("hashchange", hold);
  ["wheel", "touchmove", "keydown", "mousedown"].forEach(function (name) {
    window.addEventListener(name, letGo, { passive: true });
  });
  document.addEventListener("htmx:afterSettle", function () {
    var target = held && document.getElementById(held);
    if (target) target.scrollIntoView();
  });
})();
