"""`cspr remind`: who gets which email on which day, once only, and what it says."""

import datetime as dt
import smtplib
from io import StringIO
from unittest import mock

import pytest
from django.core.management import CommandError, call_command

from cspr.deadlines.clock import record_step_completion
from cspr.deadlines.models import ReminderSent

NOTIFICATION = "Serious incident notification to the Panel due"
INFORMED = "Safeguarding partners informed of the notification due"

# The fixture incident: aware Monday 23 November 2026, so the notification and the safeguarding partners
# are due Monday 30 November; the rapid review is only planned (assumed) until the notification is sent.


def remind(*args) -> str:
    out = StringIO()
    call_command("remind", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def la_notifier(incident, other_agency_lead):
    """The local authority's notifier owns the notification steps once named."""
    incident.notifier = other_agency_lead
    incident.save()
    return other_agency_lead


def recipients(mailoutbox) -> list[tuple[str, str]]:
    return sorted((mail.to[0], mail.subject) for mail in mailoutbox)


def test_three_working_days_before_the_owners_are_reminded(incident, business_manager, mailoutbox):
    output = remind("--date", "2026-11-25")
    assert recipients(mailoutbox) == [
        (business_manager.email, f"Reminder: {INFORMED}, incident 2026/001"),
        (business_manager.email, f"Reminder: {NOTIFICATION}, incident 2026/001"),
    ]
    sent = ReminderSent.objects.filter(stage="3 working days before", sent_on=dt.date(2026, 11, 25))
    assert sent.count() == 2
    assert "2 emails sent, 0 already sent, 0 failed" in output
    assert "Incident 2026/001, notification: 3 working days before" in output


def test_running_twice_in_a_day_sends_nothing_twice(incident, business_manager, mailoutbox):
    remind("--date", "2026-11-25")
    output = remind("--date", "2026-11-25")
    assert len(mailoutbox) == 2
    assert "0 emails sent, 2 already sent" in output
    assert ReminderSent.objects.count() == 2


def test_no_reminder_on_a_day_that_is_not_a_point(incident, business_manager, mailoutbox):
    assert "0 reminders due" in remind("--date", "2026-11-26")
    assert mailoutbox == []


def test_nothing_is_sent_at_the_weekend(incident, business_manager, mailoutbox):
    output = remind("--date", "2026-11-28")
    assert "28 November 2026 is not a working day" in output
    assert mailoutbox == []


def test_escalation_by_day(incident, la_notifier, business_manager, executive_member, mailoutbox):
    def people_on(day: str) -> set[str]:
        mailoutbox.clear()
        remind("--date", day)
        return {mail.to[0] for mail in mailoutbox}

    assert people_on("2026-11-27") == {la_notifier.email}
    assert people_on("2026-11-30") == {la_notifier.email}
    assert people_on("2026-12-01") == {la_notifier.email, business_manager.email}
    assert people_on("2026-12-02") == {la_notifier.email, business_manager.email}
    assert people_on("2026-12-03") == {la_notifier.email, business_manager.email, executive_member.email}
    # Every working day while overdue, one email per person per deadline.
    assert len(mailoutbox) == 6


def test_a_person_in_two_audiences_gets_one_email_giving_both_reasons(incident, business_manager, mailoutbox):
    remind("--date", "2026-12-01")
    notification = [mail for mail in mailoutbox if "Serious incident notification" in mail.subject]
    assert len(notification) == 1
    assert "you are responsible for this step and you are business manager of the partnership" in (
        notification[0].body
    )


def test_the_email_names_the_incident_step_date_and_link_never_the_child(
    incident, business_manager, mailoutbox, settings
):
    settings.SITE_URL = "https://cspr.example.org"
    remind("--date", "2026-12-02")
    mail = next(mail for mail in mailoutbox if "Serious incident notification" in mail.subject)
    assert mail.subject == "Overdue: Serious incident notification to the Panel due, incident 2026/001"
    assert "Incident 2026/001 (Northshire)" in mail.body
    assert "Due: 30 November 2026" in mail.body
    assert "Overdue by 2 working days." in mail.body
    assert f"https://cspr.example.org/incidents/{incident.pk}/" in mail.body
    assert "Kai" not in mail.body and "Child K" not in mail.body
    assert "Infant" not in mail.body  # nothing of the case summary either


def test_completed_and_assumed_steps_get_no_reminder(incident, business_manager, mailoutbox):
    record_step_completion(incident, "notification", dt.date(2026, 11, 24), actor=business_manager)
    remind("--date", "2026-11-25")
    assert [mail.subject for mail in mailoutbox] == [
        "Reminder: Safeguarding partners informed of the notification due, incident 2026/001"
    ]
    # The rapid review is due 21 December only as planned: no reminder until the notification is sent.
    mailoutbox.clear()
    remind("--date", "2026-12-16")
    assert not any("Rapid review" in mail.subject for mail in mailoutbox)


def test_the_rapid_review_is_reminded_once_notified(incident, business_manager, mailoutbox):
    incident.notified_on = dt.date(2026, 11, 26)
    incident.save()
    remind("--date", "2026-12-14")  # 3 working days before Thursday 17 December
    assert "Reminder: Rapid review due, incident 2026/001" in [mail.subject for mail in mailoutbox]


def test_inactive_people_get_nothing(incident, business_manager, mailoutbox):
    business_manager.is_active = False
    business_manager.save()
    remind("--date", "2026-11-25")
    assert mailoutbox == []


def test_other_partnerships_people_are_not_emailed(incident, other_business_manager, mailoutbox):
    remind("--date", "2026-12-03")
    assert mailoutbox == []


def test_dry_run_sends_and_records_nothing(incident, business_manager, mailoutbox):
    output = remind("--date", "2026-11-25", "--dry-run")
    assert "(dry run)" in output
    assert "2 emails would be sent" in output
    assert mailoutbox == []
    assert not ReminderSent.objects.exists()


def test_a_failed_email_exits_non_zero_and_is_tried_again(incident, business_manager, mailoutbox):
    with (
        mock.patch("cspr.deadlines.reminders.send_mail", side_effect=smtplib.SMTPException("down")),
        pytest.raises(CommandError, match="2 reminder emails could not be sent"),
    ):
        remind("--date", "2026-11-25")
    assert not ReminderSent.objects.exists()
    remind("--date", "2026-11-25")
    assert len(mailoutbox) == 2


def test_the_summary_holds_no_personal_data(incident, business_manager, mailoutbox):
    output = remind("--date", "2026-12-03")
    assert business_manager.email not in output
    assert "Kai" not in output and "Child K" not in output


def test_a_badly_written_date_is_refused():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        remind("--date", "26/11/2026")


def test_a_date_outside_the_calendar_is_refused(db):
    with pytest.raises(CommandError, match="outside the known range"):
        remind("--date", "2050-01-03")


def test_without_a_date_it_runs_for_today(incident, business_manager, mailoutbox, time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 27, 7, 0, tzinfo=dt.UTC))
    assert "27 November 2026" in remind()
    assert len(mailoutbox) == 2


def test_the_panels_late_response_chases_nobody(incident, business_manager, executive_member, mailoutbox):
    """The Panel's response is timed on the page, but it is not the partnership's to do or to chase."""
    incident.notified_on = dt.date(2026, 11, 2)
    incident.rapid_review_sent_on = dt.date(2026, 11, 3)
    incident.status = "notified"
    incident.save()
    for code in ("notification", "safeguarding_partners_informed", "agency_leads_contacted"):
        record_step_completion(incident, code, dt.date(2026, 11, 2), actor=business_manager)
    for code in ("review_group_meeting", "partners_sign_off", "rapid_review"):
        record_step_completion(incident, code, dt.date(2026, 11, 3), actor=business_manager)
    # The response was expected 10 working days after sending, on 17 November: 7 working days ago.
    output = remind("--date", "2026-11-26")
    assert mailoutbox == []
    assert "0 reminders due" in output
