"""Completing the serious incident notification: check, save versions, record it sent, the copies.

Dates: the `incident` fixture's local authority became aware on Monday 23 November 2026, so the notification
is due by Monday 30 November 2026 (5 working days). "Today" is Thursday 26 November 2026 unless a test
travels.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from cspr.audit.models import AuditAction, AuditEvent
from cspr.deadlines.clock import incident_deadlines
from cspr.deadlines.models import StepCompletion
from cspr.incidents.models import IncidentNature, IncidentStatus, Notification
from cspr.rapid_reviews.models import RapidReview, RapidReviewStatus

LONDON = ZoneInfo("Europe/London")
NOTIFIER = {
    "local_authority": "Northshire Council",
    "notifier_name": "Sam Notifier",
    "notifier_role": "Head of Safeguarding",
    "notifier_email": "sam.notifier@example.test",
    "notifier_phone": "01632 960 001",
}


def on(day: dt.date):
    return time_machine.travel(dt.datetime(day.year, day.month, day.day, 10, tzinfo=LONDON), tick=False)


@pytest.fixture(autouse=True)
def thursday_26_november():
    with on(dt.date(2026, 11, 26)):
        yield


@pytest.fixture
def ready(incident):
    """The fixture's incident with every answer the national form needs."""
    incident.location = "Family home"
    incident.save()
    return incident


@pytest.fixture
def bm(client, business_manager):
    client.force_login(business_manager)
    return client


def url(name, incident, **kwargs):
    return reverse(f"incidents:{name}", kwargs={"pk": incident.pk, **kwargs})


def save(client, incident, **data):
    return client.post(url("notification-save", incident), {**NOTIFIER, **data})


def submit(client, incident, day: dt.date, reference="CSPRP-2026-0457", **data):
    fields = {
        "submitted_on_day": day.day,
        "submitted_on_month": day.month,
        "submitted_on_year": day.year,
        "panel_reference": reference,
    }
    return client.post(url("notification-submitted", incident), {**fields, **data})


def date_fields(name, day):
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}


def errors(response) -> str:
    assert response.status_code == 200
    assert "There is a problem" in response.text
    return response.text


# The notification page


def test_not_started_page_shows_the_deadline_and_the_check(bm, ready):
    response = bm.get(url("notification", ready))
    assert response.status_code == 200
    assert "Not started" in response.text
    assert "30 November 2026. Due in 2 working days" in response.text
    assert "Check the answers" in response.text
    assert "Child K" in response.text
    assert "Kai Testchild" not in response.text
    assert "The national form needs" not in response.text
    assert url("notification-save", ready) in response.text


def test_missing_answers_are_listed_with_links_to_the_incident_edit_page(bm, incident):
    response = bm.get(url("notification", incident))
    assert "The national form needs 1 more answer" in response.text
    assert (
        f'href="/incidents/{incident.pk}/edit/#id_location">Enter where the incident happened'
        in response.text
    )


def test_an_incident_not_at_the_notification_stage_says_why(bm, ready):
    ready.status = IncidentStatus.REFERRED
    ready.save()
    response = bm.get(url("notification", ready))
    assert "The referral has not been screened yet" in response.text
    assert "Check the answers" not in response.text
    assert bm.get(url("notification-save", ready)).url == url("notification", ready)
    assert bm.post(url("notification-submitted", ready)).url == url("notification", ready)
    assert not Notification.objects.exists()


def test_review_group_reads_the_current_version_without_changing_it(bm, ready, review_group_member):
    save(bm, ready)
    client = Client()
    client.force_login(review_group_member)
    response = client.get(url("notification", ready))
    assert "Version 1" in response.text
    assert "Draft version 1" in response.text
    assert "Save a new version" not in response.text
    assert url("notification-pdf", ready) in response.text
    assert client.post(url("notification-save", ready), NOTIFIER).status_code == 403


# Saving versions


def test_the_save_form_is_prefilled_from_the_signed_in_user(bm, ready, business_manager):
    response = bm.get(url("notification-save", ready))
    assert f'value="{business_manager.email}"' in response.text
    assert f'value="{business_manager.full_name}"' in response.text
    assert "Why are you changing" not in response.text


