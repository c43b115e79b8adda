// GOV.UK Frontend's js-enabled marker, from a file because the CSP forbids inline script.
document.documentElement.classList.add("sg-js");
document.addEventListener("DOMContentLoaded", function () {
  document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
});
