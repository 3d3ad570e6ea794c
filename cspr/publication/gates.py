"""What must be done before a practice review is published, and whether it has been.

The rule is plain (`evaluate_gates`, no database): which gates a kind of review has and when each is met,
from the facts gathered by `gate_statuses`. A local CSPR has all five gates (WT 2023: quality assured,
final report sent to the Panel and the Secretary of State, the family has seen it, anonymised); another
learning review only needs to be quality assured and anonymised; a national review has none here, because
the Panel publishes it and the partnership records where.

An executive member may waive any gate with a reason (`PublicationWaiver`); a waived gate no longer stops
publication but stays on the page as waived, with who and why.
"""

import datetime as dt
from dataclasses import dataclass, field

from cspr.core.templatetags.govuk import govuk_date
from cspr.practice_reviews.models import InvolvementKind, InvolvementTrack, ReviewKind

from .models import CheckOutcome, CopyRecipient, Gate

GATES_BY_KIND = {
    ReviewKind.LOCAL_CSPR: tuple(Gate),
    ReviewKind.LEARNING_REVIEW: (Gate.QUALITY_ASSURED, Gate.ANONYMISATION_CHECKED),
    ReviewKind.NATIONAL_REVIEW: (),
}
# A checked subject whose findings are all decided, some of them to redact: the redacted copy is not in use.
TO_REDACT = "to_redact"


@dataclass(frozen=True)
class Waiver:
    reason: str
    waived_by: str
    waived_on: dt.date


@dataclass(frozen=True)
class GateFacts:
    """What has been recorded that the gates look at (dates, or None when not done)."""

    review_group_signed_off_on: dt.date | None = None
    executive_signed_off_on: dt.date | None = None
    copies_sent_on: dict[str, dt.date] = field(default_factory=dict)
    family_saw_report_on: dt.date | None = None
    # Each document or briefing to be published -> the outcome of its latest check (TO_REDACT when every
    # finding is decided but some are still to be redacted), or None when it was never checked or changed
    # after the check.
    checks: dict[str, str | None] = field(default_factory=dict)
    waivers: dict[str, Waiver] = field(default_factory=dict)


@dataclass(frozen=True)
class GateStatus:
    code: str
    title: str
    met: bool
    detail: str
    waiver: Waiver | None = None

    @property
    def outstanding(self) -> bool:
        """Still stops publication: neither met nor waived."""
        return not self.met and self.waiver is None

    @property
    def state(self) -> str:
        if self.met:
            return "Met"
        return "Waived" if self.waiver else "Outstanding"

    @property
    def colour(self) -> str:
        return {"Met": "green", "Waived": "yellow", "Outstanding": "red"}[self.state]


def evaluate_gates(kind: str, facts: GateFacts) -> list[GateStatus]:
    """Each gate of this kind of review, met or not, with what was recorded and any waiver."""
    statuses = []
    for gate in GATES_BY_KIND[kind]:
        met, detail = _CHECKS[gate](facts)
        statuses.append(GateStatus(gate.value, gate.label, met, detail, facts.waivers.get(gate.value)))
    return statuses


def outstanding_gates(statuses: list[GateStatus]) -> list[GateStatus]:
    return [status for status in statuses if status.outstanding]


def _quality_assured(facts: GateFacts) -> tuple[bool, str]:
    if facts.executive_signed_off_on and facts.review_group_signed_off_on:
        return True, (
            f"Signed off by the review group on {govuk_date(facts.review_group_signed_off_on)} and the "
            f"executive on {govuk_date(facts.executive_signed_off_on)}"
        )
    if facts.review_group_signed_off_on:
        return False, "Signed off by the review group; the executive has not signed it off yet"
    return False, "The final report has not been signed off yet"


def _copy(recipient: str):
    def check(facts: GateFacts) -> tuple[bool, str]:
        sent_on = facts.copies_sent_on.get(recipient)
        if sent_on:
            return True, f"Sent on {govuk_date(sent_on)}"
        return False, "Not sent yet"

    return check


def _family_seen(facts: GateFacts) -> tuple[bool, str]:
    if facts.family_saw_report_on:
        return True, f"Report shared with the family on {govuk_date(facts.family_saw_report_on)}"
    return False, "Not recorded yet: record it under family involvement"


def _anonymised(facts: GateFacts) -> tuple[bool, str]:
    """Met when every document and the briefings were checked since they last changed, every finding is
    decided, and nothing marked to redact is still there (the redacted copy is in use: using it checks
    again, and the carried-over decisions then leave only allowed details)."""
    if not facts.checks:
        return False, "Nothing to check yet: upload the documents to publish"

    def where(state) -> str:
        return ", ".join(subject for subject, found in facts.checks.items() if found == state)

    if where(None):
        return False, f"Not checked since last changed: {where(None)}"
    if where(CheckOutcome.FOUND):
        return False, f"Findings still to decide in: {where(CheckOutcome.FOUND)}"
    if where(TO_REDACT):
        return False, (
            f"Details marked to redact are still in: {where(TO_REDACT)}. Make the redacted copy and use it"
        )
    if where(CheckOutcome.RESOLVED):
        return (
            True,
            f"Every finding decided; details allowed with a reason in: {where(CheckOutcome.RESOLVED)}",
        )
    return True, "Nothing identifying found"


_CHECKS = {
    Gate.QUALITY_ASSURED: _quality_assured,
    Gate.COPY_TO_PANEL: _copy(CopyRecipient.PANEL),
    Gate.COPY_TO_SECRETARY_OF_STATE: _copy(CopyRecipient.SECRETARY_OF_STATE),
    Gate.FAMILY_SEEN_REPORT: _family_seen,
    Gate.ANONYMISATION_CHECKED: _anonymised,
}


def gate_statuses(review) -> list[GateStatus]:
    """The gates of `review` as they stand, from its records (a handful of queries)."""
    return evaluate_gates(review.kind, gather_facts(review))


def gather_facts(review) -> GateFacts:
    from .checks import subject_outcomes

    def check_state(outcome, check):
        if outcome == CheckOutcome.RESOLVED and check.redact_count:
            return TO_REDACT
        return outcome

    quality = getattr(review, "quality_assurance", None)
    family = (
        review.involvement_steps.filter(track=InvolvementTrack.FAMILY, step=InvolvementKind.REPORT_SHARED)
        .order_by("happened_on")
        .first()
    )
    waivers = {
        waiver.gate: Waiver(waiver.reason, waiver.waived_by.full_name, waiver.waived_on)
        for waiver in review.publication_waivers.select_related("waived_by")
    }
    return GateFacts(
        review_group_signed_off_on=quality.review_group_signed_off_on if quality else None,
        executive_signed_off_on=quality.executive_signed_off_on if quality else None,
        copies_sent_on=dict(review.final_report_copies.values_list("recipient", "sent_on")),
        family_saw_report_on=family.happened_on if family else None,
        checks={label: check_state(outcome, check) for label, outcome, check in subject_outcomes(review)},
        waivers=waivers,
    )
