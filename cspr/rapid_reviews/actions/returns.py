"""Agency requests and returns: asking agencies for returns, saving and submitting a return, reopening it.

Each write is atomic, records its audit rows in the same transaction and sends its emails once committed.
The request message, the return's six sections and the reason for reopening are free text about the case,
so the audit log says that they changed, never what they say. Emails give the incident's reference, the
agency, the due date and a link; never a child's name, nor any of that free text.
"""

import datetime as dt
import logging
import smtplib
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from cspr.accounts.models import Role, User
from cspr.audit.log import changes_between, record, snapshot
from cspr.audit.models import AuditAction
from cspr.core.templatetags.govuk import govuk_date
from cspr.deadlines.clock import record_step_completion
from cspr.deadlines.models import StepCompletion
from cspr.partnerships.actions import do_save_agency

from ..forms.returns import RETURN_SECTIONS
from ..models import AgencyReturn, RapidReview, ReturnStatus

logger = logging.getLogger(__name__)

REQUEST_FIELDS = [
    "rapid_review",
    "agency",
    "status",
    "requested_on",
    "due_on",
    "request_message",
    "requested_by",
]
RETURN_FIELDS = [*RETURN_SECTIONS, "status", "submitted_on", "submitted_by"]
REOPEN_FIELDS = ["status", "reopened_reason", "due_on", "submitted_on", "submitted_by"]
FREE_TEXT = [*RETURN_SECTIONS, "request_message", "reopened_reason"]
# The rapid review plan's first step: done when the first requests go to the agencies.
AGENCY_LEADS_CONTACTED = "agency_leads_contacted"


class ReturnLocked(Exception):
    """The return or its rapid review moved on meanwhile (submitted, reopened or sent): nothing is saved."""


class ReturnIncomplete(Exception):
    """A return cannot be submitted without the summary of its agency's involvement."""


@transaction.atomic
def do_request_returns(
    rapid_review: RapidReview,
    *,
    agencies,
    new_agency_form=None,
    due_on: dt.date,
    message: str,
    acting_user,
    request,
) -> list[AgencyReturn]:
    """Ask each agency (and the new one, added to the partnership first) for its return.

    Agencies already asked are left alone, so sending the form twice asks nobody twice. The agencies
    become involved in the incident, which lets their safeguarding leads see it. The first requests
    complete the clock's "letters to agency leads" step on the day they go.
    """
    today = timezone.localdate()
    rapid_review = RapidReview.objects.select_for_update().select_related("incident").get(pk=rapid_review.pk)
    if rapid_review.is_sent:
        raise ReturnLocked
    incident = rapid_review.incident
    agencies = list(agencies)
    if new_agency_form is not None:
        agencies.append(do_save_agency(new_agency_form, acting_user=acting_user, request=request))
    asked = set(rapid_review.returns.values_list("agency_id", flat=True))
    created = []
    for agency in agencies:
        if agency.pk in asked:
            continue
        asked.add(agency.pk)
        agency_return = AgencyReturn.objects.create(
            partnership_id=rapid_review.partnership_id,
            rapid_review=rapid_review,
            agency=agency,
            requested_on=today,
            due_on=due_on,
            request_message=message,
            requested_by=acting_user,
        )
        record(
            AuditAction.CREATE,
            actor=acting_user,
            request=request,
            obj=agency_return,
            changes=changes_between({}, snapshot(agency_return, REQUEST_FIELDS), redact=FREE_TEXT),
        )
        created.append(agency_return)
    _involve_agencies(incident, [agency_return.agency for agency_return in created], acting_user, request)
    contacted = StepCompletion.objects.filter(incident=incident, step_code=AGENCY_LEADS_CONTACTED)
    if created and not contacted.exists():
        record_step_completion(incident, AGENCY_LEADS_CONTACTED, today, actor=acting_user, request=request)
    for agency_return in created:
        transaction.on_commit(partial(send_request_email, agency_return))
    return created


def _involve_agencies(incident, agencies, acting_user, request) -> None:
    before = snapshot(incident, ["agencies_involved"])
    incident.agencies_involved.add(*agencies)
    changes = changes_between(before, snapshot(incident, ["agencies_involved"]))
    if changes:
        record(AuditAction.CHANGE, actor=acting_user, request=request, obj=incident, changes=changes)


def _locked(agency_return: AgencyReturn) -> AgencyReturn:
    """The return, locked for this transaction, with its rapid review and incident."""
    return (
        AgencyReturn.objects.select_for_update()
        .select_related("rapid_review__incident", "agency")
        .get(pk=agency_return.pk)
    )


