"""The chronology's pages, and its part of the rapid review page (`section`)."""

from django.db.models import Count
from django.urls import reverse

from cspr import permissions

from ..integrated import flagged_duplicates
from ..models import ChronologyEntry, DuplicateDecision


def section(request, rapid_review) -> dict:
    """What the rapid review page shows of the chronology: how many entries, from which agencies, how many
    likely duplicates wait for a decision, and the links. Nothing for those who may not read it."""
    user = request.user
    if not permissions.can_view_chronology(user, rapid_review):
        return {"chronology_can_view": False}
    entries = ChronologyEntry.objects.visible_to(user).filter(
        rapid_review=rapid_review, merged_into__isnull=True
    )
    by_agency = list(entries.values_list("agency__name").annotate(count=Count("pk")).order_by("agency__name"))
    can_review = permissions.can_review_duplicates(user, rapid_review)
    duplicates = 0
    if by_agency:
        decisions = DuplicateDecision.objects.visible_to(user).filter(rapid_review=rapid_review)
        duplicates = len(flagged_duplicates(entries, decisions))
    return {
        "chronology_can_view": True,
        "chronology_entry_count": sum(count for _, count in by_agency),
        "chronology_by_agency": by_agency,
        "chronology_duplicate_count": duplicates,
        "chronology_url": reverse("chronology:integrated", args=[rapid_review.pk]),
        "chronology_duplicates_url": reverse("chronology:duplicates", args=[rapid_review.pk])
        if can_review
        else "",
    }
