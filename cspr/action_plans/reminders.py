"""Chasing action plans: the part of `cspr remind` that reminds agencies of their actions and the business
managers of the actions waiting for them.

The plan (`action_reminder`) is plain Python, so every rule can be tested on any day without a database.
It builds on the deadlines' `reminder_for`, with its own timings (the ACTION_REMINDER_* settings):

- an open action (not started, on track, at risk) is reminded to its agency's active safeguarding leads
  10 and 3 working days before it is due and on the due day;
- once overdue, on the first working day overdue and then weekly (every 5th working day overdue), not
  daily: an action runs for months, and a daily email would be ignored. The business managers join from
  5 working days overdue, the executive from 20, and the days they join always get a reminder;
- a complete action not assured within 10 working days is reminded to the business managers, on the
  first working day after that and then weekly, until they assure it or send it back;
- an assured action is reminded to the business managers on its re-test date ("re-test embedding due"),
  or on the last working day before it when the date is not a working day.

Everyone gets at most one email a day listing all their actions. Each action in it is recorded in
`ActionReminderSent` in the same transaction as sending the email, so running the sweep twice in a day
sends nothing twice, and an email that fails is recorded for none of its actions and is tried again.
"""

import datetime as dt
import logging
import smtplib
from dataclasses import dataclass, field
from enum import StrEnum

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cspr.accounts.models import Role, User
from cspr.clock import WorkingDayCalendar
from cspr.clock.status import plural_working_days, working_days_late
from cspr.core.templatetags.govuk import govuk_date
from cspr.deadlines.owners import partnership_people
from cspr.deadlines.reminders import Audience, ReminderRules, SweepResult, reminder_for

from . import rules
from .models import Action, ActionReminderSent

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ActionReminderRules:
    """When action reminders go and to whom; `from_settings()` reads the ACTION_REMINDER_* settings."""

    working_days_before: tuple[int, ...] = (10, 3)
    overdue_every: int = 5
    business_managers_after: int = 5
    executive_after: int = 20
    assurance_after: int = 10

    @classmethod
    def from_settings(cls) -> "ActionReminderRules":
        return cls(
            working_days_before=tuple(settings.ACTION_REMINDER_WORKING_DAYS_BEFORE),
            overdue_every=settings.ACTION_REMINDER_OVERDUE_EVERY,
            business_managers_after=settings.ACTION_REMINDER_BUSINESS_MANAGERS_AFTER,
            executive_after=settings.ACTION_REMINDER_EXECUTIVE_AFTER,
            assurance_after=settings.ACTION_REMINDER_ASSURANCE_AFTER,
        )

    @property
    def deadline_rules(self) -> ReminderRules:
        """The deadlines' rules with these timings; which overdue days remind is `is_chasing_day`'s."""
        return ReminderRules(
            working_days_before=self.working_days_before,
            on_due_day=True,
            while_overdue=True,
            business_managers_after=self.business_managers_after,
            executive_after=self.executive_after,
        )

    def is_chasing_day(self, late: int) -> bool:
        """The first working day late, then every `overdue_every`th, and the days a new audience joins."""
        return (
            late == 1
            or late % self.overdue_every == 0
            or late in (self.business_managers_after, self.executive_after)
        )


class Kind(StrEnum):
    """What a reminder is about; the email lists its actions under these headings, in this order."""

    OVERDUE = "Overdue actions"
    DUE = "Actions due soon"
    ASSURANCE = "Complete actions awaiting assurance"
    RETEST = "Assured actions to re-test"


# "2 actions overdue": how the subject line counts each kind.
SUBJECT_COUNTS = {
    Kind.OVERDUE: "overdue",
    Kind.DUE: "due soon",
    Kind.ASSURANCE: "awaiting assurance",
    Kind.RETEST: "to re-test",
}
# The label of the date each kind of reminder is about, in the email.
DATE_LABELS = {
    Kind.OVERDUE: "Due",
    Kind.DUE: "Due",
    Kind.ASSURANCE: "Marked complete",
    Kind.RETEST: "Re-test",
}
RETEST_STAGE = "re-test embedding due"


