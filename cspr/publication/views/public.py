"""Placeholder: the public pages, filled in by the publication part's author (see the round file)."""

urlpatterns: list = []
