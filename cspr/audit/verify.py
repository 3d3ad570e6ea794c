"""Checking the audit chain: every entry present, each hash matching its content and its predecessor."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Subquery

from cspr.audit.models import GENESIS_HASH, AuditEvent, ChainHead

CHUNK_SIZE = 2000


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    broken_at: int | None = None
    reason: str = ""

    def __str__(self):
        if self.ok:
            return f"Audit chain intact: {self.checked} entries checked."
        return f"Audit chain broken at entry {self.broken_at}: {self.reason}"


def verify_chain(progress: Callable[[int, int], None] | None = None, every: int = CHUNK_SIZE) -> ChainReport:
    """Walk the chain in sequence order up to the chain head, reporting the first break.

    The head is read first and only entries up to it are checked, so entries appended while this runs
    do not count as breaks; entries beyond the head that no writer accounts for do.
    """
    head = ChainHead.objects.filter(pk=1).first()
    if head is None:
        first = AuditEvent.objects.order_by("sequence").values_list("sequence", flat=True).first()
        if first is None:
            return ChainReport(ok=True, checked=0)
        return ChainReport(ok=False, checked=0, broken_at=first, reason="chain head is missing")

    total = head.last_sequence
    expected, prev_hash, checked = 1, GENESIS_HASH, 0
    entries = AuditEvent.objects.filter(sequence__lte=total).order_by("sequence")
    for event in entries.iterator(chunk_size=CHUNK_SIZE):
        if event.sequence != expected:
            return _broken(checked, expected, f"sequence {expected} is missing")
        if event.compute_hash() != event.hash:
            return _broken(checked, expected, "hash does not match content")
        if event.prev_hash != prev_hash:
            return _broken(checked, expected, "previous hash does not match")
        checked += 1
        expected += 1
        prev_hash = event.hash
        if progress is not None and checked % every == 0:
            progress(checked, total)

    if checked < total:
        return _broken(checked, expected, f"sequence {expected} is missing")
    if prev_hash != head.last_hash:
        return _broken(checked, total, "chain head does not match last row")
    # One statement, so a writer appending meanwhile moves the head and its row together.
    current_head = ChainHead.objects.filter(pk=1).values("last_sequence")
    stray = (
        AuditEvent.objects.filter(sequence__gt=Subquery(current_head))
        .order_by("sequence")
        .values_list("sequence", flat=True)
        .first()
    )
    if stray is not None:
        return _broken(checked, stray, "chain head does not match last row")
    if progress is not None:
        progress(checked, total)
    return ChainReport(ok=True, checked=checked)


def _broken(checked: int, sequence: int, reason: str) -> ChainReport:
    return ChainReport(ok=False, checked=checked, broken_at=sequence, reason=reason)
