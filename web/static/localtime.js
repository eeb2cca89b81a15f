// Adds the reader's own time zone next to every headquarters time (<time class="moment">).
// Without JavaScript, headquarters' time alone is shown.
(function () {
  function annotate(root) {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    root.querySelectorAll("time.moment:not([data-local])").forEach(function (el) {
      var when = new Date(el.getAttribute("datetime"));
      if (isNaN(when)) return;
      var local = when.toLocaleString(undefined, { day: "numeric", month: "long", year: "numeric",
        hour: "2-digit", minute: "2-digit", timeZoneName: "short" });
      el.setAttribute("data-local", "1");
      var span = document.createElement("span");
      span.className = "local-time meta";
      span.textContent = " (your time: " + local + ", " + zone + ")";
      el.after(span);
    });
  }
  document.addEventListener("DOMContentLoaded", function () { annotate(document); });
  document.addEventListener("htmx:afterSettle", function (e) { annotate(e.target); });
})();