@dataclass(frozen=True)
class ActionReminder:
    """The reminder one action gets today: its stage and date (kept in `ActionReminderSent`), the email's
    timing line, and who receives it."""

    kind: Kind
    stage: str
    dated: dt.date
    timing: str
    audiences: frozenset[Audience]


def action_reminder(
    status: str,
    due_on: dt.date,
    completed_on: dt.date | None,
    retest_on: dt.date | None,
    today: dt.date,
    calendar: WorkingDayCalendar,
    chase: ActionReminderRules,
) -> ActionReminder | None:
    """The reminder an action in `status` gets on `today`, or None (always None on non-working days)."""
    if not calendar.is_working_day(today):
        return None
    if status in rules.OPEN_STATUSES:
        reminder = reminder_for(due_on, today, calendar, chase.deadline_rules)
        if reminder is None or (reminder.overdue and not chase.is_chasing_day(reminder.working_days)):
            return None
        kind = Kind.OVERDUE if reminder.overdue else Kind.DUE
        return ActionReminder(kind, reminder.stage, due_on, reminder.timing, reminder.audiences)
    managers = frozenset({Audience.BUSINESS_MANAGERS})
    if status == rules.COMPLETE and completed_on is not None:
        expected_by = calendar.add_working_days(completed_on, chase.assurance_after)
        if today <= expected_by or not chase.is_chasing_day(working_days_late(expected_by, today, calendar)):
            return None
        waiting = plural_working_days(calendar.working_days_between(completed_on, today))
        stage = f"awaiting assurance for {waiting}"
        return ActionReminder(
            Kind.ASSURANCE, stage, completed_on, f"Awaiting assurance for {waiting}", managers
        )
    if status == rules.ASSURED and retest_on is not None:
        on_the_day = ReminderRules(working_days_before=(), on_due_day=True)
        reminder = reminder_for(retest_on, today, calendar, on_the_day)
        if reminder is None or reminder.overdue:
            return None
        timing = "Re-test embedding due " + ("today" if today == retest_on else "before the next working day")
        return ActionReminder(Kind.RETEST, RETEST_STAGE, retest_on, timing, managers)
    return None


def actions_to_check(today: dt.date, calendar: WorkingDayCalendar):
    """Open and complete actions, and assured ones whose re-test falls before the next working day."""
    next_working_day = calendar.add_working_days(today, 1)
    return (
        Action.objects.filter(
            Q(status__in=rules.OPEN_STATUSES)
            | Q(status=rules.COMPLETE)
            | Q(status=rules.ASSURED, retest_on__gte=today, retest_on__lt=next_working_day)
        )
        .select_related(
            "agency",
            "partnership",
            "recommendation__plan__rapid_review__incident",
            "recommendation__plan__practice_review",
        )
        .order_by("due_on", "pk")
    )


@dataclass
class Inbox:
    """Everything one person is reminded of today, and every reason they receive it."""

    user: User
    items: list[tuple[Action, ActionReminder]] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)

    def add(self, action: Action, reminder: ActionReminder, reason: str) -> None:
        self.items.append((action, reminder))
        if reason not in self.reasons:
            self.reasons.append(reason)


class People:
    """The people to email, looked up once per agency and per partnership for the whole sweep."""

    def __init__(self):
        self._found: dict[tuple, list[User]] = {}

    def _remember(self, key: tuple, users) -> list[User]:
        if key not in self._found:
            self._found[key] = [user for user in users if user.email]
        return self._found[key]

    def for_reminder(self, action: Action, reminder: ActionReminder) -> list[tuple[User, str]]:
        """(person, why) for everyone an action's reminder goes to."""
        found = []
        if Audience.OWNERS in reminder.audiences:
            leads = User.objects.filter(role=Role.AGENCY_LEAD, is_active=True, agency_id=action.agency_id)
            reason = f"a safeguarding lead of {action.agency.name}"
            found += [(user, reason) for user in self._remember(("leads", action.agency_id), leads)]
        for audience, role in (
            (Audience.BUSINESS_MANAGERS, Role.BUSINESS_MANAGER),
            (Audience.EXECUTIVE, Role.EXECUTIVE_MEMBER),
        ):
            if audience in reminder.audiences:
                users = partnership_people(action.partnership_id, role)
                key = (role, action.partnership_id)
                found += [(user, audience.value) for user in self._remember(key, users)]
        return found


