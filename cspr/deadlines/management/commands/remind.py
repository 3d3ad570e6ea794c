"""`cspr remind`: email the reminders due today about open deadlines. Run it every morning (see
docs/operations.md); running it again the same day sends nothing twice."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cspr.clock import ClockError
from cspr.core.templatetags.govuk import govuk_date
from cspr.deadlines.reminders import send_reminders


def iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--date must be a date written as YYYY-MM-DD, not {value!r}") from None


class Command(BaseCommand):
    help = (
        "Email reminders about deadlines, agency returns and action plan actions due soon, due today or "
        "overdue (once per person per day)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", type=iso_date, help="Act as if today were this day (YYYY-MM-DD)")
        parser.add_argument("--dry-run", action="store_true", help="Count the emails, send and record none")

    def handle(self, *args, date=None, dry_run=False, **options):
        today = date or timezone.localdate()
        try:
            result = send_reminders(today, dry_run=dry_run)
        except ClockError as error:
            raise CommandError(str(error)) from None
        day = govuk_date(today)
        if not result.working_day:
            self.stdout.write(f"{day} is not a working day: no reminders (the next working day catches up).")
            return
        for line in result.progress:
            self.stdout.write(line)
        verb = "would be sent" if dry_run else "sent"
        self.stdout.write(
            f"{day}{' (dry run)' if dry_run else ''}: {result.incidents} incidents, "
            f"{result.open_deadlines} open deadlines, {result.open_returns} open agency returns, "
            f"{result.open_actions} open actions, "
            f"{result.actions_awaiting_assurance} actions awaiting assurance, "
            f"{result.reminders} reminders due, "
            f"{result.sent} emails {verb}, {result.already_sent} already sent, {result.failed} failed."
        )
        if result.failed:
            raise CommandError(f"{result.failed} reminder emails could not be sent: they will be tried again")