def test_saving_makes_version_1_with_the_snapshot_and_an_audit_entry(bm, ready, business_manager):
    response = save(bm, ready)
    assert response.status_code == 302
    notification = Notification.objects.get()
    assert notification.version == 1
    assert notification.saved_by == business_manager
    assert notification.notifier_phone == "01632 960 001"
    assert notification.content["children"][0]["pseudonym"] == "Child K"
    assert notification.content["local_authority"] == "Northshire Council"
    assert "Kai" not in str(notification.content)
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="incidents.notification")
    assert event.changes["content"] == [None, "(not recorded)"]
    assert "Infant" not in str(event.changes)
    page = bm.get(url("notification", ready))
    assert "Version 1 of the notification saved" in page.text
    assert "Draft version 1" in page.text


def test_nothing_is_saved_while_the_incident_lacks_answers(bm, incident):
    incident.summary = ""
    incident.save()
    text = errors(save(bm, incident))
    assert "Enter where the incident happened" in text
    assert "Enter a summary of what happened" in text
    assert f"/incidents/{incident.pk}/edit/#id_summary" in text
    assert not Notification.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("local_authority", "", "Select the local authority that is notifying"),
        ("local_authority", "Southshire Council", "Select the local authority that is notifying"),
        ("notifier_name", "", "Enter the notifier&#x27;s name"),
        ("notifier_role", "", "Enter the notifier&#x27;s role"),
        ("notifier_email", "", "Enter the notifier&#x27;s email address"),
        (
            "notifier_email",
            "sam at example",
            "Enter an email address in the correct format, like name@example.com",
        ),
        ("notifier_phone", "", "Enter the notifier&#x27;s telephone number"),
        ("notifier_phone", "call me", "Enter a telephone number, like 01632 960 001 or 07700 900 982"),
        ("notifier_phone", "01632", "Enter a telephone number, like 01632 960 001 or 07700 900 982"),
    ],
)
def test_every_notifier_detail_is_checked(bm, ready, field, value, message):
    text = errors(save(bm, ready, **{field: value}))
    assert message in text
    assert "govuk-form-group--error" in text
    assert not Notification.objects.exists()


def test_editing_after_submission_makes_a_new_version_and_keeps_the_first(bm, ready):
    save(bm, ready)
    submit(bm, ready, dt.date(2026, 11, 26))
    ready.summary = "Infant died in hospital."
    ready.nature = IncidentNature.DEATH
    ready.save()

    page = bm.get(url("notification", ready))
    assert "The incident has changed since version 1 was saved" in page.text
    assert "Nature of the incident" in page.text

    form = bm.get(url("notification-save", ready))
    assert "Why are you changing the notification?" in form.text
    text = errors(save(bm, ready))
    assert "Enter why you are changing a notification already sent to the Panel" in text
    assert Notification.objects.count() == 1

    assert save(bm, ready, change_reason="The child died on 25 November.").status_code == 302
    first, second = Notification.objects.order_by("version")
    assert first.content["incident"]["summary"] == "Infant admitted to hospital with unexplained fractures."
    assert first.submitted_on == dt.date(2026, 11, 26)
    assert second.content["incident"]["summary"] == "Infant died in hospital."
    assert second.submitted_on is None
    assert second.change_reason == "The child died on 25 November."

    page = bm.get(url("notification", ready))
    assert "Changed after submission" in page.text
    assert "Version 1 was submitted to the Panel on 26 November 2026" in page.text

    earlier = bm.get(url("notification-version", ready, version=1))
    assert earlier.status_code == 200
    assert "An earlier version, exactly as it was saved" in earlier.text
    assert "Infant admitted to hospital with unexplained fractures." in earlier.text
    assert "Infant died in hospital." not in earlier.text

    later = bm.get(url("notification-version", ready, version=2))
    assert "What changed since version 1" in later.text
    assert "Serious harm" in later.text and "Death" in later.text
    assert "The child died on 25 November." in later.text
    assert bm.get(url("notification-version", ready, version=3)).status_code == 404


