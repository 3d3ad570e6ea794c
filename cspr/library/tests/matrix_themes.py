"""Permission matrix entries for the library themes pages (placeholder until written)."""

ENTRIES: dict = {}
