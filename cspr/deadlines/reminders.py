"""Reminder emails about deadlines: which one applies on a day, and the idempotent sweep `cspr remind` runs.

The plan (`reminder_for`) is plain Python, so every rule can be tested on any day without a database:
reminders go on working days only, a few working days before a deadline, on the day it is due and on
every working day while it is overdue, and escalate to the business managers and then the executive as
the lateness grows. The sweep (`send_reminders`) records each email in `ReminderSent` in the same
transaction as sending it, so running it twice in a day sends nothing twice, and an email that fails is
not recorded and is tried again on the next run.
"""

import datetime as dt
import logging
import smtplib
from dataclasses import dataclass, field
from enum import StrEnum

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from cspr.accounts.models import Role
from cspr.clock import WorkingDayCalendar
from cspr.clock.status import DeadlineStatus, plural_working_days, working_days_late
from cspr.core.templatetags.govuk import govuk_date
from cspr.incidents.models import Incident

from .clock import current_calendar, deadlines_of
from .models import ReminderSent
from .owners import is_owned_outside_cspr, partnership_people, step_owners

logger = logging.getLogger(__name__)


class Audience(StrEnum):
    OWNERS = "responsible for this step"
    BUSINESS_MANAGERS = "business manager of the partnership"
    EXECUTIVE = "member of the partnership's executive"


@dataclass(frozen=True)
class ReminderRules:
    """When reminders go and to whom; `from_settings()` reads the REMINDER_* settings."""

    working_days_before: tuple[int, ...] = (3, 1)
    on_due_day: bool = True
    while_overdue: bool = True
    business_managers_after: int = 1
    executive_after: int = 3

    @classmethod
    def from_settings(cls) -> "ReminderRules":
        return cls(
            working_days_before=tuple(settings.REMINDER_WORKING_DAYS_BEFORE),
            on_due_day=settings.REMINDER_ON_DUE_DAY,
            while_overdue=settings.REMINDER_WHILE_OVERDUE,
            business_managers_after=settings.REMINDER_BUSINESS_MANAGERS_AFTER,
            executive_after=settings.REMINDER_EXECUTIVE_AFTER,
        )


@dataclass(frozen=True)
class Reminder:
    """The reminder one open deadline gets today: its stage (stored in `ReminderSent.stage`), the working
    days left (or overdue), and who receives it."""

    stage: str
    working_days: int
    overdue: bool
    audiences: frozenset[Audience]

    @property
    def timing(self) -> str:
        """ "Due in 3 working days", "Due today", "Overdue by 2 working days": the email's key line."""
        if self.overdue:
            return f"Overdue by {plural_working_days(self.working_days)}"
        if self.working_days == 0:
            return "Due today" if self.stage == DUE_TODAY else "Due before the next working day"
        return f"Due in {plural_working_days(self.working_days)}"


DUE_TODAY = "due today"
LAST_WORKING_DAY = "last working day before the deadline"


def reminder_for(
    due_on: dt.date, today: dt.date, calendar: WorkingDayCalendar, rules: ReminderRules
) -> Reminder | None:
    """The reminder an open deadline due on `due_on` gets on `today`, or None.

    Nothing on weekends and bank holidays: the next working day catches up. A deadline that falls on a
    non-working day (a calendar-month step) gets its "due" reminder on the last working day before it.
    Without `while_overdue`, an overdue deadline is reminded only on the days a new audience joins.
    """
    if not calendar.is_working_day(today):
        return None
    owners = frozenset({Audience.OWNERS})
    if today <= due_on:
        left = calendar.working_days_between(today, due_on)
        if left == 0:
            stage = DUE_TODAY if today == due_on else LAST_WORKING_DAY
            return Reminder(stage, 0, False, owners) if rules.on_due_day else None
        if left in rules.working_days_before:
            return Reminder(f"{plural_working_days(left)} before", left, False, owners)
        return None
    overdue = working_days_late(due_on, today, calendar)
    audiences = set(owners)
    if overdue >= rules.business_managers_after:
        audiences.add(Audience.BUSINESS_MANAGERS)
    if overdue >= rules.executive_after:
        audiences.add(Audience.EXECUTIVE)
    escalation_days = {1, rules.business_managers_after, rules.executive_after}
    if not rules.while_overdue and overdue not in escalation_days:
        return None
    return Reminder(f"overdue by {plural_working_days(overdue)}", overdue, True, frozenset(audiences))


@dataclass
class SweepResult:
    """Counts for the command's summary: no names, no references."""

    working_day: bool = True
    incidents: int = 0
    open_deadlines: int = 0
    open_returns: int = 0
    open_actions: int = 0
    actions_awaiting_assurance: int = 0
    reminders: int = 0
    sent: int = 0
    already_sent: int = 0
    failed: int = 0
    progress: list[str] = field(default_factory=list)


