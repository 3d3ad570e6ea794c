"""The anonymisation check in the product: running it over a review's documents and briefings, the
business manager's decision on each finding, and the names the review declares it may publish.

What the check finds, the reasons given and the declared names are case text (real names among them): the
audit trail says what was decided and how many places it covered, never the text itself.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from cspr.audit.log import REDACTED, record
from cspr.audit.models import AuditAction
from cspr.library.extract import ExtractionError

from ..anonymisation.engine import REDUCED_NAME_DETECTION
from ..checks import context_around, declared_for, subjects
from ..models import (
    AnonymisationCheck,
    AnonymisationFinding,
    CheckOutcome,
    DeclaredName,
    FindingDecision,
)


@dataclass
class CheckRun:
    """One run over the review: a new check per subject read, and the subjects whose file could not be
    read, with the reason (they stay unchecked, so the publication gate stays outstanding)."""

    checks: list[AnonymisationCheck] = field(default_factory=list)
    unreadable: list[tuple[str, str]] = field(default_factory=list)

    @property
    def found(self) -> int:
        return sum(check.found.count() for check in self.checks)

    @property
    def undecided(self) -> int:
        return sum(check.found.filter(decision=FindingDecision.OPEN).count() for check in self.checks)


def do_run_anonymisation_check(review, *, acting_user, request=None, engine=None) -> CheckRun:
    """Check every subject now and keep one new check each (earlier ones stay, as history). Decisions made
    earlier in this review on the same detail (type and text) carry over, so checking a corrected document
    again does not ask the same questions twice. The checker runs before the transaction opens: a long
    report must not hold the database while it is read."""
    declared = declared_for(review)
    results, unreadable = [], []
    for subject in subjects(review):
        try:
            results.append((subject, subject.check(declared, engine=engine)))
        except ExtractionError as error:
            unreadable.append((subject.label, str(error)))
    with transaction.atomic():
        earlier = _earlier_decisions(review)
        now = timezone.now()
        run = CheckRun(unreadable=unreadable)
        for subject, result in results:
            run.checks.append(_store(review, subject, result, earlier, now, acting_user, request))
    return run


def _earlier_decisions(review) -> dict[tuple[str, str], AnonymisationFinding]:
    """The latest decision on each (type, text) in any earlier check of this review."""
    decided = (
        AnonymisationFinding.objects.filter(check_run__practice_review=review)
        .exclude(decision=FindingDecision.OPEN)
        .order_by("decided_at", "pk")
    )
    return {(finding.type, finding.text): finding for finding in decided}


def _store(review, subject, result, earlier, now, acting_user, request) -> AnonymisationCheck:
    check = AnonymisationCheck.objects.create(
        partnership_id=review.partnership_id,
        practice_review=review,
        subject=subject.code,
        outcome=CheckOutcome.PASSED,
        checked_at=now,
        checked_by=acting_user,
        source_name=subject.source_name[:200],
        page_count=result.page_count,
        name_detection_reduced=REDUCED_NAME_DETECTION in result.warnings,
    )
    rows = []
    for position, finding in enumerate(result.findings, start=1):
        before, after = context_around(result.text, finding.start, finding.end)
        row = AnonymisationFinding(
            partnership_id=review.partnership_id,
            check_run=check,
            position=position,
            type=finding.type.value,
            text=finding.text[:500],
            start=finding.start,
            end=finding.end,
            page=finding.page,
            paragraph=finding.paragraph,
            confidence=finding.confidence,
            why=finding.why[:300],
            recogniser=finding.recogniser[:100],
            context_before=before[-300:],
            context_after=after[:300],
        )
        decided = earlier.get((row.type, row.text))
        if decided is not None:
            row.decision, row.replacement, row.reason = decided.decision, decided.replacement, decided.reason
            row.decided_by_id, row.decided_at = decided.decided_by_id, decided.decided_at
        rows.append(row)
    AnonymisationFinding.objects.bulk_create(rows)
    check.outcome = outcome_of(rows)
    check.save(update_fields=["outcome"])
    carried = sum(row.decision != FindingDecision.OPEN for row in rows)
    record(
        AuditAction.CREATE,
        actor=acting_user,
        request=request,
        obj=check,
        changes={
            "outcome": [None, check.outcome],
            "findings": [None, len(rows)],
            "decisions_carried_over": [None, carried],
        },
    )
    return check


def outcome_of(findings) -> str:
    """Nothing found, something still to decide, or everything decided."""
    if not findings:
        return CheckOutcome.PASSED
    if any(finding.decision == FindingDecision.OPEN for finding in findings):
        return CheckOutcome.FOUND
    return CheckOutcome.RESOLVED


@transaction.atomic
def do_decide_findings(
    check,
    *,
    finding_type: str,
    text: str,
    decision: str,
    replacement: str = "",
    reason: str = "",
    acting_user,
    request=None,
) -> int:
    """Redact (replaced by `replacement`: a pseudonym or "[redacted]") or allow (with the reason) every
    place in this check where the same detail was found. Returns how many places were decided."""
    decision = FindingDecision(decision)
    places = list(check.found.filter(type=finding_type, text=text).order_by("position"))
    if decision == FindingDecision.REDACT:
        reason = ""
    else:
        replacement = ""
    before = sorted({place.decision for place in places})
    now = timezone.now()
    for place in places:
        place.decision, place.replacement, place.reason = decision, replacement, reason
        place.decided_by, place.decided_at = acting_user, now
    AnonymisationFinding.objects.bulk_update(
        places, ["decision", "replacement", "reason", "decided_by", "decided_at"]
    )
    old_outcome = check.outcome
    check.outcome = outcome_of(list(check.found.all()))
    check.save(update_fields=["outcome"])
    changes = {
        "positions": [place.position for place in places],
        "decision": [before[0] if len(before) == 1 else before, decision.value],
        "text": REDACTED,
        "replacement": REDACTED if replacement else None,
        "reason": REDACTED if reason else None,
    }
    if old_outcome != check.outcome:
        changes["outcome"] = [old_outcome, check.outcome]
    record(AuditAction.CHANGE, actor=acting_user, request=request, obj=check, changes=changes)
    return len(places)


@transaction.atomic
def do_declare_name(
    review, *, kind: str, name: str, stands_for: str = "", reason: str = "", acting_user, request=None
) -> DeclaredName:
    """A pseudonym (and the real name it stands for) or a name published by design (with the reason): the
    next check uses it."""
    declared = DeclaredName.objects.create(
        partnership_id=review.partnership_id,
        practice_review=review,
        kind=kind,
        name=name,
        stands_for=stands_for,
        reason=reason,
        created_by=acting_user,
    )
    record(
        AuditAction.CREATE,
        actor=acting_user,
        request=request,
        obj=declared,
        changes={
            "kind": [None, kind],
            "name": [None, REDACTED],
            "stands_for": [None, REDACTED if stands_for else None],
            "reason": [None, REDACTED if reason else None],
        },
    )
    return declared


@transaction.atomic
def do_remove_declared_name(declared, *, acting_user, request=None) -> None:
    record(
        AuditAction.DELETE,
        actor=acting_user,
        request=request,
        obj=declared,
        changes={"kind": [declared.kind, None], "name": [REDACTED, None]},
    )
    declared.delete()