def test_a_new_version_keeps_the_dates_others_were_informed(bm, ready):
    save(bm, ready)
    bm.post(url("notification-copies", ready), date_fields("partners_informed_on", dt.date(2026, 11, 25)))
    save(bm, ready, notifier_phone="07700 900 982")
    assert Notification.objects.get(version=2).partners_informed_on == dt.date(2026, 11, 25)


# Recording the notification as sent to the Panel


def test_recording_it_sent_notifies_the_incident_and_starts_the_rapid_review_clock(
    bm, ready, business_manager
):
    save(bm, ready)
    response = submit(bm, ready, dt.date(2026, 11, 26))
    assert response.status_code == 302
    ready.refresh_from_db()
    assert ready.status == IncidentStatus.NOTIFIED
    assert ready.notified_on == dt.date(2026, 11, 26)
    assert ready.panel_reference == "CSPRP-2026-0457"
    notification = Notification.objects.get()
    assert notification.submitted_on == dt.date(2026, 11, 26)
    completion = StepCompletion.objects.get(incident=ready, step_code="notification")
    assert completion.due_on == dt.date(2026, 11, 30)
    assert completion.working_days_late == -2
    rapid_review = next(d for d in incident_deadlines(ready) if d.step.code == "rapid_review")
    assert rapid_review.due_on == dt.date(2026, 12, 17)
    changed = AuditEvent.objects.filter(action=AuditAction.CHANGE, object_type="incidents.incident").get()
    assert changed.changes["status"] == ["notification_due", "notified"]
    page = bm.get(url("notification", ready))
    assert "Notification recorded as sent to the Panel on 26 November 2026" in page.text
    assert "Panel reference CSPRP-2026-0457" in page.text
    assert "Met on time" in page.text


def test_recording_it_sent_opens_the_rapid_review_with_both_dates(bm, ready):
    save(bm, ready)
    submit(bm, ready, dt.date(2026, 11, 25))
    rapid_review = RapidReview.objects.get(incident=ready)
    assert (rapid_review.opened_on, rapid_review.notified_on, rapid_review.aware_on) == (
        dt.date(2026, 11, 25),
        dt.date(2026, 11, 25),
        dt.date(2026, 11, 23),
    )
    assert rapid_review.status == RapidReviewStatus.OPEN
    assert (
        AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="rapid_reviews.rapidreview").count()
        == 1
    )
    # Correcting the first submission's date moves the rapid review with it; a second review is never opened.
    submit(bm, ready, dt.date(2026, 11, 26))
    rapid_review.refresh_from_db()
    assert rapid_review.notified_on == dt.date(2026, 11, 26)
    assert RapidReview.objects.count() == 1
    ready.refresh_from_db()
    due = {d.step.code: d.due_on for d in incident_deadlines(ready)}
    assert due["rapid_review"] == dt.date(2026, 12, 17)
    assert due["agency_leads_contacted"] == dt.date(2026, 11, 27)
    assert due["partners_sign_off"] == dt.date(2026, 12, 17)


def test_sending_a_changed_version_later_leaves_the_rapid_review_alone(bm, ready):
    save(bm, ready)
    submit(bm, ready, dt.date(2026, 11, 24))
    save(bm, ready, notifier_phone="07700 900 982", change_reason="New phone number")
    submit(bm, ready, dt.date(2026, 11, 26))
    assert RapidReview.objects.get(incident=ready).notified_on == dt.date(2026, 11, 24)


def test_the_submission_form_says_when_it_was_due(bm, ready):
    save(bm, ready)
    response = bm.get(url("notification-submitted", ready))
    assert "Due by 30 November 2026" in response.text
    assert "The rapid review is due 15 working days from this date" in response.text


