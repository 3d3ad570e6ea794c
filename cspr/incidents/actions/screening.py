"""Screening writes: each answer as it is given, the confirmed outcome, and the partners' decisions.

Each is atomic and writes its audit rows in the same transaction. Reasons and partners' comments are free
text about the case, so the audit log records that they changed but never what they say.
"""

from django.db import transaction
from django.utils import timezone

from cspr.audit.log import changes_between, record, snapshot
from cspr.audit.models import AuditAction
from cspr.incidents import screening_rules as rules
from cspr.incidents.models import Incident, IncidentStatus, PartnerDecision, Screening

SCREENING_FIELDS = ["answers", "outcome", "reasons", "other_learning_review", "decided_by", "decided_at"]
INCIDENT_FIELDS = ["status", "nature", "place"]
PARTNER_DECISION_FIELDS = ["partner", "agrees", "person_name", "person_role", "decided_on", "comment"]
REDACTED_FIELDS = ["reasons", "comment"]

# The incident's status once each outcome is confirmed.
STATUS_FOR_OUTCOME = {
    rules.Outcome.NOTIFIABLE: IncidentStatus.NOTIFICATION_DUE,
    rules.Outcome.LOOKED_AFTER_DEATH: IncidentStatus.LOOKED_AFTER_DEATH,
    rules.Outcome.CARE_LEAVER_DEATH: IncidentStatus.CARE_LEAVER_DEATH,
    rules.Outcome.NOT_NOTIFIABLE: IncidentStatus.NOT_NOTIFIABLE,
}


class ScreeningLocked(Exception):
    """The notification has gone to the Panel: what it was based on may no longer change."""


def screening_is_locked(incident: Incident) -> bool:
    """Screening may be redone until the notification is submitted to the Panel."""
    return incident.notified_on is not None


def _screening_for_update(incident: Incident) -> tuple[Screening, bool]:
    """The incident's screening, locked for this transaction, or a new unsaved one; and whether it is new."""
    screening = Screening.objects.select_for_update().filter(incident=incident).first()
    if screening is not None:
        return screening, False
    return Screening(partnership_id=incident.partnership_id, incident=incident), True


@transaction.atomic
def do_record_screening_answer(incident: Incident, code: str, answer, *, acting_user, request) -> Screening:
    """Save one answer as soon as it is given, so that nothing is lost if the person leaves.

    The outcome is not touched: it changes only when confirmed. Answers the new one makes irrelevant
    are dropped (see `screening_rules.record_answer`).
    """
    if screening_is_locked(incident):
        raise ScreeningLocked
    screening, is_new = _screening_for_update(incident)
    before = {"answers": screening.answers} if not is_new else {}
    answers = rules.record_answer(screening.answers, code, answer)
    if not is_new and answers == screening.answers:
        return screening
    screening.answers = answers
    screening.save()
    record(
        AuditAction.CREATE if is_new else AuditAction.CHANGE,
        actor=acting_user,
        request=request,
        obj=screening,
        changes=changes_between(before, {"answers": answers}),
    )
    return screening


@transaction.atomic
def do_confirm_screening(
    incident: Incident, *, reasons: str, other_learning_review: bool, acting_user, request
) -> rules.Decision:
    """Confirm the outcome the answers lead to: the screening records it and the incident moves on.

    Sets the incident's status (notification due, or one of the outcomes without a Panel notification),
    its nature (death or serious harm) and, for a notification, where it happened.
    """
    if screening_is_locked(incident):
        raise ScreeningLocked
    screening, is_new = _screening_for_update(incident)
    if is_new:
        raise rules.IncompleteScreening("Answer the screening questions before confirming an outcome")
    decision = rules.decide(screening.answers)
    screening_before = snapshot(screening, SCREENING_FIELDS)
    incident_before = snapshot(incident, INCIDENT_FIELDS)

    screening.answers = {code: screening.answers[code] for code in rules.answered_route(screening.answers)}
    screening.outcome = decision.outcome.value
    screening.reasons = reasons
    screening.other_learning_review = (
        other_learning_review and decision.outcome == rules.Outcome.NOT_NOTIFIABLE
    )
    screening.decided_by = acting_user
    screening.decided_at = timezone.now()
    screening.save()

    incident.status = STATUS_FOR_OUTCOME[decision.outcome]
    if decision.nature is not None:
        incident.nature = decision.nature
    if decision.place is not None:
        incident.place = decision.place
    incident.save(update_fields=[*INCIDENT_FIELDS, "updated_at"])

    record(
        AuditAction.CHANGE,
        actor=acting_user,
        request=request,
        obj=screening,
        changes=changes_between(
            screening_before, snapshot(screening, SCREENING_FIELDS), redact=REDACTED_FIELDS
        ),
    )
    record(
        AuditAction.CHANGE,
        actor=acting_user,
        request=request,
        obj=incident,
        changes=changes_between(incident_before, snapshot(incident, INCIDENT_FIELDS)),
    )
    return decision


@transaction.atomic
def do_record_partner_decision(
    incident: Incident, cleaned_data: dict, *, acting_user, request
) -> PartnerDecision:
    """Record one safeguarding partner's agreement or disagreement to notify.

    A disagreement does not stop the notification (the local authority decides) but stays on record.
    Each decision is a new record, so a partner who changes their view leaves both on the screening.
    """
    screening, is_new = _screening_for_update(incident)
    if is_new:
        screening.save()
        record(AuditAction.CREATE, actor=acting_user, request=request, obj=screening)
    decision = PartnerDecision.objects.create(
        partnership_id=incident.partnership_id,
        screening=screening,
        partner=cleaned_data["partner"],
        agrees=cleaned_data["agrees"] == "yes",
        person_name=cleaned_data["person_name"],
        person_role=cleaned_data["person_role"],
        decided_on=cleaned_data["decided_on"],
        comment=cleaned_data.get("comment", ""),
        recorded_by=acting_user,
    )
    record(
        AuditAction.CREATE,
        actor=acting_user,
        request=request,
        obj=decision,
        changes=changes_between({}, snapshot(decision, PARTNER_DECISION_FIELDS), redact=REDACTED_FIELDS),
    )
    return decision
