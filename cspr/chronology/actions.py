"""Changes to the chronology, each atomic and written to the audit trail in the same transaction.

The log never holds what an entry says: its free text (facts, action or outcome, significance, reviewer
note, practitioner role, source) is redacted, so the log records that it changed, not what it says. An
upload is one audit row with the number of entries imported, never the file's name (people name files
after the child).
"""

from django.db import transaction

from cspr.audit.log import changes_between, record, snapshot
from cspr.audit.models import AuditAction

from .models import ChronologyEntry, DuplicateDecision
from .upload import EntryRow

ENTRY_FIELDS = [
    "reference",
    "start_on",
    "start_precision",
    "start_as_written",
    "start_time",
    "end_on",
    "end_time",
    "source_reference",
    "practitioner_role",
    "event_type",
    "facts",
    "action_outcome",
    "significance",
    "key_practice_episode",
    "reviewer_note",
]
REDACTED_FIELDS = [
    "facts",
    "action_outcome",
    "significance",
    "reviewer_note",
    "practitioner_role",
    "source_reference",
]
IMPORT_BATCH = 1000


class DecisionRefused(Exception):
    """The pair cannot be decided (already decided or merged, meanwhile): the message says so."""


def _for_return(agency_return, values: dict, acting_user) -> ChronologyEntry:
    return ChronologyEntry(
        partnership_id=agency_return.partnership_id,
        rapid_review_id=agency_return.rapid_review_id,
        agency_return=agency_return,
        agency_id=agency_return.agency_id,
        created_by=acting_user,
        **values,
    )


@transaction.atomic
def do_add_entry(agency_return, values: dict, *, acting_user, request=None) -> ChronologyEntry:
    entry = _for_return(agency_return, values, acting_user)
    entry.save()
    record(
        AuditAction.CREATE,
        actor=acting_user,
        request=request,
        obj=entry,
        changes=changes_between({}, snapshot(entry, ENTRY_FIELDS), redact=REDACTED_FIELDS),
    )
    return entry


@transaction.atomic
def do_change_entry(entry: ChronologyEntry, values: dict, *, acting_user, request=None) -> ChronologyEntry:
    before = snapshot(entry, ENTRY_FIELDS)
    for name, value in values.items():
        setattr(entry, name, value)
    entry.save()
    record(
        AuditAction.CHANGE,
        actor=acting_user,
        request=request,
        obj=entry,
        changes=changes_between(before, snapshot(entry, ENTRY_FIELDS), redact=REDACTED_FIELDS),
    )
    return entry


@transaction.atomic
def do_delete_entry(entry: ChronologyEntry, *, acting_user, request=None) -> None:
    record(AuditAction.DELETE, actor=acting_user, request=request, obj=entry)
    entry.delete()


@transaction.atomic
def do_import_entries(agency_return, rows: list[EntryRow], *, acting_user, request=None) -> int:
    """Create every row of a checked upload (all or nothing: the caller passes only a valid upload)."""
    entries = [
        _for_return(
            agency_return,
            {name: getattr(row, name) for name in ENTRY_FIELDS},
            acting_user,
        )
        for row in rows
    ]
    ChronologyEntry.objects.bulk_create(entries, batch_size=IMPORT_BATCH)
    record(
        AuditAction.CREATE,
        actor=acting_user,
        request=request,
        obj=agency_return,
        object_repr=f"{agency_return.audit_label()}: chronology upload of {len(entries)} entries",
        changes={"chronology_entries_imported": [None, len(entries)]},
    )
    return len(entries)


@transaction.atomic
def do_decide_duplicate(
    rapid_review, first_id: int, second_id: int, *, merge: bool, acting_user, request=None
) -> DuplicateDecision:
    """Merge the second entry into the first (it leaves the integrated chronology, the first stays), or
    keep both; either way the pair is not flagged again."""
    entries = {
        entry.pk: entry
        for entry in ChronologyEntry.objects.select_for_update().filter(
            rapid_review=rapid_review, pk__in=[first_id, second_id]
        )
    }
    first, second = entries.get(first_id), entries.get(second_id)
    if first is None or second is None or first_id == second_id:
        raise DecisionRefused("These entries are no longer in the chronology")
    if first.merged_into_id or second.merged_into_id:
        raise DecisionRefused("One of these entries has already been merged into another")
    if DuplicateDecision.objects.filter(first__in=[first, second], second__in=[first, second]).exists():
        raise DecisionRefused("These entries have already been decided")
    decision = DuplicateDecision.objects.create(
        partnership_id=rapid_review.partnership_id,
        rapid_review=rapid_review,
        first=first,
        second=second,
        decision=DuplicateDecision.Decision.MERGED if merge else DuplicateDecision.Decision.KEPT,
        decided_by=acting_user,
    )
    record(
        AuditAction.CREATE,
        actor=acting_user,
        request=request,
        obj=decision,
        changes={
            "first": [None, first.pk],
            "second": [None, second.pk],
            "decision": [None, decision.decision],
        },
    )
    if merge:
        second.merged_into = first
        second.save(update_fields=["merged_into", "updated_at"])
        # Entries merged earlier into the second now belong to the first.
        ChronologyEntry.objects.filter(merged_into=second).update(merged_into=first)
        record(
            AuditAction.CHANGE,
            actor=acting_user,
            request=request,
            obj=second,
            changes={"merged_into": [None, first.pk]},
        )
    return decision