def test_a_late_notification_needs_a_reason_and_is_recorded_late(bm, ready, business_manager):
    save(bm, ready)
    with on(dt.date(2026, 12, 2)):
        bm.force_login(business_manager)  # the session of 26 November has timed out
        text = errors(submit(bm, ready, dt.date(2026, 12, 2)))
        assert "Enter why the notification was late" in text
        assert not StepCompletion.objects.exists()
        response = submit(bm, ready, dt.date(2026, 12, 2), late_reason="The partners met on 1 December.")
    assert response.status_code == 302
    completion = StepCompletion.objects.get(step_code="notification")
    assert completion.completed_on == dt.date(2026, 12, 2)
    assert completion.working_days_late == 2
    assert Notification.objects.get().late_reason == "The partners met on 1 December."
    event = AuditEvent.objects.get(action=AuditAction.CHANGE, object_type="incidents.notification")
    assert event.changes["late_reason"] == ["(not recorded)", "(not recorded)"]


def test_on_the_due_day_no_reason_is_needed(bm, ready, business_manager):
    save(bm, ready)
    with on(dt.date(2026, 11, 30)):
        bm.force_login(business_manager)
        assert submit(bm, ready, dt.date(2026, 11, 30)).status_code == 302
    assert StepCompletion.objects.get(step_code="notification").working_days_late == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"submitted_on_day": "", "submitted_on_month": "", "submitted_on_year": ""},
            "Enter the date the notification was submitted to the Panel",
        ),
        ({"submitted_on_day": "27"}, "The date submitted to the Panel must be today or in the past"),
        (
            {"submitted_on_day": "20"},
            "The date submitted to the Panel must be on or after the date the local authority became aware "
            "(23 November 2026)",
        ),
        ({"submitted_on_day": "31"}, "The date must be a real date"),
        ({"panel_reference": ""}, "Enter the Panel&#x27;s reference"),
    ],
)
def test_every_submission_detail_is_checked(bm, ready, data, message):
    save(bm, ready)
    text = errors(submit(bm, ready, dt.date(2026, 11, 26), **data))
    assert message in text
    ready.refresh_from_db()
    assert ready.notified_on is None


def test_a_submission_needs_a_saved_version(bm, ready):
    response = bm.get(url("notification-submitted", ready))
    assert response.url == url("notification", ready)
    page = bm.get(response.url)
    assert "Save the notification before recording that it was sent to the Panel" in page.text


def test_sending_a_changed_version_keeps_the_first_notification_date(bm, ready):
    save(bm, ready)
    submit(bm, ready, dt.date(2026, 11, 24))
    save(bm, ready, notifier_phone="07700 900 982", change_reason="New phone number")
    form = bm.get(url("notification-submitted", ready))
    assert "still counts from the first notification" in form.text
    assert "If the notification was late" not in form.text
    submit(bm, ready, dt.date(2026, 11, 26))
    ready.refresh_from_db()
    assert ready.notified_on == dt.date(2026, 11, 24)
    assert Notification.objects.get(version=2).submitted_on == dt.date(2026, 11, 26)
    assert StepCompletion.objects.get(step_code="notification").completed_on == dt.date(2026, 11, 24)
    assert "Submitted" in bm.get(url("notification", ready)).text


# Copies: the safeguarding partners, Ofsted and DfE


def test_recording_the_partners_informed_completes_their_step(bm, ready):
    save(bm, ready)
    page = bm.get(url("notification-copies", ready))
    assert "The Panel makes notifications available to DfE and Ofsted" in page.text
    assert "Required for this case" in page.text
    response = bm.post(
        url("notification-copies", ready), date_fields("partners_informed_on", dt.date(2026, 11, 25))
    )
    assert response.status_code == 302
    assert Notification.objects.get().partners_informed_on == dt.date(2026, 11, 25)
    completion = StepCompletion.objects.get(step_code="safeguarding_partners_informed")
    assert completion.working_days_late == -3
    assert "25 November 2026" in bm.get(url("notification", ready)).text


