// Adds the reader's own time after every headquarters time (<time class="moment">), in the
// same words: "22 April 2024, 18:00 in Washington (your time: 23 April 2024, 00:00 in
// Madrid)", or "(your time too)" when the reader's clock reads the same.
// Without JavaScript, headquarters' time alone is shown.
(function () {
  var reader = Intl.DateTimeFormat().resolvedOptions().timeZone;

  // "23 April 2024, 00:00" on the clock of the zone given (the server writes the same form).
  function wording(when, zone) {
    var day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long",
      year: "numeric", timeZone: zone }).format(when);
    var time = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit",
      hourCycle: "h23", timeZone: zone }).format(when);
    return day + ", " + time;
  }

  // "in Madrid" for Europe/Madrid, "in Buenos Aires" for America/Argentina/Buenos_Aires;
  // a zone that is no place (UTC, Etc/GMT+5) is named as it is.
  function where(zone) {
    if (zone.indexOf("/") < 0 || zone.indexOf("Etc/") === 0) return " " + zone;
    return " in " + zone.split("/").pop().replace(/_/g, " ");
  }

  function annotate(root) {
    root.querySelectorAll("time.moment:not([data-local])").forEach(function (el) {
      var when = new Date(el.getAttribute("datetime"));
      if (isNaN(when)) return;
      var mine = wording(when, reader);
      var same = el.dataset.zone && wording(when, el.dataset.zone) === mine;
      el.setAttribute("data-local", "1");
      var span = document.createElement("span");
      span.className = "local-time meta";
      span.textContent = same ? " (your time too)" : " (your time: " + mine + where(reader) + ")";
      el.after(span);
    });
  }
  document.addEventListener("DOMContentLoaded", function () { annotate(document); });
  document.addEventListener("htmx:afterSettle", function (e) { annotate(e.target); });
})();
