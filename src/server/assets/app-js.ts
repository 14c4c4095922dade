// The site's one script, served as /assets/app.js (the CSP allows scripts from 'self' only). Pages
// work without it. It casts votes without a page reload (through the JSON API, echoing the
// double-submit cookie in X-CSRF-Token) and, for a reader who has voted before, marks their own
// votes on the page: the page itself is the same for every reader.
export const APP_JS = `"use strict";
(function () {
  var status = document.getElementById("vote-status");
  function say(text) { if (status) status.textContent = text; }
  function cookie(name) {
    var parts = document.cookie ? document.cookie.split("; ") : [];
    for (var i = 0; i < parts.length; i++) {
      var eq = parts[i].indexOf("=");
      if (parts[i].slice(0, eq) === name) return decodeURIComponent(parts[i].slice(eq + 1));
    }
    return null;
  }
  function forms() { return document.querySelectorAll("form.vote-form"); }
  function show(counts, mine) {
    forms().forEach(function (f) {
      var s = f.querySelector("input[name=signal]");
      var c = f.querySelector(".vote-number");
      var b = f.querySelector("button");
      if (!s) return;
      if (c && counts && Object.prototype.hasOwnProperty.call(counts, s.value)) c.textContent = String(counts[s.value]);
      if (b && mine) b.setAttribute("aria-pressed", mine.indexOf(s.value) >= 0 ? "true" : "false");
    });
  }
  var first = document.querySelector("form.vote-form");
  var ref = first && first.getAttribute("data-ref");
  // Only a reader who has voted before has the cookie (and votes of their own to show).
  if (ref && cookie("ig_csrf") && window.fetch && location.search.indexOf("voted=") < 0) {
    fetch("/api/v1/votes?mine=1&ref=" + encodeURIComponent(ref), { credentials: "same-origin", headers: { accept: "application/json" } })
      .then(function (res) { return res.ok ? res.json() : null; })
      .then(function (body) { if (body) show(body.counts, body.mine); })
      .catch(function () {});
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains("vote-form")) return;
    var ref = form.getAttribute("data-ref");
    var signal = form.querySelector("input[name=signal]");
    var button = form.querySelector("button");
    if (!ref || !signal || !button || !window.fetch) return;
    event.preventDefault();
    button.disabled = true;
    var headers = { "content-type": "application/json", accept: "application/json" };
    var token = cookie("ig_csrf");
    if (token) headers["x-csrf-token"] = token;
    fetch("/api/v1/votes", {
      method: "POST",
      credentials: "same-origin",
      headers: headers,
      body: JSON.stringify({ ref: ref, signal: signal.value })
    }).then(function (res) {
      return res.json().then(function (body) { return { ok: res.ok, body: body }; });
    }).then(function (r) {
      if (!r.ok) { say((r.body && r.body.error && r.body.error.message) || "The vote was not counted."); return; }
      show(r.body.counts || {}, null);
      button.setAttribute("aria-pressed", r.body.active ? "true" : "false");
      say((r.body.active ? "Vote counted: " : "Vote removed: ") + (button.getAttribute("data-label") || signal.value));
    }).catch(function () {
      form.submit();
    }).finally(function () { button.disabled = false; });
  });
})();
`;