def test_a_looked_after_childs_death_explains_that_dfe_and_ofsted_are_required(bm, ready):
    ready.nature = IncidentNature.DEATH
    ready.save()
    child = ready.children.get()
    child.looked_after = "yes"
    child.placement_type = "foster_care"
    child.save()
    save(bm, ready)
    page = bm.get(url("notification-copies", ready))
    assert "A looked-after child has died" in page.text
    assert page.text.count("Required for this case") == 3


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Enter the date at least one of them was informed"),
        (
            date_fields("partners_informed_on", dt.date(2026, 11, 27)),
            "The date the safeguarding partners were informed must be today or in the past",
        ),
        (
            date_fields("ofsted_informed_on", dt.date(2026, 11, 20)),
            "The date Ofsted was informed must be on or after",
        ),
        (
            date_fields("dfe_informed_on", dt.date(2026, 11, 27)),
            "The date DfE was informed must be today or in the past",
        ),
    ],
)
def test_every_copy_date_is_checked(bm, ready, data, message):
    save(bm, ready)
    assert message in errors(bm.post(url("notification-copies", ready), data))
    assert not StepCompletion.objects.exists()


def test_a_recorded_date_cannot_be_removed(bm, ready):
    save(bm, ready)
    bm.post(url("notification-copies", ready), date_fields("partners_informed_on", dt.date(2026, 11, 25)))
    text = errors(
        bm.post(url("notification-copies", ready), date_fields("ofsted_informed_on", dt.date(2026, 11, 26)))
    )
    assert (
        "Enter the date the safeguarding partners were informed: a date already recorded cannot be removed"
        in text
    )


def test_a_care_leavers_death_records_dfe_and_ofsted_without_a_panel_notification(bm, ready):
    ready.status = IncidentStatus.CARE_LEAVER_DEATH
    ready.save()
    page = bm.get(url("notification", ready))
    assert "This is the death of a care leaver" in page.text
    assert url("notification-copies", ready) in page.text
    assert bm.get(url("notification-save", ready)).status_code == 302
    form = bm.get(url("notification-copies", ready))
    assert "notified to DfE and Ofsted, not the Panel" in form.text
    assert "safeguarding partners" not in form.text
    bm.post(url("notification-copies", ready), date_fields("dfe_informed_on", dt.date(2026, 11, 24)))
    assert not StepCompletion.objects.exists()
    bm.post(
        url("notification-copies", ready),
        {
            **date_fields("dfe_informed_on", dt.date(2026, 11, 24)),
            **date_fields("ofsted_informed_on", dt.date(2026, 11, 25)),
        },
    )
    notification = Notification.objects.get()
    assert notification.dfe_informed_on == dt.date(2026, 11, 24)
    assert notification.submitted_on is None
    completion = StepCompletion.objects.get(step_code="care_leaver_notification")
    assert completion.completed_on == dt.date(2026, 11, 25)
    ready.refresh_from_db()
    assert ready.notified_on is None


def test_copies_need_a_saved_notification_for_a_panel_case(bm, ready):
    response = bm.get(url("notification-copies", ready))
    assert response.url == url("notification", ready)


# Who may do what


def test_the_incidents_notifier_may_complete_it(client, ready, agency_lead):
    ready.notifier = agency_lead
    ready.save()
    client.force_login(agency_lead)
    assert client.get(url("notification", ready)).status_code == 200
    assert save(client, ready).status_code == 302
    assert Notification.objects.get().saved_by == agency_lead


def test_the_panel_reads_only_what_was_sent(bm, ready, panel_member):
    save(bm, ready)
    client = Client()
    client.force_login(panel_member)
    assert client.get(url("notification", ready)).status_code == 404
    submit(bm, ready, dt.date(2026, 11, 26))
    save(bm, ready, notifier_phone="07700 900 982", change_reason="New phone number")
    page = client.get(url("notification", ready))
    assert page.status_code == 200
    assert "Version 1" in page.text
    assert "Version 2" not in page.text
    assert "Save a new version" not in page.text
    assert client.get(url("notification-version", ready, version=1)).status_code == 200
    assert client.get(url("notification-version", ready, version=2)).status_code == 404
    assert client.get(url("notification-save", ready)).status_code == 403
    assert client.get(url("notification-submitted", ready)).status_code == 403
