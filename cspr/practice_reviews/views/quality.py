"""Placeholder: filled in by this part's author (see the round file)."""

urlpatterns: list = []


def section(request, practice_review) -> dict:
    return {}
