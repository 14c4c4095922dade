// The site's one script, served as /assets/app.js and loaded with the page's CSP nonce. Pages work
// without it; it only casts votes without a page reload (through the JSON API).
export const APP_JS = `"use strict";
(function () {
  var status = document.getElementById("vote-status");
  function say(text) { if (status) status.textContent = text; }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains("vote-form")) return;
    var ref = form.getAttribute("data-ref");
    var signal = form.querySelector("input[name=signal]");
    var button = form.querySelector("button");
    if (!ref || !signal || !button || !window.fetch) return;
    event.preventDefault();
    button.disabled = true;
    fetch("/api/v1/votes", {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ ref: ref, signal: signal.value })
    }).then(function (res) {
      return res.json().then(function (body) { return { ok: res.ok, body: body }; });
    }).then(function (r) {
      if (!r.ok) { say((r.body && r.body.error && r.body.error.message) || "The vote was not counted."); return; }
      var counts = r.body.counts || {};
      document.querySelectorAll("form.vote-form").forEach(function (f) {
        var s = f.querySelector("input[name=signal]");
        var c = f.querySelector(".vote-number");
        if (s && c && Object.prototype.hasOwnProperty.call(counts, s.value)) c.textContent = String(counts[s.value]);
      });
      button.setAttribute("aria-pressed", r.body.active ? "true" : "false");
      say((r.body.active ? "Vote counted: " : "Vote removed: ") + (button.getAttribute("data-label") || signal.value));
    }).catch(function () {
      form.submit();
    }).finally(function () { button.disabled = false; });
  });
})();
`;
