"""`cspr remind` chases action plans: the agency's leads about their open actions, escalating weekly to
the business managers and the executive while overdue; the business managers about actions awaiting
assurance and re-tests due; one email per person per day, never twice, never naming a child."""

import datetime as dt
import smtplib
from io import StringIO
from unittest import mock

import pytest
from django.core.management import CommandError, call_command

from conftest import make_user
from cspr.accounts.models import Role
from cspr.action_plans.models import ActionReminderSent, ActionStatus, RecommendationKind
from cspr.rapid_reviews.tests.matrix import sent_rapid_review

from .records import make_action, make_plan, make_recommendation

DUE = dt.date(2027, 3, 1)  # Monday; 10 working days before is Monday 15 February


@pytest.fixture
def plan(partnership):
    return make_plan(partnership, national_report="Child Protection in England")


@pytest.fixture
def police_action(plan, agency):
    return make_action(make_recommendation(plan), agency, due_on=DUE, status=ActionStatus.ON_TRACK)


def remind(day: str, *args) -> str:
    out = StringIO()
    call_command("remind", "--date", day, *args, stdout=out)
    return out.getvalue()


def action_mails(mailoutbox):
    """The action plan emails, leaving out the deadline reminders of any incident in the test."""
    return [mail for mail in mailoutbox if ": action plans, " in mail.subject]


def sent_to(mailoutbox) -> list[tuple[str, str]]:
    return sorted((mail.to[0], mail.subject) for mail in action_mails(mailoutbox))


def test_the_agency_lead_is_reminded_before_and_on_the_due_day(
    police_action, agency_lead, other_agency_lead, business_manager, mailoutbox, settings
):
    settings.SITE_URL = "https://cspr.example.org"
    remind("2027-02-15")
    assert sent_to(mailoutbox) == [(agency_lead.email, "Reminder: action plans, 1 action due soon")]
    body = action_mails(mailoutbox)[0].body
    assert body.startswith("Action plans of Northshire: reminders for 15 February 2027\n\nActions due soon\n")
    assert (
        f"- Action {police_action.pk}, Northshire Police: Child Protection in England, recommendation 1\n"
        "  Due: 1 March 2027. Due in 10 working days.\n"
        f"  https://cspr.example.org/action-plans/actions/{police_action.pk}/\n"
    ) in body
    assert "you are a safeguarding lead of Northshire Police" in body
    assert police_action.what_will_change not in body and police_action.owner not in body
    mailoutbox.clear()
    remind("2027-02-16")
    assert sent_to(mailoutbox) == []
    remind("2027-02-24")
    remind("2027-03-01")
    assert [mail.body.count("\n  Due: 1 March 2027.") for mail in action_mails(mailoutbox)] == [1, 1]
    assert "Due today." in action_mails(mailoutbox)[1].body
    assert list(
        ActionReminderSent.objects.order_by("sent_on").values_list("recipient", "due_on", "stage", "sent_on")
    ) == [
        (agency_lead.pk, DUE, "10 working days before", dt.date(2027, 2, 15)),
        (agency_lead.pk, DUE, "3 working days before", dt.date(2027, 2, 24)),
        (agency_lead.pk, DUE, "due today", dt.date(2027, 3, 1)),
    ]


def test_overdue_actions_are_chased_weekly_escalating_to_the_business_managers_then_the_executive(
    police_action, agency_lead, business_manager, executive_member, other_business_manager, mailoutbox
):
    subject = "Overdue: action plans, 1 action overdue"
    remind("2027-03-02")
    assert sent_to(mailoutbox) == [(agency_lead.email, subject)]
    assert "Overdue by 1 working day." in action_mails(mailoutbox)[0].body
    mailoutbox.clear()
    for day in ("2027-03-03", "2027-03-04", "2027-03-05"):
        remind(day)
    assert sent_to(mailoutbox) == []
    remind("2027-03-08")
    assert sent_to(mailoutbox) == [(agency_lead.email, subject), (business_manager.email, subject)]
    manager_mail = next(mail for mail in action_mails(mailoutbox) if mail.to == [business_manager.email])
    assert "you are business manager of the partnership" in manager_mail.body
    mailoutbox.clear()
    remind("2027-03-31")  # 20 working days overdue, counting around Easter
    assert {to for to, _ in sent_to(mailoutbox)} == {
        agency_lead.email,
        business_manager.email,
        executive_member.email,
    }


def test_complete_actions_stop_the_agency_reminders_and_wait_for_assurance(
    police_action, agency_lead, business_manager, executive_member, mailoutbox
):
    police_action.status = ActionStatus.COMPLETE
    police_action.completed_on = dt.date(2027, 2, 1)
    police_action.save()
    output = remind("2027-02-15")  # 10 working days waiting: not yet
    assert sent_to(mailoutbox) == []
    assert "0 open actions, 1 actions awaiting assurance" in output
    remind("2027-02-16")
    assert sent_to(mailoutbox) == [
        (business_manager.email, "Reminder: action plans, 1 action awaiting assurance")
    ]
    body = action_mails(mailoutbox)[0].body
    assert "Complete actions awaiting assurance\n" in body
    assert "  Marked complete: 1 February 2027. Awaiting assurance for 11 working days.\n" in body


