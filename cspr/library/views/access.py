"""Reaching one library record from a URL: scoped to what the user may see (an entry they may not see does
not exist for them: 404). Each view then asks `permissions` whether the user may do what the page offers."""

from django.shortcuts import get_object_or_404

from ..models import LibraryEntry, LibraryFile, LibraryRecommendation


def entry_for(request, pk) -> LibraryEntry:
    return get_object_or_404(
        LibraryEntry.objects.visible_to(request.user).select_related("partnership", "practice_review"), pk=pk
    )


def file_for(request, entry_pk, pk) -> LibraryFile:
    entry = entry_for(request, entry_pk)
    return get_object_or_404(LibraryFile.objects.select_related("entry"), entry=entry, pk=pk)


def recommendation_for(request, entry_pk, pk) -> LibraryRecommendation:
    entry = entry_for(request, entry_pk)
    return get_object_or_404(LibraryRecommendation.objects.select_related("entry"), entry=entry, pk=pk)