def send_action_reminders(
    today: dt.date,
    calendar: WorkingDayCalendar,
    result: SweepResult,
    *,
    dry_run: bool = False,
    chase: ActionReminderRules | None = None,
) -> None:
    """Add today's action plan reminders to `result`: one email per person (or only counted, `dry_run`)."""
    chase = chase or ActionReminderRules.from_settings()
    people = People()
    inboxes: dict[int, Inbox] = {}
    for action in actions_to_check(today, calendar):
        if action.status in rules.OPEN_STATUSES:
            result.open_actions += 1
        elif action.status == rules.COMPLETE:
            result.actions_awaiting_assurance += 1
        # Marked complete before completion dates were kept: count from its last change instead.
        completed_on = action.completed_on or timezone.localdate(action.updated_at)
        reminder = action_reminder(
            action.status, action.due_on, completed_on, action.retest_on, today, calendar, chase
        )
        if reminder is None:
            continue
        result.reminders += 1
        recipients = people.for_reminder(action, reminder)
        for user, reason in recipients:
            inboxes.setdefault(user.pk, Inbox(user)).add(action, reminder, reason)
        result.progress.append(
            f"Action {action.pk} ({action.agency.name}, action plan {action.recommendation.plan_id}): "
            f"{reminder.stage}, {len(recipients)} recipient(s)"
        )
    sent_before = result.sent
    for inbox in inboxes.values():
        if dry_run:
            result.sent += 1
        else:
            _send_one(inbox, today, result)
    if inboxes:
        result.progress.append(f"Action plans: {result.sent - sent_before} of {len(inboxes)} email(s)")


def _send_one(inbox: Inbox, today: dt.date, result: SweepResult) -> None:
    try:
        with transaction.atomic():
            fresh = []
            for action, reminder in inbox.items:
                _, created = ActionReminderSent.objects.get_or_create(
                    partnership_id=action.partnership_id,
                    action=action,
                    recipient=inbox.user,
                    due_on=reminder.dated,
                    stage=reminder.stage,
                    sent_on=today,
                )
                if created:
                    fresh.append((action, reminder))
            if not fresh:
                result.already_sent += 1
                return
            subject, body = action_reminder_email(fresh, inbox.reasons, today)
            # Inside the transaction: if the email fails, the records roll back and the next run retries.
            send_mail(subject, body, None, [inbox.user.email])
    except (smtplib.SMTPException, OSError):
        logger.exception("Action plan reminder to user %s failed", inbox.user.pk)
        result.failed += 1
        return
    result.sent += 1


def action_reminder_email(items, reasons: list[str], today: dt.date) -> tuple[str, str]:
    """Subject and plain text: per action the review's reference, recommendation, agency, date, timing and
    link, grouped by kind; never a child's name, nor the actions' free text."""
    by_kind = {kind: [(a, r) for a, r in items if r.kind == kind] for kind in Kind}
    by_kind = {kind: found for kind, found in by_kind.items() if found}
    counts = ", ".join(
        f"{len(found)} action{'s' if len(found) > 1 else ''} {SUBJECT_COUNTS[kind]}"
        for kind, found in by_kind.items()
    )
    prefix = "Overdue" if Kind.OVERDUE in by_kind else "Reminder"
    partnership = items[0][0].partnership.name
    lines = [f"Action plans of {partnership}: reminders for {govuk_date(today)}"]
    for kind, found in by_kind.items():
        lines += ["", kind.value]
        for action, reminder in sorted(found, key=lambda item: (item[1].dated, item[0].pk)):
            recommendation = action.recommendation
            lines += [
                f"- Action {action.pk}, {action.agency.name}: {recommendation.plan.title}, "
                f"{recommendation.get_kind_display().lower()} {recommendation.number}",
                f"  {DATE_LABELS[kind]}: {govuk_date(reminder.dated)}. {reminder.timing}.",
                f"  {settings.SITE_URL}{action.get_absolute_url()}",
            ]
    lines += [
        "",
        f"You receive these reminders because you are {' and '.join(reasons)}. Reminders about an action "
        "go on working days until it is marked complete, and to the business managers until it is assured.",
    ]
    return f"{prefix}: action plans, {counts}", "\n".join(lines)