def test_an_assured_action_reminds_the_business_managers_to_retest_on_the_day(
    police_action, agency_lead, business_manager, mailoutbox
):
    police_action.status = ActionStatus.ASSURED
    police_action.assured_on = dt.date(2027, 3, 1)
    police_action.retest_on = dt.date(2027, 9, 1)
    police_action.save()
    remind("2027-08-31")
    assert sent_to(mailoutbox) == []
    remind("2027-09-01")
    assert sent_to(mailoutbox) == [(business_manager.email, "Reminder: action plans, 1 action to re-test")]
    assert "  Re-test: 1 September 2027. Re-test embedding due today.\n" in action_mails(mailoutbox)[0].body
    assert ActionReminderSent.objects.get().stage == "re-test embedding due"


def test_everyone_gets_one_email_a_day_listing_all_their_actions(
    plan, agency, other_agency, agency_lead, other_agency_lead, business_manager, mailoutbox
):
    first = make_recommendation(plan)
    overdue = make_action(first, agency, due_on=dt.date(2027, 2, 22), status=ActionStatus.AT_RISK)
    due_soon = make_action(first, agency, due_on=dt.date(2027, 3, 4))
    gp_overdue = make_action(first, other_agency, due_on=dt.date(2027, 2, 22))
    safety = make_recommendation(plan, kind=RecommendationKind.SAFETY_ACTION)
    awaiting = make_action(safety, agency, status=ActionStatus.COMPLETE, completed_on=dt.date(2027, 2, 12))
    output = remind("2027-03-01")  # 5 working days overdue, 3 before, 11 waiting for assurance
    assert sent_to(mailoutbox) == [
        (agency_lead.email, "Overdue: action plans, 1 action overdue, 1 action due soon"),
        (business_manager.email, "Overdue: action plans, 2 actions overdue, 1 action awaiting assurance"),
        (other_agency_lead.email, "Overdue: action plans, 1 action overdue"),
    ]
    mails = {mail.to[0]: mail.body for mail in action_mails(mailoutbox)}
    lead_body = mails[agency_lead.email]
    assert lead_body.index(f"Action {overdue.pk},") < lead_body.index(f"Action {due_soon.pk},")
    assert f"Action {gp_overdue.pk}," not in lead_body and f"Action {awaiting.pk}," not in lead_body
    manager_body = mails[business_manager.email]
    assert (
        f"- Action {awaiting.pk}, Northshire Police: Child Protection in England, immediate safety action 2"
        in (manager_body)
    )
    assert f"Action {gp_overdue.pk}, Northshire GP Practices" in manager_body
    assert f"Action {due_soon.pk}," not in manager_body
    assert ActionReminderSent.objects.count() == 6  # one per action in each email
    assert "3 open actions, 1 actions awaiting assurance, 4 reminders due" in output
    assert (
        f"Action {overdue.pk} (Northshire Police, action plan {plan.pk}): overdue by 5 working days, "
        in output
    )
    assert "Action plans: 3 of 3 email(s)" in output


def test_running_twice_in_a_day_sends_nothing_twice(police_action, agency_lead, business_manager, mailoutbox):
    remind("2027-03-08")
    output = remind("2027-03-08")
    assert len(action_mails(mailoutbox)) == 2
    assert ActionReminderSent.objects.count() == 2
    assert "1 open actions, 0 actions awaiting assurance, 1 reminders due" in output
    assert "0 emails sent, 2 already sent, 0 failed" in output


def test_a_dry_run_counts_and_sends_nothing(police_action, agency_lead, business_manager, mailoutbox):
    output = remind("2027-03-08", "--dry-run")
    assert mailoutbox == []
    assert not ActionReminderSent.objects.exists()
    assert "(dry run)" in output and "2 emails would be sent" in output


def test_a_failed_email_is_tried_again_on_the_next_run(police_action, agency_lead, mailoutbox):
    with (
        mock.patch("cspr.action_plans.reminders.send_mail", side_effect=smtplib.SMTPException("down")),
        pytest.raises(CommandError, match="1 reminder emails could not be sent"),
    ):
        remind("2027-03-02")
    assert not ActionReminderSent.objects.exists()
    remind("2027-03-02")
    assert sent_to(mailoutbox) == [(agency_lead.email, "Overdue: action plans, 1 action overdue")]


def test_inactive_people_and_other_partnerships_are_not_reminded(
    police_action, agency_lead, business_manager, other_business_manager, mailoutbox
):
    agency_lead.is_active = False
    agency_lead.save()
    make_user(
        Role.AGENCY_LEAD, police_action.partnership, police_action.agency, email="lead.two@example.test"
    )
    remind("2027-03-08")
    assert {to for to, _ in sent_to(mailoutbox)} == {"lead.two@example.test", business_manager.email}


def test_nothing_on_a_weekend(police_action, agency_lead, mailoutbox):
    assert "not a working day" in remind("2027-03-06")
    assert sent_to(mailoutbox) == []


def test_the_email_and_the_summary_never_name_the_child(
    incident, agency, agency_lead, business_manager, mailoutbox
):
    review = sent_rapid_review({"incident": incident, "partnership": incident.partnership, "agency": agency})
    plan = make_plan(incident.partnership, rapid_review=review)
    make_action(make_recommendation(plan, kind=RecommendationKind.IMMEDIATE_LEARNING), agency, due_on=DUE)
    output = remind("2027-03-08")
    body = next(mail.body for mail in action_mails(mailoutbox) if mail.to == [business_manager.email])
    assert "Rapid review of incident 2026/001, immediate learning 1" in body
    for text in (body, output):
        assert "Kai" not in text and "Child K" not in text
    assert agency_lead.email not in output and business_manager.email not in output
