"""The agency's progress update: statuses it may report, the note, evidence in the same form, what the
action function refuses (Part D's spreadsheet import calls it too), the audit, and who may update."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cspr.action_plans import rules
from cspr.action_plans.actions.progress import do_update_action
from cspr.action_plans.models import ActionStatus, Evidence, ProgressUpdate
from cspr.audit.models import AuditEvent

from .matrix_progress import PDF_BYTES
from .records import action_plan, make_action, plan_action

TODAY = dt.datetime(2027, 3, 1, 12, tzinfo=ZoneInfo("Europe/London"))
NOTE = "Training delivered to 40 of 60 officers; Child K's case discussed at the team meeting."


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def action(ctx):
    found = plan_action(ctx)
    found.status = ActionStatus.ON_TRACK
    found.completed_on = None
    found.save()
    return found


def update_url(action) -> str:
    return reverse("action_plans:update_action", args=[action.pk])


def test_agency_lead_reports_progress_on_their_own_action(client, agency_lead, action):
    client.force_login(agency_lead)
    response = client.post(update_url(action), {"status": "at_risk", "note": NOTE})
    assert response.status_code == 302
    assert response.url == action.get_absolute_url()
    action.refresh_from_db()
    assert action.status == "at_risk"
    update = ProgressUpdate.objects.get(action=action)
    assert (update.status, update.note, update.written_by, update.from_spreadsheet) == (
        "at_risk",
        NOTE,
        agency_lead,
        False,
    )
    page = client.get(action.get_absolute_url()).content.decode()
    assert "Progress update saved: At risk" in page
    assert NOTE.replace("'", "&#x27;") in page


def test_the_audit_records_the_status_but_not_the_note(client, agency_lead, action):
    client.force_login(agency_lead)
    client.post(update_url(action), {"status": "complete", "note": NOTE})
    change = AuditEvent.objects.get(object_type="action_plans.action", action="change")
    assert change.changes["status"] == ["on_track", "complete"]
    created = AuditEvent.objects.get(object_type="action_plans.progressupdate")
    assert created.changes["note"] == [None, "(not recorded)"]
    assert "Child K" not in str(created.changes) and "Child K" not in created.object_repr


def test_marking_complete_dates_it_and_moving_back_clears_the_date(agency_lead, action):
    do_update_action(action, status="complete", note=NOTE, acting_user=agency_lead, request=None)
    action.refresh_from_db()
    assert action.completed_on == TODAY.date()
    assert action.display_status(TODAY.date()) == rules.COMPLETE
    do_update_action(action, status="on_track", note="Found gaps", acting_user=agency_lead, request=None)
    action.refresh_from_db()
    assert (action.status, action.completed_on) == ("on_track", None)


def test_a_spreadsheet_update_is_marked_as_such(business_manager, action):
    update = do_update_action(
        action,
        status="at_risk",
        note="From the return",
        acting_user=business_manager,
        request=None,
        from_spreadsheet=True,
    )
    assert update.from_spreadsheet is True
    assert action.status == "at_risk"  # the caller's copy is kept up to date


@pytest.mark.parametrize(
    ("status", "message"),
    [
        ("assured", "Only the business manager or review group can assure an action"),
        ("overdue", "Overdue is worked out from the due date"),
        ("finished", "Choose not started, on track, at risk or complete"),
    ],
)
def test_the_action_function_refuses_statuses_an_agency_may_not_set(agency_lead, action, status, message):
    with pytest.raises(ValueError, match=message):
        do_update_action(action, status=status, note=NOTE, acting_user=agency_lead, request=None)
    assert not ProgressUpdate.objects.exists()


def test_an_assured_action_cannot_be_updated(agency_lead, action):
    action.status = ActionStatus.ASSURED
    action.save()
    with pytest.raises(ValueError, match="assured as embedded and can no longer be changed"):
        do_update_action(action, status="on_track", note=NOTE, acting_user=agency_lead, request=None)


def test_an_update_that_says_nothing_new_is_refused(agency_lead, action):
    with pytest.raises(ValueError, match="Enter a progress note or choose a new status"):
        do_update_action(action, status="on_track", note="  ", acting_user=agency_lead, request=None)


def test_the_form_needs_a_status_and_a_note_and_keeps_what_was_typed(client, agency_lead, action):
    client.force_login(agency_lead)
    response = client.post(update_url(action), {"status": "assured", "note": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Select not started, on track, at risk or complete" in page
    assert "Enter a progress note" in page
    assert page.count("govuk-form-group--error") == 2
    response = client.post(update_url(action), {"note": "Half done"})
    page = response.content.decode()
    assert "Select how the action is going" in page and "Half done" in page
    assert not ProgressUpdate.objects.exists()


def test_the_form_offers_only_the_agency_statuses_with_the_current_one_chosen(client, agency_lead, action):
    client.force_login(agency_lead)
    page = client.get(update_url(action)).content.decode()
    assert 'value="on_track" checked' in page
    assert 'value="assured"' not in page and 'value="overdue"' not in page


def test_evidence_can_be_sent_with_the_update(client, agency_lead, action):
    client.force_login(agency_lead)
    upload = SimpleUploadedFile("Child K training.pdf", PDF_BYTES)
    response = client.post(
        update_url(action),
        {"status": "complete", "note": NOTE, "file": upload, "kind": "training", "description": "Figures"},
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get(action=action)
    assert (evidence.kind, evidence.description, evidence.original_name) == (
        "training",
        "Figures",
        "Child K training.pdf",
    )
    assert "Child K" not in evidence.file.name
    action.refresh_from_db()
    assert action.status == "complete"


def test_evidence_questions_without_a_file_or_a_file_without_them_are_refused(client, agency_lead, action):
    client.force_login(agency_lead)
    page = client.post(
        update_url(action), {"status": "on_track", "note": NOTE, "description": "Figures"}
    ).content.decode()
    assert "Select the evidence file, or leave the evidence questions empty" in page
    upload = SimpleUploadedFile("figures.pdf", PDF_BYTES)
    page = client.post(
        update_url(action), {"status": "on_track", "note": NOTE, "file": upload}
    ).content.decode()
    assert "Select what kind of evidence it is" in page and "Enter what the evidence shows" in page
    assert not ProgressUpdate.objects.exists() and not Evidence.objects.exists()


def test_a_renamed_file_fails_the_update_and_nothing_is_saved(client, agency_lead, action):
    client.force_login(agency_lead)
    upload = SimpleUploadedFile("figures.pdf", b"MZ\x90\x00 a program")
    page = client.post(
        update_url(action),
        {"status": "complete", "note": NOTE, "file": upload, "kind": "training", "description": "Figures"},
    ).content.decode()
    assert "The selected file is not a real PDF file: upload it again" in page
    action.refresh_from_db()
    assert action.status == "on_track" and not ProgressUpdate.objects.exists()


def test_business_manager_records_an_update_received_by_email(client, business_manager, action):
    client.force_login(business_manager)
    response = client.post(update_url(action), {"status": "at_risk", "note": "Emailed by the DI"})
    assert response.status_code == 302
    assert ProgressUpdate.objects.get().written_by == business_manager


def test_another_agency_lead_cannot_reach_the_action(client, other_agency_lead, action):
    client.force_login(other_agency_lead)
    assert client.get(update_url(action)).status_code == 404
    assert client.post(update_url(action), {"status": "complete", "note": NOTE}).status_code == 404
    assert not ProgressUpdate.objects.exists()


def test_review_group_and_executive_do_not_write_updates(
    client, review_group_member, executive_member, action
):
    for person in (review_group_member, executive_member):
        client.force_login(person)
        assert client.post(update_url(action), {"status": "complete", "note": NOTE}).status_code == 403
    assert not ProgressUpdate.objects.exists()


def test_an_agency_lead_updates_each_of_their_actions_only(client, agency_lead, other_agency, ctx, action):
    recommendation = action_plan(ctx).recommendations.get()
    theirs = make_action(recommendation, other_agency)
    client.force_login(agency_lead)
    assert client.get(update_url(theirs)).status_code == 404
    assert client.get(reverse("action_plans:action", args=[theirs.pk])).status_code == 404
