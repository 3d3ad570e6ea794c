"""Permission matrix entries (tests/test_permission_matrix.py) for a library entry's pages, asked of the
context partnership's draft: its partnership's decision makers read it, its business manager checks and
publishes it, and for everyone else (signed in or not) it does not exist. Public entries are read by
anyone: see test_entries_reading.py."""

from django.core.files.base import ContentFile

from cspr.core.tests.matrix_rules import only
from cspr.library.models import FileKind, LibraryFile, text_hash

from .records import draft_entry

# The reading pages need no sign-in, so an anonymous visitor gets 404 for a draft, not the sign-in page.
DRAFT_READERS = only(
    {"business_manager": 200, "review_group_member": 200, "executive_member": 200}, 404, anonymous=404
)
DRAFT_EDITOR = only({"business_manager": 200, "review_group_member": 403, "executive_member": 403}, 404)


def draft_kwargs(ctx) -> dict:
    return {"pk": draft_entry(ctx).pk}


def draft_file_kwargs(ctx) -> dict:
    """The draft's full report, a small text file."""
    entry = draft_entry(ctx)
    text = "Professionals did not share information about the baby's bruising."
    library_file = LibraryFile.objects.create(
        entry=entry,
        kind=FileKind.FULL_REPORT,
        file=ContentFile(text.encode(), name="draft-review.txt"),
        original_name="Draft review.txt",
        media_type="text/plain",
        size=len(text),
        page_count=1,
        content_hash=text_hash(text),
    )
    return {"pk": entry.pk, "file_pk": library_file.pk}


ENTRIES: dict = {
    "library:entry": ("get", draft_kwargs, DRAFT_READERS),
    "library:full_text": ("get", draft_kwargs, DRAFT_READERS),
    "library:file": ("get", draft_file_kwargs, DRAFT_READERS),
    "library:edit": ("get", draft_kwargs, DRAFT_EDITOR),
    "library:entry_themes": ("get", draft_kwargs, DRAFT_EDITOR),
    "library:publish": ("get", draft_kwargs, DRAFT_EDITOR),
    "library:delete": ("get", draft_kwargs, DRAFT_EDITOR),
}
