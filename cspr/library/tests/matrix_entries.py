"""Permission matrix entries for the library entries pages (placeholder until written)."""

ENTRIES: dict = {}
