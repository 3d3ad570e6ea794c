"""Permission matrix entries (tests/test_permission_matrix.py) for the plans part of action plans: name ->
(method, kwargs(ctx) or None, expected status per persona), written with `cspr.core.tests.matrix_rules`."""

ENTRIES: dict = {}
