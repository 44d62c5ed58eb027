// dispute serve: the few things plain HTML forms cannot do by themselves. Everything here is an
// enhancement: without it the forms still post and the pages still reload.
(function () {
  "use strict";

  // A drop on the zone gives its files to the zone's file input and sends them at once.
  function wireDropZone(zone) {
    var input = zone.querySelector("input[type=file]");
    if (!input || zone.dataset.wired) return;
    zone.dataset.wired = "1";
    ["dragenter", "dragover"].forEach(function (type) {
      zone.addEventListener(type, function (e) { e.preventDefault(); zone.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (type) {
      zone.addEventListener(type, function () { zone.classList.remove("over"); });
    });
    zone.addEventListener("drop", function (e) {
      e.preventDefault();
      if (!e.dataTransfer || !e.dataTransfer.files.length) return;
      input.files = e.dataTransfer.files;
      input.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }

  function wire(root) {
    root.querySelectorAll("[data-drop]").forEach(wireDropZone);
    // After a partial update, move the keyboard and screen reader to what changed.
    var focus = root.querySelector("[data-focus]");
    if (focus && root !== document) focus.focus();
  }

  document.addEventListener("DOMContentLoaded", function () { wire(document); });
  document.addEventListener("htmx:afterSwap", function (e) { wire(e.detail.elt); });

  // Upload progress, in the progress bar of the form being sent.
  document.addEventListener("htmx:xhr:progress", function (e) {
    var bar = e.target.querySelector && e.target.querySelector("progress");
    if (bar && e.detail.lengthComputable) {
      bar.hidden = false;
      bar.value = Math.round((e.detail.loaded / e.detail.total) * 100);
    }
  });
})();

// A partial update the server refused (a stale page, a file over the limit): htmx swaps
// nothing, so its message goes to the page's alert area instead of vanishing.
document.addEventListener("htmx:responseError", function (e) {
  var flash = document.getElementById("flash");
  if (!flash) return;
  var xhr = e.detail.xhr;
  var type = xhr.getResponseHeader("content-type") || "";
  if (type.indexOf("text/html") === 0) {
    flash.innerHTML = xhr.responseText;  // our own escaped fragment (_error.html.j2)
  } else {
    flash.textContent = xhr.responseText;
  }
  flash.scrollIntoView({ block: "nearest" });
});
