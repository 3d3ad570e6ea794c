"""Permission matrix entries (tests/test_permission_matrix.py) for the library's upload pages: name ->
(method, kwargs(ctx) or None, expected status per persona), written with `cspr.core.tests.matrix_rules`."""

from cspr.core.tests.matrix_rules import only

# Business managers import their partnership's reports, administrators national ones (another
# partnership's business manager imports into their own at the same address); nobody else imports.
IMPORTERS = only({"business_manager": 200, "other_business_manager": 200, "system_admin": 200}, 403)
# The result page sends an importer with no upload behind them back to the upload page.
RESULT_READERS = only({"business_manager": 302, "other_business_manager": 302, "system_admin": 302}, 403)

ENTRIES: dict = {
    "library:import": ("get", None, IMPORTERS),
    "library:import_done": ("get", None, RESULT_READERS),
}
