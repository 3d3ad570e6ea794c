// Starts the GOV.UK Frontend components (data-module="govuk-...") on the page. Every page also
// works without it. The relative path resolves to /static/govuk/govuk-frontend.min.js.
import { initAll } from "../govuk/govuk-frontend.min.js";

initAll();
