"""Placeholder: the public briefing pages, filled in by the briefings part's author (see the round file)."""

urlpatterns: list = []
