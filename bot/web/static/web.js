// Progressive enhancement only: every page works without this file.
// The article editor refreshes its server-rendered preview while typing.
(function () {
  "use strict";
  function debounce(fn, ms) { var t; return function () { clearTimeout(t); t = setTimeout(fn, ms); }; }
  document.addEventListener("DOMContentLoaded", function () {
    var editor = document.querySelector("form[data-preview-url]");
    if (!editor) { return; }
    var target = document.getElementById("esikatselu-sisalto");
    if (!target) { return; }
    var refresh = debounce(function () {
      var body = new URLSearchParams(new FormData(editor));  // every field, as the "Esikatsele" button sends them
      fetch(editor.getAttribute("data-preview-url"), {
        method: "POST", body: body, credentials: "same-origin",
        headers: { "Accept": "text/html", "X-Requested-With": "fetch" }
      }).then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) { if (html !== null) { target.innerHTML = html; } });
    }, 400);
    editor.addEventListener("input", refresh);
    editor.addEventListener("change", refresh);
  });
})();
