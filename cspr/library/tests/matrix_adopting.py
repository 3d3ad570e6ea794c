"""Permission matrix entries for the library adopting pages (placeholder until written)."""

ENTRIES: dict = {}
