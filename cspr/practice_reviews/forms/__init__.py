"""The practice review pages' forms, one module per part of the work."""
