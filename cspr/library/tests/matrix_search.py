"""Permission matrix entries for the library search pages: the library's home is public, and each persona
sees what `visible_to` gives them (tested in test_search_results)."""

from cspr.core.tests.matrix_rules import everyone

ENTRIES: dict = {
    "library:search": ("get", None, everyone(200)),
}