def send_reminders(
    today: dt.date, *, dry_run: bool = False, rules: ReminderRules | None = None
) -> SweepResult:
    """Email every reminder due on `today` that has not been sent yet (or only count them, `dry_run`)."""
    rules = rules or ReminderRules.from_settings()
    calendar = current_calendar()
    result = SweepResult()
    if not calendar.is_working_day(today):
        result.working_day = False
        return result
    incidents = Incident.objects.select_related("partnership", "notifier").prefetch_related(
        "agencies_involved"
    )
    result.incidents = len(incidents)
    for item in deadlines_of(incidents, today, calendar):
        status = item.status
        # An assumed deadline waits on an earlier step, which is the one reminded about; the Panel's own
        # response is not the partnership's to chase.
        if not status.is_open or status.assumed or is_owned_outside_cspr(status.step):
            continue
        result.open_deadlines += 1
        reminder = reminder_for(status.due_on, today, calendar, rules)
        if reminder is None:
            continue
        result.reminders += 1
        recipients = reminder_recipients(item.incident, status, reminder)
        sent_before = result.sent
        for user, audiences in recipients.values():
            if dry_run:
                result.sent += 1
            else:
                _send_one(item.incident, status, reminder, user, audiences, today, result)
        result.progress.append(
            f"Incident {item.incident.reference}, {status.step.code}: {reminder.stage}, "
            f"{result.sent - sent_before} of {len(recipients)} email(s)"
        )
    # Imported here: the agency returns' part builds on this module's plan and result.
    from cspr.rapid_reviews.return_reminders import send_return_reminders

    send_return_reminders(today, calendar, rules, result, dry_run=dry_run)
    # Imported here too: action plans build on this module's plan and result, with their own timings.
    from cspr.action_plans.reminders import send_action_reminders

    send_action_reminders(today, calendar, result, dry_run=dry_run)
    return result


def reminder_recipients(incident, status: DeadlineStatus, reminder: Reminder) -> dict:
    """{user id: (user, audiences)}: one email per person, saying every reason they receive it."""
    partnership_id = incident.partnership_id
    groups = {Audience.OWNERS: step_owners(incident, status.step).users()}
    if Audience.BUSINESS_MANAGERS in reminder.audiences:
        groups[Audience.BUSINESS_MANAGERS] = partnership_people(partnership_id, Role.BUSINESS_MANAGER)
    if Audience.EXECUTIVE in reminder.audiences:
        groups[Audience.EXECUTIVE] = partnership_people(partnership_id, Role.EXECUTIVE_MEMBER)
    recipients: dict[int, tuple] = {}
    for audience, users in groups.items():
        for user in users:
            if not user.email:
                continue
            recipients.setdefault(user.pk, (user, []))[1].append(audience)
    return recipients


def _send_one(incident, status, reminder, user, audiences, today, result: SweepResult) -> None:
    try:
        with transaction.atomic():
            _, created = ReminderSent.objects.get_or_create(
                partnership_id=incident.partnership_id,
                incident=incident,
                step_code=status.step.code,
                due_on=status.due_on,
                recipient=user,
                stage=reminder.stage,
                sent_on=today,
            )
            if not created:
                result.already_sent += 1
                return
            subject, body = reminder_email(incident, status, reminder, audiences)
            # Inside the transaction: if the email fails, the record rolls back and the next run retries.
            send_mail(subject, body, None, [user.email])
    except (smtplib.SMTPException, OSError):
        logger.exception("Reminder email for incident %s failed", incident.pk)
        result.failed += 1
        return
    result.sent += 1


def reminder_email(incident, status: DeadlineStatus, reminder: Reminder, audiences) -> tuple[str, str]:
    """Subject and plain text: the reference, step, due date and timing; never a child's name."""
    step = status.step
    prefix = "Overdue" if reminder.overdue else "Reminder"
    subject = f"{prefix}: {step.title}, incident {incident.reference}"
    reasons = " and ".join(f"you are {audience.value}" for audience in audiences)
    body = "\n".join(
        [
            f"Incident {incident.reference} ({incident.partnership.name})",
            "",
            f"Step: {step.title}",
            f"Due: {govuk_date(status.due_on)}",
            f"{reminder.timing}.",
            f"Responsible: {step.responsible}",
            "",
            f"Open the incident: {settings.SITE_URL}{incident.get_absolute_url()}",
            "",
            f"You receive this reminder because {reasons}. Reminders go on working days until the step "
            "is recorded as done.",
        ]
    )
    return subject, body
