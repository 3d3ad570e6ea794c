"""An agency's chronology entries: listed, added, changed, deleted and uploaded, by the right people only."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from cspr.audit.log import REDACTED
from cspr.audit.models import AuditAction, AuditEvent
from cspr.chronology.models import ChronologyEntry
from cspr.chronology.upload import HEADERS
from cspr.rapid_reviews.models import ReturnStatus

from .records import add_entry, open_rapid_review, request_return

FACTS = "Neighbour reported shouting; officers attended."


@pytest.fixture
def rapid_review(incident):
    return open_rapid_review(incident)


@pytest.fixture
def police_return(rapid_review, agency):
    return request_return(rapid_review, agency)


@pytest.fixture
def gp_return(rapid_review, other_agency):
    return request_return(rapid_review, other_agency)


def entry_form(**changes) -> dict:
    return {
        "start_date": "?22/05/2016",
        "start_time": "14:30",
        "end_date_day": "",
        "end_date_month": "",
        "end_date_year": "",
        "end_time": "",
        "source_reference": "Police log 2016/123",
        "practitioner_role": "Police constable",
        "event_type": "police_incident",
        "facts": FACTS,
        "action_outcome": "No arrests.",
        "significance": "",
        "key_practice_episode": "on",
        "reviewer_note": "",
        "reference": "P-1",
        **changes,
    }


def test_agency_lead_adds_an_entry_with_an_uncertain_date_and_the_audit_holds_no_text(
    client, agency_lead, police_return
):
    client.force_login(agency_lead)
    response = client.post(reverse("chronology:entry-add", args=[police_return.pk]), entry_form())
    assert response.status_code == 302
    assert response.url == reverse("chronology:return-entries", args=[police_return.pk])
    entry = ChronologyEntry.objects.get()
    assert (entry.start_on, entry.start_precision, entry.start_as_written) == (
        dt.date(2016, 5, 22),
        "approximate",
        "?22/05/2016",
    )
    assert entry.start_time == dt.time(14, 30)
    assert entry.agency == police_return.agency
    assert entry.rapid_review == police_return.rapid_review
    assert entry.key_practice_episode is True
    assert entry.created_by == agency_lead
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="chronology.chronologyentry")
    assert event.changes["facts"] == [None, REDACTED]
    assert event.changes["source_reference"] == [None, REDACTED]
    assert event.changes["practitioner_role"] == [None, REDACTED]
    assert event.changes["start_on"] == [None, "2016-05-22"]
    assert FACTS not in str(event.changes)
    page = client.get(response.url)
    content = page.content.decode()
    assert "about 22 May 2016" in content
    assert "written “?22/05/2016”" in content
    assert FACTS in content
    assert "Key practice episode" in content


def test_entry_form_errors_in_the_govuk_voice(client, agency_lead, police_return):
    client.force_login(agency_lead)
    url = reverse("chronology:entry-add", args=[police_return.pk])
    response = client.post(
        url, entry_form(start_date="31/02/2021", source_reference="", event_type="", facts="")
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in content
    assert "The start date &#x27;31/02/2021&#x27; is not a real date" in content
    assert "Enter the record or document the entry comes from" in content
    assert "Select the event type" in content
    assert "Enter what happened" in content
    response = client.post(
        url,
        entry_form(
            start_date="22/05/2016",
            end_date_day="21",
            end_date_month="5",
            end_date_year="2016",
            start_time="25:00",
        ),
    )
    content = response.content.decode()
    assert "The end date must be the same as or after the start date" in content
    assert "The start time must be a real time on the 24-hour clock, like 14:30" in content
    assert not ChronologyEntry.objects.exists()


def test_save_and_add_another_returns_to_the_form(client, agency_lead, police_return):
    client.force_login(agency_lead)
    url = reverse("chronology:entry-add", args=[police_return.pk])
    response = client.post(url, {**entry_form(), "add_another": "1"})
    assert response.url == url


def test_agency_lead_changes_and_deletes_their_entry(client, agency_lead, police_return):
    entry = add_entry(police_return, dt.date(2016, 5, 22), start_as_written="22/05/2016")
    client.force_login(agency_lead)
    form = client.get(reverse("chronology:entry-edit", args=[entry.pk])).content.decode()
    assert 'value="22/05/2016"' in form
    response = client.post(
        reverse("chronology:entry-edit", args=[entry.pk]), entry_form(start_date="May 2016")
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.start_on, entry.start_precision) == (dt.date(2016, 5, 1), "month")
    change = AuditEvent.objects.get(action=AuditAction.CHANGE)
    assert change.changes["start_precision"] == ["day", "month"]
    assert change.changes["facts"] == [REDACTED, REDACTED]

    confirm = client.get(reverse("chronology:entry-delete", args=[entry.pk]))
    assert "Delete this chronology entry?" in confirm.content.decode()
    client.post(reverse("chronology:entry-delete", args=[entry.pk]))
    assert not ChronologyEntry.objects.exists()
    deleted = AuditEvent.objects.get(action=AuditAction.DELETE)
    assert deleted.object_repr == "Chronology entry of Northshire Police for incident 2026/001"


def test_agency_lead_sees_only_their_own_agencys_entries(client, agency_lead, police_return, gp_return):
    add_entry(police_return, dt.date(2016, 5, 22), facts="Police attended.")
    gp_entry = add_entry(gp_return, dt.date(2016, 5, 23), facts="GP appointment missed.")
    client.force_login(agency_lead)
    own = client.get(reverse("chronology:return-entries", args=[police_return.pk])).content.decode()
    assert "Police attended." in own and "GP appointment missed." not in own
    for url in (
        reverse("chronology:return-entries", args=[gp_return.pk]),
        reverse("chronology:entry-add", args=[gp_return.pk]),
        reverse("chronology:upload", args=[gp_return.pk]),
        reverse("chronology:entry-edit", args=[gp_entry.pk]),
        reverse("chronology:entry-delete", args=[gp_entry.pk]),
        reverse("chronology:integrated", args=[police_return.rapid_review.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("chronology:entry-delete", args=[gp_entry.pk])).status_code == 404
    assert ChronologyEntry.objects.filter(pk=gp_entry.pk).exists()


def test_other_agency_lead_gets_404_for_this_agencys_return(client, other_agency_lead, police_return):
    client.force_login(other_agency_lead)
    assert client.get(reverse("chronology:return-entries", args=[police_return.pk])).status_code == 404


def test_a_submitted_return_is_read_only(client, agency_lead, review_group_member, police_return):
    entry = add_entry(police_return, dt.date(2016, 5, 22))
    police_return.status = ReturnStatus.SUBMITTED
    police_return.save()
    client.force_login(agency_lead)
    page = client.get(reverse("chronology:return-entries", args=[police_return.pk])).content.decode()
    assert "Add an entry" not in page and "Change" not in page
    assert "can no longer be changed" in page
    assert client.get(reverse("chronology:entry-edit", args=[entry.pk])).status_code == 403
    assert client.get(reverse("chronology:upload", args=[police_return.pk])).status_code == 403
    client.force_login(review_group_member)
    page = client.get(reverse("chronology:return-entries", args=[police_return.pk])).content.decode()
    assert "Officers attended the address." in page and "Add an entry" not in page
    assert "See these entries in the integrated chronology" in page


def csv_upload(rows: list[list[str]], name="chronology.csv") -> SimpleUploadedFile:
    lines = [",".join(HEADERS)] + [",".join(row) for row in rows]
    return SimpleUploadedFile(name, "\n".join(lines).encode(), content_type="text/csv")


def row(
    start="22/05/2016", source="Police log 1", event_type="Home visit", facts="Seen at home."
) -> list[str]:
    return ["", start, "", "", "", source, "", event_type, facts, "", "", "No", ""]


def test_upload_imports_every_row_with_one_audit_row(client, agency_lead, police_return):
    client.force_login(agency_lead)
    url = reverse("chronology:upload", args=[police_return.pk])
    response = client.post(url, {"file": csv_upload([row(), row("May 2016"), row("2015")])}, follow=True)
    assert "3 chronology entries imported from the file" in response.content.decode()
    assert ChronologyEntry.objects.filter(agency_return=police_return).count() == 3
    events = AuditEvent.objects.filter(action=AuditAction.CREATE)
    assert events.count() == 1
    assert events[0].object_type == "rapid_reviews.agencyreturn"
    assert events[0].changes == {"chronology_entries_imported": [None, 3]}
    assert events[0].object_repr.endswith("chronology upload of 3 entries")
    assert "chronology.csv" not in events[0].object_repr


def test_malformed_csv_upload_imports_nothing_and_lists_every_problem(client, agency_lead, police_return):
    client.force_login(agency_lead)
    url = reverse("chronology:upload", args=[police_return.pk])
    rows = [row(), row("31/02/2021"), row(source="", event_type="Visit")]
    response = client.post(url, {"file": csv_upload(rows)})
    content = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in content
    assert "The selected file has 3 problems: nothing has been imported" in content
    assert "<li>Row 3, start date: &#x27;31/02/2021&#x27; is not a real date</li>" in content
    assert "<li>Row 4, source: enter the record or document the entry comes from</li>" in content
    assert (
        "<li>Row 4, event type: &#x27;Visit&#x27; is not one of the event types in the template</li>"
        in content
    )
    assert not ChronologyEntry.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.CREATE).exists()


def test_malformed_xlsx_upload_imports_nothing(client, agency_lead, police_return):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(HEADERS))
    sheet.append(row())
    sheet.append(row("31/02/2021"))
    content = io.BytesIO()
    workbook.save(content)
    client.force_login(agency_lead)
    upload = SimpleUploadedFile("chronology.xlsx", content.getvalue())
    response = client.post(reverse("chronology:upload", args=[police_return.pk]), {"file": upload})
    assert (
        "<li>Row 3, start date: &#x27;31/02/2021&#x27; is not a real date</li>" in response.content.decode()
    )
    assert not ChronologyEntry.objects.exists()


def test_thousands_of_errors_are_capped_with_a_count(client, agency_lead, police_return):
    client.force_login(agency_lead)
    rows = [row("31/02/2021")] * 150
    response = client.post(reverse("chronology:upload", args=[police_return.pk]), {"file": csv_upload(rows)})
    content = response.content.decode()
    assert "The selected file has 150 problems" in content
    assert content.count("is not a real date</li>") == 100
    assert "and 50 more problems" in content


def test_upload_of_the_wrong_kind_of_file(client, agency_lead, police_return):
    client.force_login(agency_lead)
    upload = SimpleUploadedFile("notes.pdf", b"%PDF-1.4")
    response = client.post(reverse("chronology:upload", args=[police_return.pk]), {"file": upload})
    assert '<a href="#id_file">The selected file must be a CSV or XLSX file</a>' in response.content.decode()
    response = client.post(reverse("chronology:upload", args=[police_return.pk]), {})
    assert "Select a CSV or XLSX file" in response.content.decode()


def test_templates_download(client, agency_lead):
    client.force_login(agency_lead)
    csv = client.get(reverse("chronology:upload-template", args=["csv"]))
    assert csv["Content-Disposition"] == 'attachment; filename="chronology-template.csv"'
    assert csv.content.decode("utf-8-sig").startswith("Event reference,Start date,")
    xlsx = client.get(reverse("chronology:upload-template", args=["xlsx"]))
    assert xlsx.content.startswith(b"PK")
    assert client.get(reverse("chronology:upload-template", args=["pdf"])).status_code == 404
