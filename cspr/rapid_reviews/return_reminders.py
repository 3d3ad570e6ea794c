"""Chasing agency returns: the part of `cspr remind` that reminds agencies of their open returns.

Each open return (requested, draft or reopened) of a rapid review not yet sent to the Panel is due on its
own date, so it follows the same plan as every other deadline (`reminder_for`): a few working days before,
on the day and every working day while overdue, escalating to the business managers and then the
executive. The owners are the agency's active safeguarding leads; the agency's contact email is not
chased, because `ReminderSent` records a reminder per person.

Returns of one incident due the same day are reminded together, so a business manager gets one email
naming every agency late with it: `ReminderSent`'s key (incident, step, due date, person, stage, day) then
holds exactly one email per person, and running the sweep twice in a day sends nothing twice.
"""

import logging
import smtplib
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from cspr.accounts.models import Role, User
from cspr.core.templatetags.govuk import govuk_date
from cspr.deadlines.models import ReminderSent
from cspr.deadlines.owners import partnership_people
from cspr.deadlines.reminders import Audience, Reminder, SweepResult, reminder_for

from .models import AgencyReturn, ReturnStatus

logger = logging.getLogger(__name__)

STEP_CODE = "agency_return_request"
OPEN_STATUSES = (ReturnStatus.REQUESTED, ReturnStatus.DRAFT, ReturnStatus.REOPENED)


def open_returns():
    """The returns still awaited: not submitted, and their rapid review not yet sent to the Panel."""
    return (
        AgencyReturn.objects.filter(status__in=OPEN_STATUSES, rapid_review__sent_on__isnull=True)
        .select_related("agency", "partnership", "rapid_review__incident")
        .order_by("due_on", "pk")
    )


def send_return_reminders(today, calendar, rules, result: SweepResult, *, dry_run: bool = False) -> None:
    """Add today's agency return reminders to `result` (sent, or only counted with `dry_run`)."""
    groups: dict[tuple, list[AgencyReturn]] = defaultdict(list)
    for agency_return in open_returns():
        result.open_returns += 1
        groups[(agency_return.rapid_review.incident_id, agency_return.due_on)].append(agency_return)
    for returns in groups.values():
        reminder = reminder_for(returns[0].due_on, today, calendar, rules)
        if reminder is None:
            continue
        result.reminders += len(returns)
        recipients = return_recipients(returns, reminder)
        sent_before = result.sent
        for user, audiences, theirs in recipients.values():
            if dry_run:
                result.sent += 1
            else:
                _send_one(theirs, reminder, user, audiences, today, result)
        incident = returns[0].rapid_review.incident
        result.progress.append(
            f"Incident {incident.reference}, {STEP_CODE} ({len(returns)} agency return(s) due "
            f"{returns[0].due_on.isoformat()}): {reminder.stage}, "
            f"{result.sent - sent_before} of {len(recipients)} email(s)"
        )


def return_recipients(returns: list[AgencyReturn], reminder: Reminder) -> dict:
    """{user id: (user, audiences, returns)}: each agency's leads about their own return; the business
    managers and executive, once it escalates, about all of them; one email per person."""
    partnership_id = returns[0].partnership_id
    leads = User.objects.filter(
        role=Role.AGENCY_LEAD, is_active=True, agency_id__in=[r.agency_id for r in returns]
    )
    groups = [
        (Audience.OWNERS, user, [r for r in returns if r.agency_id == user.agency_id]) for user in leads
    ]
    for audience, role in (
        (Audience.BUSINESS_MANAGERS, Role.BUSINESS_MANAGER),
        (Audience.EXECUTIVE, Role.EXECUTIVE_MEMBER),
    ):
        if audience in reminder.audiences:
            groups += [(audience, user, returns) for user in partnership_people(partnership_id, role)]
    recipients: dict[int, tuple] = {}
    for audience, user, theirs in groups:
        if not user.email:
            continue
        entry = recipients.setdefault(user.pk, (user, [], []))
        entry[1].append(audience)
        entry[2].extend(r for r in theirs if r not in entry[2])
    return recipients


def _send_one(returns, reminder, user, audiences, today, result: SweepResult) -> None:
    incident = returns[0].rapid_review.incident
    try:
        with transaction.atomic():
            _, created = ReminderSent.objects.get_or_create(
                partnership_id=incident.partnership_id,
                incident=incident,
                step_code=STEP_CODE,
                due_on=returns[0].due_on,
                recipient=user,
                stage=reminder.stage,
                sent_on=today,
            )
            if not created:
                result.already_sent += 1
                return
            subject, body = return_reminder_email(returns, reminder, audiences)
            # Inside the transaction: if the email fails, the record rolls back and the next run retries.
            send_mail(subject, body, None, [user.email])
    except (smtplib.SMTPException, OSError):
        logger.exception("Agency return reminder for incident %s failed", incident.pk)
        result.failed += 1
        return
    result.sent += 1


def return_reminder_email(returns: list[AgencyReturn], reminder: Reminder, audiences) -> tuple[str, str]:
    """Subject and plain text: reference, agencies, due date, timing and links; never a child's name."""
    incident = returns[0].rapid_review.incident
    prefix = "Overdue" if reminder.overdue else "Reminder"
    agencies = returns[0].agency.name if len(returns) == 1 else f"{len(returns)} agencies"
    subject = f"{prefix}: agency return of {agencies}, incident {incident.reference}"
    reasons = " and ".join(
        "you are a safeguarding lead of the agency asked"
        if audience == Audience.OWNERS
        else f"you are {audience}"
        for audience in audiences
    )
    lines = [
        f"Incident {incident.reference} ({returns[0].partnership.name})",
        "",
        f"Agency return{'s' if len(returns) > 1 else ''} not yet submitted for the rapid review:",
        *(f"- {r.agency.name}: {settings.SITE_URL}{r.get_absolute_url()}" for r in returns),
        "",
        f"Due: {govuk_date(returns[0].due_on)}",
        f"{reminder.timing}.",
        "",
        f"You receive this reminder because {reasons}. Reminders go on working days until the return is "
        "submitted.",
    ]
    return subject, "\n".join(lines)
