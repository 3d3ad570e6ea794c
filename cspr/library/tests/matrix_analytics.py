"""Permission matrix entries for the library analytics pages (placeholder until written)."""

ENTRIES: dict = {}
