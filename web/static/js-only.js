// Sentences that are true only when JavaScript runs (a page that follows the meeting by
// itself) are sent hidden and shown here, so a browser without JavaScript never reads them.
// Setting the hidden property is no inline style: the Content-Security-Policy allows it.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-js-only]").forEach(function (el) { el.hidden = false; });
});
