"""Permission matrix entries for the library importing pages (placeholder until written)."""

ENTRIES: dict = {}
