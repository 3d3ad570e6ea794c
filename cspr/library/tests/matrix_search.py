"""Permission matrix entries for the library search pages (placeholder until written)."""

ENTRIES: dict = {}
