// Loaded at the start of <body>, as GOV.UK's page template does inline (our CSP forbids inline
// scripts). Lets the CSS hide things that only make sense without JavaScript, before first paint.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
