// What a delegate types in a form survives a reload of the page: each text area of a form
// that posts is kept in this tab's sessionStorage as it changes, and put back when the page
// is shown again. A page that reports success forgets what it kept: the text was sent.
// Without JavaScript the browser itself offers to send the form again on reload.
(function () {
  // The version the text was written on is part of the key: once the paragraph changes,
  // an older draft is not put back over the new text (the server would take it as written
  // on the new version and undo the change).
  function key(field) {
    var form = field.closest("form");
    var version = form && form.querySelector("input[name=written_on]");
    return "kept:" + location.pathname + ":" + field.id + ":" + (version ? version.value : "");
  }
  function fields(root) {
    return root.querySelectorAll("form[method=post] textarea[id], form[method=post] input[type=text][id]");
  }
  function restore(root) {
    if (document.querySelector(".flash.success")) {
      fields(document).forEach(function (f) { sessionStorage.removeItem(key(f)); });
      return;
    }
    fields(root).forEach(function (f) {
      var kept = sessionStorage.getItem(key(f));
      if (kept !== null && kept !== f.value) {
        f.value = kept;
        f.dispatchEvent(new Event("input", { bubbles: true }));  // the live diff follows
      }
    });
  }
  document.addEventListener("input", function (e) {
    var f = e.target;
    if (f.id && f.closest && f.closest("form[method=post]") && (f.tagName === "TEXTAREA" || f.type === "text")) {
      sessionStorage.setItem(key(f), f.value);
    }
  });
  document.addEventListener("DOMContentLoaded", function () { restore(document); });
  document.addEventListener("htmx:afterSettle", function (e) { restore(e.target); });
})();
