"""`cspr remind` chases open agency returns: the agency's leads before and on the day, escalating to the
business managers and the executive while overdue, once a day, and never once submitted or sent."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from cspr.deadlines.models import ReminderSent
from cspr.rapid_reviews.models import AgencyReturn, ReturnStatus

from .matrix import agency_return as make_return
from .matrix import sent_rapid_review

# The fixture return: requested Tuesday 24 November 2026, due Tuesday 1 December.
SUBJECT = "agency return of Northshire Police, incident 2026/001"


@pytest.fixture
def police_return(incident, agency):
    return make_return({"incident": incident, "agency": agency})


def remind(day: str, *args) -> str:
    out = StringIO()
    call_command("remind", "--date", day, *args, stdout=out)
    return out.getvalue()


def return_mails(mailoutbox) -> list[tuple[str, str]]:
    """(recipient, subject) of the agency return reminders, leaving out the incident's other steps."""
    return sorted((mail.to[0], mail.subject) for mail in mailoutbox if ": agency return of" in mail.subject)


def test_the_agency_lead_is_reminded_before_and_on_the_due_day(
    police_return, agency_lead, other_agency_lead, business_manager, mailoutbox, settings
):
    settings.SITE_URL = "https://cspr.example.org"
    remind("2026-11-26")
    assert return_mails(mailoutbox) == [(agency_lead.email, f"Reminder: {SUBJECT}")]
    mailoutbox.clear()
    remind("2026-11-27")  # 2 working days before: not a reminder point
    assert return_mails(mailoutbox) == []
    remind("2026-12-01")
    assert return_mails(mailoutbox) == [(agency_lead.email, f"Reminder: {SUBJECT}")]
    mail = next(mail for mail in mailoutbox if ": agency return of" in mail.subject)
    assert "Incident 2026/001 (Northshire)" in mail.body
    assert (
        f"- Northshire Police: https://cspr.example.org/rapid-reviews/returns/{police_return.pk}/"
        in mail.body
    )
    assert "Due: 1 December 2026" in mail.body and "Due today." in mail.body
    assert "you are a safeguarding lead of the agency asked" in mail.body
    assert "Kai" not in mail.body and "Child K" not in mail.body
    sent = ReminderSent.objects.get(step_code="agency_return_request", sent_on=dt.date(2026, 12, 1))
    assert (sent.incident, sent.due_on, sent.recipient, sent.stage) == (
        police_return.rapid_review.incident,
        dt.date(2026, 12, 1),
        agency_lead,
        "due today",
    )


def test_overdue_returns_escalate_to_the_business_managers_then_the_executive(
    police_return, agency_lead, business_manager, executive_member, mailoutbox
):
    remind("2026-12-02")
    assert return_mails(mailoutbox) == [
        (agency_lead.email, f"Overdue: {SUBJECT}"),
        (business_manager.email, f"Overdue: {SUBJECT}"),
    ]
    bm_mail = next(
        m for m in mailoutbox if m.to == [business_manager.email] and ": agency return of" in m.subject
    )
    assert "Overdue by 1 working day." in bm_mail.body
    assert "you are business manager of the partnership" in bm_mail.body
    mailoutbox.clear()
    remind("2026-12-04")
    assert {to for to, _ in return_mails(mailoutbox)} == {
        agency_lead.email,
        business_manager.email,
        executive_member.email,
    }


def test_running_twice_in_a_day_sends_nothing_twice(police_return, agency_lead, business_manager, mailoutbox):
    remind("2026-12-02")
    first = len(return_mails(mailoutbox))
    output = remind("2026-12-02")
    assert first == 2
    assert len(return_mails(mailoutbox)) == 2
    assert ReminderSent.objects.filter(step_code="agency_return_request").count() == 2
    assert "1 open agency returns" in output
    assert "0 emails sent" in output


def test_submitted_returns_are_not_chased(police_return, agency_lead, business_manager, mailoutbox):
    police_return.status = ReturnStatus.SUBMITTED
    police_return.submitted_on = dt.date(2026, 11, 30)
    police_return.save()
    output = remind("2026-12-02")
    assert return_mails(mailoutbox) == []
    assert "0 open agency returns" in output


def test_drafts_and_reopened_returns_are_chased(police_return, agency_lead, mailoutbox):
    for status in (ReturnStatus.DRAFT, ReturnStatus.REOPENED):
        police_return.status = status
        police_return.save()
        mailoutbox.clear()
        ReminderSent.objects.all().delete()
        remind("2026-12-01")
        assert return_mails(mailoutbox) == [(agency_lead.email, f"Reminder: {SUBJECT}")]


def test_returns_of_a_sent_rapid_review_are_not_chased(incident, police_return, agency_lead, mailoutbox):
    sent_rapid_review({"incident": incident})
    remind("2026-12-02")
    assert return_mails(mailoutbox) == []


def test_a_business_manager_gets_one_email_naming_every_late_agency(
    police_return, other_agency, agency_lead, other_agency_lead, business_manager, mailoutbox
):
    AgencyReturn.objects.create(
        partnership=police_return.partnership,
        rapid_review=police_return.rapid_review,
        agency=other_agency,
        requested_on=police_return.requested_on,
        due_on=police_return.due_on,
    )
    output = remind("2026-12-02")
    mails = [mail for mail in mailoutbox if ": agency return of" in mail.subject]
    assert sorted(mail.to[0] for mail in mails) == sorted(
        [agency_lead.email, other_agency_lead.email, business_manager.email]
    )
    bm_mail = next(mail for mail in mails if mail.to == [business_manager.email])
    assert bm_mail.subject == "Overdue: agency return of 2 agencies, incident 2026/001"
    assert "Northshire Police" in bm_mail.body and "Northshire GP Practices" in bm_mail.body
    gp_mail = next(mail for mail in mails if mail.to == [other_agency_lead.email])
    assert "Northshire GP Practices" in gp_mail.body and "Northshire Police" not in gp_mail.body
    assert (
        "agency_return_request (2 agency return(s) due 2026-12-01): overdue by 1 working day, 3 of 3"
        in output
    )


def test_inactive_leads_are_not_chased(police_return, agency_lead, mailoutbox):
    agency_lead.is_active = False
    agency_lead.save()
    remind("2026-12-01")
    assert return_mails(mailoutbox) == []


def test_dry_run_counts_but_sends_and_records_nothing(
    police_return, agency_lead, business_manager, mailoutbox
):
    output = remind("2026-12-02", "--dry-run")
    assert mailoutbox == []
    assert not ReminderSent.objects.filter(step_code="agency_return_request").exists()
    assert (
        "agency_return_request (1 agency return(s) due 2026-12-01): overdue by 1 working day, 2 of 2"
        in output
    )
