"""Checking a library entry before and after it goes public: correcting what the importer guessed,
confirming or removing the themes it suggested, putting a draft into the public library, and deleting an
imported entry added by mistake.

Each change is one transaction with its audit row on the entry. The title, summary and reviewer's name are
free text (a title may carry a pseudonym such as "Child W"): the log says they changed, not what they say.
Theme changes are logged by label, which is the taxonomy's vocabulary, never text from the report.
"""

from django.db import transaction
from django.utils import timezone

from cspr.audit.log import changes_between, record, snapshot
from cspr.audit.models import AuditAction

from ..models import EntrySource, EntryStatus, EntryTheme, LibraryEntry, ThemeState

EDITABLE_FIELDS = [
    "title",
    "area",
    "year",
    "review_type",
    "age_band",
    "harm",
    "summary",
    "reviewer",
    "published_on",
]
REDACT = ["title", "summary", "reviewer"]


class EntryRuleBroken(ValueError):
    """The change would leave the entry in a state the library does not allow; the message says why, in
    words for the person who asked."""


def publish_blockers(entry: LibraryEntry) -> list[str]:
    """What is missing before the entry can go into the public library: the year and the review type (the
    facets every search offers) and at least one theme a person has confirmed (suggestions are not
    enough: the public library only shows themes someone has read the evidence for)."""
    missing = []
    if entry.year is None:
        missing.append("Enter the year the review was published")
    if not entry.review_type:
        missing.append("Select the type of review")
    if not entry.entry_themes.filter(state=ThemeState.CONFIRMED).exists():
        missing.append("Confirm at least one theme")
    return missing


def _locked(entry: LibraryEntry) -> LibraryEntry:
    return LibraryEntry.objects.select_for_update().get(pk=entry.pk)


@transaction.atomic
def do_edit_entry(entry: LibraryEntry, *, fields: dict, acting_user, request=None) -> LibraryEntry:
    """Correct the entry's details. A public entry keeps its year and review type: search facets and
    analytics count them (the form asks for them; this refuses a caller that does not)."""
    entry = _locked(entry)
    before = snapshot(entry, EDITABLE_FIELDS)
    for name in EDITABLE_FIELDS:
        setattr(entry, name, fields[name])
    if entry.is_public and (entry.year is None or not entry.review_type):
        raise EntryRuleBroken("A review in the public library needs its year and type of review")
    entry.save()
    changes = changes_between(before, snapshot(entry, EDITABLE_FIELDS), redact=REDACT)
    if changes:
        record(AuditAction.CHANGE, actor=acting_user, request=request, obj=entry, changes=changes)
    return entry


def _record_theme(entry, label: str, before: str | None, after: str, *, acting_user, request) -> None:
    record(
        AuditAction.CHANGE,
        actor=acting_user,
        request=request,
        obj=entry,
        changes={f"theme: {label}": [before, after]},
    )


@transaction.atomic
def do_decide_theme(entry_theme: EntryTheme, *, confirm: bool, acting_user, request=None) -> EntryTheme:
    """Confirm a theme (suggested, or removed earlier), or remove one (suggested or confirmed). A removed
    theme is kept, marked removed, so that tagging the text again does not suggest it again. The last
    confirmed theme of a public entry stays: the public library shows no review without a theme."""
    entry = _locked(entry_theme.entry)
    entry_theme = EntryTheme.objects.select_for_update().select_related("theme").get(pk=entry_theme.pk)
    new_state = ThemeState.CONFIRMED if confirm else ThemeState.REMOVED
    if entry_theme.state == new_state:
        return entry_theme
    if (
        not confirm
        and entry.is_public
        and entry_theme.state == ThemeState.CONFIRMED
        and not entry.entry_themes.filter(state=ThemeState.CONFIRMED).exclude(pk=entry_theme.pk).exists()
    ):
        raise EntryRuleBroken(
            "A review in the public library needs at least one theme: confirm another theme before "
            "removing this one"
        )
    before = entry_theme.state
    entry_theme.state = new_state
    entry_theme.decided_by = acting_user
    entry_theme.decided_at = timezone.now()
    entry_theme.save(update_fields=["state", "decided_by", "decided_at"])
    _record_theme(entry, entry_theme.theme.label, before, new_state, acting_user=acting_user, request=request)
    return entry_theme


@transaction.atomic
def do_add_theme(entry: LibraryEntry, theme, *, acting_user, request=None) -> EntryTheme:
    """Add a theme by hand, confirmed: one the tagger did not suggest, or one removed earlier (its evidence
    sentences, if any, are kept)."""
    entry = _locked(entry)
    entry_theme, created = EntryTheme.objects.select_for_update().get_or_create(entry=entry, theme=theme)
    if not created and entry_theme.state == ThemeState.CONFIRMED:
        return entry_theme
    before = None if created else entry_theme.state
    entry_theme.state = ThemeState.CONFIRMED
    entry_theme.decided_by = acting_user
    entry_theme.decided_at = timezone.now()
    entry_theme.save()
    _record_theme(entry, theme.label, before, ThemeState.CONFIRMED, acting_user=acting_user, request=request)
    return entry_theme


@transaction.atomic
def do_publish_entry(entry: LibraryEntry, *, acting_user, request=None) -> LibraryEntry:
    """Put a draft into the public library, where anyone can read it without signing in. Refused
    (`EntryRuleBroken`, naming what is missing) until `publish_blockers` finds nothing."""
    entry = _locked(entry)
    if entry.is_public:
        return entry
    missing = publish_blockers(entry)
    if missing:
        raise EntryRuleBroken("; ".join(missing))
    entry.status = EntryStatus.PUBLIC
    entry.save(update_fields=["status", "updated_at"])
    record(
        AuditAction.CHANGE,
        actor=acting_user,
        request=request,
        obj=entry,
        changes={"status": [EntryStatus.DRAFT.value, EntryStatus.PUBLIC.value]},
    )
    return entry


@transaction.atomic
def do_delete_entry(entry: LibraryEntry, *, acting_user, request=None) -> None:
    """Delete an imported entry (added by mistake, or the wrong file) with its text, themes,
    recommendations and files. Reviews published in cspr stay: their entry is the library's copy of a
    published review. The stored files are removed once the deletion is committed, so a failure keeps
    them; action plans that adopted its recommendations keep their copy of the text."""
    entry = _locked(entry)
    if entry.source != EntrySource.IMPORTED:
        raise EntryRuleBroken("Only imported reviews can be deleted")
    files = [library_file.file for library_file in entry.files.all()]
    changes = changes_between(snapshot(entry, ["status", "source", *EDITABLE_FIELDS]), {}, redact=REDACT) | {
        "files": [len(files), 0]
    }
    record(AuditAction.DELETE, actor=acting_user, request=request, obj=entry, changes=changes)
    entry.delete()
    for stored in files:
        transaction.on_commit(lambda stored=stored: stored.storage.delete(stored.name))
