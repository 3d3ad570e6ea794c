"""Placeholder: filled in by the briefings part's author (see the round file)."""

urlpatterns: list = []


def section(request, practice_review) -> dict:
    return {}
