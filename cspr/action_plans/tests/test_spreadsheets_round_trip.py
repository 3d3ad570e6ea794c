"""The XLSX round trip through the pages: download the actions you can see, change the file with a
spreadsheet program (openpyxl here), upload it, and see every change applied, or none with every problem
listed."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from cspr.action_plans.models import Action, ActionStatus, ProgressUpdate
from cspr.audit.models import AuditAction, AuditEvent

from .records import make_action, make_plan, make_recommendation

TODAY = dt.datetime(2027, 5, 10, 12, tzinfo=dt.UTC)  # a Monday
EXPORT = reverse("action_plans:export")
IMPORT = reverse("action_plans:import")


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def plan(partnership, agency, other_agency):
    """Two police actions (one overdue, one assured) and one GP action."""
    plan = make_plan(partnership)
    recommendation = make_recommendation(plan)
    make_action(recommendation, agency, status=ActionStatus.ON_TRACK, due_on=dt.date(2027, 5, 3))
    make_action(
        recommendation,
        agency,
        what_will_change="Safe sleep advice at every call-out",
        status=ActionStatus.ASSURED,
        assured_on=dt.date(2027, 4, 1),
        retest_on=dt.date(2027, 10, 1),
    )
    make_action(recommendation, other_agency, what_will_change="GP record flags for male carers")
    return plan


def police_actions(agency):
    return list(Action.objects.filter(agency=agency).order_by("pk"))


def download(client, query="") -> tuple:
    response = client.get(EXPORT + query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    return workbook, workbook["Actions"]


def rows_by_id(sheet) -> dict:
    headers = [cell.value for cell in sheet[1]]
    return {
        line[0]: dict(zip(headers, line, strict=True))
        for line in sheet.iter_rows(min_row=2, values_only=True)
    }


def set_cells(sheet, action_id, **values) -> None:
    headers = [cell.value for cell in sheet[1]]
    for line in sheet.iter_rows(min_row=2):
        if line[0].value == action_id:
            for header, value in values.items():
                line[headers.index(header)].value = value
            return
    raise AssertionError(f"action {action_id} is not in the file")


def upload(client, workbook, name="action-plan.xlsx"):
    out = io.BytesIO()
    workbook.save(out)
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, out.getvalue())})


def test_agency_lead_round_trip_applies_their_updates(client, agency_lead, agency, plan):
    on_track, assured = police_actions(agency)
    client.force_login(agency_lead)
    workbook, sheet = download(client)
    rows = rows_by_id(sheet)
    assert set(rows) == {on_track.pk, assured.pk}, "only the lead's own agency's actions"
    assert rows[on_track.pk]["Overdue?"] == "Yes, by 5 working days"
    assert rows[on_track.pk]["Current status"] == "On track"
    assert rows[assured.pk]["Overdue?"] == "No"
    set_cells(
        sheet, on_track.pk, **{"New status": "Complete", "Progress note to add": "All officers trained"}
    )

    page = upload(client, workbook).content.decode()

    assert "2 rows read: 1 action updated, 1 unchanged" in page
    assert reverse("action_plans:action", args=[on_track.pk]) in page
    on_track.refresh_from_db()
    assert on_track.status == ActionStatus.COMPLETE and on_track.completed_on == dt.date(2027, 5, 10)
    update = ProgressUpdate.objects.get(action=on_track)
    assert (update.note, update.from_spreadsheet, update.written_by) == (
        "All officers trained",
        True,
        agency_lead,
    )


def test_uploading_the_same_note_again_adds_nothing(client, agency_lead, agency, plan):
    """A file sent twice (or a results page re-submitted) does not record its progress note twice."""
    on_track, _ = police_actions(agency)
    client.force_login(agency_lead)
    workbook, sheet = download(client)
    set_cells(sheet, on_track.pk, **{"Progress note to add": "Training booked for March"})
    assert "1 action updated" in upload(client, workbook).content.decode()

    page = upload(client, workbook).content.decode()

    assert "2 rows read: 0 actions updated, 2 unchanged" in page
    assert ProgressUpdate.objects.filter(action=on_track).count() == 1


def test_the_latest_note_goes_out_and_a_second_download_shows_the_update(client, agency_lead, agency, plan):
    on_track, _ = police_actions(agency)
    client.force_login(agency_lead)
    workbook, sheet = download(client)
    set_cells(sheet, on_track.pk, **{"Progress note to add": "Half the officers trained"})
    upload(client, workbook)
    _, sheet = download(client)
    row = rows_by_id(sheet)[on_track.pk]
    assert row["Latest progress note"] == "Half the officers trained"
    assert row["New status"] is None and row["Progress note to add"] is None


def test_business_manager_changes_owner_and_due_date_and_updates_any_agency(
    client, business_manager, agency, other_agency, plan
):
    on_track, _ = police_actions(agency)
    gp_action = Action.objects.get(agency=other_agency)
    gp_action.due_working_days = 40
    gp_action.save()
    client.force_login(business_manager)
    workbook, sheet = download(client)
    assert len(rows_by_id(sheet)) == 3
    set_cells(
        sheet, on_track.pk, Owner="Chief Inspector, Safeguarding", **{"Due date": dt.datetime(2027, 6, 30)}
    )
    set_cells(
        sheet, gp_action.pk, **{"New status": "At risk", "Progress note to add": "Practice manager left"}
    )

    page = upload(client, workbook).content.decode()

    assert "3 rows read: 2 actions updated, 1 unchanged" in page
    on_track.refresh_from_db()
    gp_action.refresh_from_db()
    assert (on_track.owner, on_track.due_on) == ("Chief Inspector, Safeguarding", dt.date(2027, 6, 30))
    assert on_track.status == ActionStatus.ON_TRACK and not on_track.updates.exists()
    assert gp_action.status == ActionStatus.AT_RISK and gp_action.due_working_days == 40
    change = AuditEvent.objects.filter(action=AuditAction.CHANGE, object_id=str(on_track.pk)).get()
    assert change.changes["owner"] == ["(not recorded)", "(not recorded)"], "an owner is a person: not logged"
    assert change.changes["due_on"] == ["2027-05-03", "2027-06-30"]


def test_a_file_touching_another_agencys_action_is_refused_and_nothing_changes(
    client, business_manager, agency_lead, agency, other_agency, plan
):
    on_track, _ = police_actions(agency)
    gp_action = Action.objects.get(agency=other_agency)
    client.force_login(business_manager)
    workbook, sheet = download(client)  # the business manager's file has every agency's rows
    set_cells(sheet, on_track.pk, **{"New status": "Complete", "Progress note to add": "Done"})
    set_cells(sheet, gp_action.pk, **{"Progress note to add": "Not ours to say"})
    gp_row = next(cell.row for cell in sheet["A"] if cell.value == gp_action.pk)

    client.force_login(agency_lead)
    response = upload(client, workbook)

    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert (
        f"Row {gp_row}, Action ID: action {gp_action.pk} is not one of Northshire Police&#x27;s actions"
        in page
    )
    assert "nothing has been changed" in page
    on_track.refresh_from_db()
    assert on_track.status == ActionStatus.ON_TRACK
    assert not ProgressUpdate.objects.exists()


def test_a_change_to_an_assured_action_is_refused(client, agency_lead, agency, plan):
    on_track, assured = police_actions(agency)
    client.force_login(agency_lead)
    workbook, sheet = download(client)
    set_cells(sheet, on_track.pk, **{"Progress note to add": "Going well"})
    set_cells(sheet, assured.pk, **{"New status": "On track", "Progress note to add": "Reopening it"})

    page = upload(client, workbook).content.decode()

    assert "This action has been assured as embedded and can no longer be changed" in page
    assert "1 problem: nothing has been changed" in page
    assert not ProgressUpdate.objects.exists()
    assured.refresh_from_db()
    assert assured.status == ActionStatus.ASSURED


def test_an_agency_lead_cannot_change_the_owner_even_with_the_protection_removed(
    client, agency_lead, agency, plan
):
    on_track, _ = police_actions(agency)
    client.force_login(agency_lead)
    workbook, sheet = download(client)
    assert sheet.protection.sheet
    sheet.protection.sheet = False
    set_cells(sheet, on_track.pk, Owner="Someone else")

    page = upload(client, workbook).content.decode()

    assert "owner: only the business manager can change the owner" in page
    on_track.refresh_from_db()
    assert on_track.owner == "Detective Inspector, Public Protection Unit"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "action-plan.xlsx",
            b"Action ID,New status\r\n1,Complete\r\n",
            "The selected file is not an XLSX spreadsheet",
        ),
        ("action-plan.xlsx", b"PK\x03\x04broken", "The selected file is not an XLSX spreadsheet"),
    ],
    ids=["csv-renamed", "not-a-zip"],
)
def test_a_file_that_is_not_the_spreadsheet_is_refused_on_the_page(
    client, agency_lead, plan, name, content, message
):
    client.force_login(agency_lead)
    response = client.post(IMPORT, {"file": SimpleUploadedFile(name, content)})
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-form-group--error" in page and message in page


def test_a_workbook_without_the_headers_is_refused_on_the_page(client, agency_lead, agency, plan):
    client.force_login(agency_lead)
    workbook, sheet = download(client)
    sheet.delete_cols(13, 2)
    page = upload(client, workbook).content.decode()
    assert "row 1 has no &#x27;New status&#x27; or &#x27;Progress note to add&#x27; columns" in page


def test_no_file_chosen_says_so(client, agency_lead):
    client.force_login(agency_lead)
    page = client.post(IMPORT, {}).content.decode()
    assert "Select the XLSX spreadsheet" in page and "govuk-form-group--error" in page


def test_the_export_follows_the_dashboard_filters_and_is_audited(
    client, executive_member, agency, partnership, plan
):
    other_plan = make_plan(partnership, national_report="Child Protection in England")
    make_action(make_recommendation(other_plan), agency)
    client.force_login(executive_member)
    workbook, sheet = download(client, f"?plan={plan.pk}&agency={agency.pk}")
    assert {row["Review"] for row in rows_by_id(sheet).values()} == {plan.title}
    assert len(rows_by_id(sheet)) == 2
    assert all(cell.protection.locked for cell in sheet[2]), "the executive's copy is for reading"
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert event.object_repr == f"Action plan spreadsheet (XLSX), 2 actions: {plan.title}"
    assert event.actor_id == executive_member.pk


def test_another_partnerships_plan_exports_nothing(client, other_business_manager, plan):
    client.force_login(other_business_manager)
    _, sheet = download(client, f"?plan={plan.pk}")
    assert rows_by_id(sheet) == {}


def test_review_group_and_executive_cannot_upload(
    client, review_group_member, executive_member, agency, plan
):
    for person in (review_group_member, executive_member):
        client.force_login(person)
        response = client.post(IMPORT, {"file": SimpleUploadedFile("a.xlsx", b"PK")})
        assert response.status_code == 403
    assert not ProgressUpdate.objects.exists()