@transaction.atomic
def do_save_return_draft(
    agency_return: AgencyReturn, sections: dict, *, acting_user, request
) -> AgencyReturn:
    """Keep the agency's work so far; nothing is required and nobody is told."""
    agency_return = _locked(agency_return)
    if not agency_return.is_editable or agency_return.rapid_review.is_sent:
        raise ReturnLocked
    before = snapshot(agency_return, RETURN_FIELDS)
    for name in RETURN_SECTIONS:
        setattr(agency_return, name, sections.get(name, ""))
    agency_return.status = ReturnStatus.DRAFT
    agency_return.save()
    changes = changes_between(before, snapshot(agency_return, RETURN_FIELDS), redact=FREE_TEXT)
    if changes:
        record(AuditAction.CHANGE, actor=acting_user, request=request, obj=agency_return, changes=changes)
    return agency_return


@transaction.atomic
def do_submit_return(agency_return: AgencyReturn, *, acting_user, request) -> AgencyReturn:
    """Submit the return as saved (the person has just checked it): it is then closed to changes."""
    agency_return = _locked(agency_return)
    if not agency_return.is_editable or agency_return.rapid_review.is_sent:
        raise ReturnLocked
    if not agency_return.summary_of_involvement.strip():
        raise ReturnIncomplete
    before = snapshot(agency_return, RETURN_FIELDS)
    agency_return.status = ReturnStatus.SUBMITTED
    agency_return.submitted_on = timezone.localdate()
    agency_return.submitted_by = acting_user
    agency_return.save()
    record(
        AuditAction.SEND,
        actor=acting_user,
        request=request,
        obj=agency_return,
        changes=changes_between(before, snapshot(agency_return, RETURN_FIELDS), redact=FREE_TEXT),
    )
    return agency_return


@transaction.atomic
def do_reopen_return(
    agency_return: AgencyReturn, *, reason: str, due_on: dt.date, acting_user, request
) -> AgencyReturn:
    """Open a submitted return again for the agency, with the business manager's reason and a new due date.

    The reminders then chase it against the new date; its submission date is cleared until it is submitted
    again (the audit log keeps the first one).
    """
    agency_return = _locked(agency_return)
    if agency_return.status != ReturnStatus.SUBMITTED or agency_return.rapid_review.is_sent:
        raise ReturnLocked
    before = snapshot(agency_return, REOPEN_FIELDS)
    agency_return.status = ReturnStatus.REOPENED
    agency_return.reopened_reason = reason
    agency_return.due_on = due_on
    agency_return.submitted_on = None
    agency_return.submitted_by = None
    agency_return.save()
    record(
        AuditAction.CHANGE,
        actor=acting_user,
        request=request,
        obj=agency_return,
        changes=changes_between(before, snapshot(agency_return, REOPEN_FIELDS), redact=FREE_TEXT),
    )
    transaction.on_commit(partial(send_reopened_email, agency_return))
    return agency_return


def agency_addresses(agency) -> list[str]:
    """Where an agency's requests go: its active safeguarding leads in cspr and its contact email."""
    leads = User.objects.filter(role=Role.AGENCY_LEAD, agency=agency, is_active=True).exclude(email="")
    addresses = [*leads.order_by("email").values_list("email", flat=True), agency.email]
    return list(dict.fromkeys(address for address in addresses if address))


def send_request_email(agency_return: AgencyReturn) -> None:
    incident = agency_return.rapid_review.incident
    subject = f"Agency return requested: incident {incident.reference}"
    opening = (
        f"{incident.partnership.name} asks {agency_return.agency.name} for an agency return (individual "
        f"agency summary) for the rapid review of incident {incident.reference}."
    )
    _send_to_agency(agency_return, subject, opening)


def send_reopened_email(agency_return: AgencyReturn) -> None:
    incident = agency_return.rapid_review.incident
    subject = f"Agency return reopened: incident {incident.reference}"
    opening = (
        f"The business manager of {incident.partnership.name} has reopened the agency return of "
        f"{agency_return.agency.name} for the rapid review of incident {incident.reference}. "
        "The reason is on the return's page."
    )
    _send_to_agency(agency_return, subject, opening)


def _send_to_agency(agency_return: AgencyReturn, subject: str, opening: str) -> None:
    """One plain-text email per address. A failure is logged, not raised: the request stands in cspr and
    the reminders chase it."""
    body = "\n".join(
        [
            opening,
            "",
            f"Due: {govuk_date(agency_return.due_on)}",
            "",
            f"Open the return: {settings.SITE_URL}{agency_return.get_absolute_url()}",
            "",
            "Sign in to read the business manager's message, complete the return and add your agency's "
            "chronology entries. Please do not reply to this email with details of the case.",
        ]
    )
    for address in agency_addresses(agency_return.agency):
        try:
            send_mail(subject, body, None, [address])
        except (smtplib.SMTPException, OSError):
            logger.exception("Email about agency return %s failed", agency_return.pk)
