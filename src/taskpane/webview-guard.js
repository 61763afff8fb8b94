// Runs first after office.js, before the bundle, and is written in ES5 so that every webview
// parses it. Perpetual Office up to 2019, and Microsoft 365 builds on older Windows, show add-ins
// in Internet Explorer 11 (Trident) or Edge Legacy (EdgeHTML); the bundle is ES2022 and fails to
// parse there, which would leave the pane on "Loading stdrates…" for ever. Microsoft recommends a
// graceful message, found by the user agent ("Support older Microsoft webviews and Office
// versions", learn.microsoft.com/office/dev/add-ins/develop/support-ie-11). Its own file: the
// page's Content-Security-Policy forbids inline scripts.
(function () {
  var ua = window.navigator.userAgent;
  // Chromium Edge says "Edg/"; Edge Legacy says "Edge/<n>".
  var webview =
    ua.indexOf("Trident/") !== -1 ? "Internet Explorer" : /\bEdge\/\d/.test(ua) ? "Edge Legacy" : "";
  if (!webview) return;
  var message =
    "stdrates cannot run in this version of Excel: it shows add-ins in " +
    webview +
    ", which cannot run modern JavaScript. stdrates works in Excel 2021 or later, Microsoft 365 " +
    "(Excel for Windows or Mac, kept up to date), and Excel on the web.";
  // The bundle checks this and does not start (it would not parse here anyway).
  window.stdratesUnsupported = message;
  function show() {
    var box = document.getElementById("container");
    if (!box) return;
    while (box.firstChild) box.removeChild(box.firstChild);
    var p = document.createElement("p");
    p.setAttribute("role", "alert");
    p.style.fontFamily = "'Segoe UI', sans-serif";
    p.style.padding = "12px";
    p.appendChild(document.createTextNode(message));
    box.appendChild(p);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", show);
  else show();
})();
