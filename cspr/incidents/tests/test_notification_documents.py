"""The notification's documents: PDF, Word, JSON and the print page, read back and checked for content.

Each is made from a saved version, names children by pseudonym only, carries the protective marking and
is an EXPORT entry in the audit trail.
"""

import datetime as dt
import io
import json
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from cspr.audit.models import AuditAction, AuditEvent
from cspr.incidents.documents.json_export import SCHEMA_VERSION
from cspr.incidents.models import Child, Notification

LONDON = ZoneInfo("Europe/London")
NOTIFIER = {
    "local_authority": "Northshire Council",
    "notifier_name": "Sam Notifier",
    "notifier_role": "Head of Safeguarding",
    "notifier_email": "sam.notifier@example.test",
    "notifier_phone": "01632 960 001",
}
NAMES = ("Kai", "Testchild", "Mia")


@pytest.fixture(autouse=True)
def thursday_26_november():
    with time_machine.travel(dt.datetime(2026, 11, 26, 10, tzinfo=LONDON), tick=False):
        yield


@pytest.fixture
def bm(client, business_manager):
    client.force_login(business_manager)
    return client


@pytest.fixture
def saved(bm, incident, partnership):
    """Version 1 of the notification, naming two children: Child K, and Child M who is looked after."""
    incident.location = "Family home"
    incident.further_children = "An older sibling aged 9 lives in the household."
    incident.save()
    Child.objects.create(
        partnership=partnership,
        incident=incident,
        position=2,
        name="Mia Testchild",
        pseudonym="Child M",
        age_years=3,
        sex="female",
        looked_after="yes",
        placement_type="foster_care",
    )
    response = bm.post(reverse("incidents:notification-save", args=[incident.pk]), NOTIFIER)
    assert response.status_code == 302
    return Notification.objects.get(incident=incident, version=1)


def url(name, incident, version=None):
    path = reverse(f"incidents:notification-{name}", args=[incident.pk])
    return f"{path}?version={version}" if version else path


def assert_no_child_name(text: str):
    for name in NAMES:
        assert name not in text


def export_entries():
    return AuditEvent.objects.filter(action=AuditAction.EXPORT, object_type="incidents.notification")


def test_pdf_is_an_a4_document_with_marking_pages_and_pseudonyms(bm, incident, saved):
    response = bm.get(url("pdf", incident))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="notification-2026-001-v1.pdf"'
    assert response["Cache-Control"] == "no-store"
    reader = PdfReader(io.BytesIO(response.content))
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(width) / 72 * 25.4), round(float(height) / 72 * 25.4)) == (210, 297)
    first = reader.pages[0].extract_text()
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert first.count("OFFICIAL-SENSITIVE") == 2
    assert f"Page 1 of {len(reader.pages)}" in first
    assert "Northshire" in first
    assert "Reference 2026/001, version 1, generated 26 November 2026" in first
    for heading in ("Serious incident notification", "The local authority and the notifier", "The incident"):
        assert heading in text
    for heading in ("About this version", "The children", "Linked incidents and agencies"):
        assert heading in text
    assert "Saved" in text and "Not yet submitted" in text
    assert "2 children named in the notification" in text
    assert "Child K" in text and "Child M" in text
    assert "Foster care" in text
    assert "Infant admitted to hospital with unexplained fractures." in text
    assert "Sam Notifier" in text and "01632 960 001" in text
    assert_no_child_name(text)
    entry = export_entries().get()
    assert entry.changes == {"format": "pdf", "version": 1}
    assert entry.object_repr == "Notification of incident 2026/001, version 1"


def test_docx_has_real_headings_tables_and_marking(bm, incident, saved):
    response = bm.get(url("docx", incident))
    assert response["Content-Disposition"] == 'attachment; filename="notification-2026-001-v1.docx"'
    document = Document(io.BytesIO(response.content))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings == [
        "Serious incident notification",
        "About this version",
        "The local authority and the notifier",
        "The incident",
        "The children",
        "Linked incidents and agencies",
    ]
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert section.header.paragraphs[0].text == "OFFICIAL-SENSITIVE"
    assert "Northshire" in section.header.paragraphs[1].text
    assert section.footer.paragraphs[-1].text == "OFFICIAL-SENSITIVE"
    assert "Reference 2026/001, version 1" in section.footer.paragraphs[0].text
    children = next(table for table in document.tables if table.rows[0].cells[0].text == "Characteristic")
    assert [cell.text for cell in children.rows[0].cells] == ["Characteristic", "Child K", "Child M"]
    rows = {row.cells[0].text: [cell.text for cell in row.cells[1:]] for row in children.rows[1:]}
    assert rows["Age"] == ["6 months", "3 years"]
    assert rows["Placement type"] == ["Not looked after", "Foster care"]
    everything = "\n".join(
        [p.text for p in document.paragraphs]
        + [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    )
    assert "Family home" in everything
    assert_no_child_name(everything)
    assert_no_child_name(response.content.decode("latin-1"))
    assert export_entries().get().changes["format"] == "docx"


def test_json_follows_the_documented_schema(bm, incident, saved):
    response = bm.get(url("json", incident))
    assert response["Content-Disposition"] == 'attachment; filename="notification-2026-001-v1.json"'
    data = json.loads(response.content)
    assert data["schema_version"] == SCHEMA_VERSION == 1
    assert data["document"] == "serious_incident_notification"
    assert data["marking"] == "OFFICIAL-SENSITIVE"
    assert data["generated_at"] == "2026-11-26T10:00:00+00:00"
    assert data["reference"] == "2026/001"
    assert data["version"] == 1
    assert data["submitted_to_panel_on"] is None
    assert set(data) == {
        "schema_version",
        "document",
        "marking",
        "generated_at",
        "reference",
        "version",
        "saved_at",
        "change_reason",
        "submitted_to_panel_on",
        "panel_reference",
        "late_reason",
        "partners_informed_on",
        "ofsted_informed_on",
        "dfe_informed_on",
        "notification",
    }
    notification = data["notification"]
    assert notification["aware_on"] == "2026-11-23"
    assert notification["incident"]["incident_on"] == "2026-11-21"
    assert notification["incident"]["nature"] == {"code": "serious_harm", "label": "Serious harm"}
    assert [child["pseudonym"] for child in notification["children"]] == ["Child K", "Child M"]
    assert notification["children"][1]["placement_type"] == {"code": "foster_care", "label": "Foster care"}
    assert notification["notifier"]["email"] == "sam.notifier@example.test"
    assert_no_child_name(response.content.decode())


def test_submitted_dates_are_iso_in_json(bm, incident, saved):
    saved.submitted_on = dt.date(2026, 11, 27)
    saved.partners_informed_on = dt.date(2026, 11, 25)
    saved.save()
    data = json.loads(bm.get(url("json", incident)).content)
    assert data["submitted_to_panel_on"] == "2026-11-27"
    assert data["partners_informed_on"] == "2026-11-25"


def test_print_page_uses_the_print_stylesheet_and_is_audited(bm, incident, saved):
    response = bm.get(url("print", incident))
    assert response.status_code == 200
    assert "/static/incidents/notification-document.css" in response.text
    assert response.text.count("OFFICIAL-SENSITIVE") == 2
    assert "Child M" in response.text
    assert_no_child_name(response.text)
    assert export_entries().get().changes == {"format": "print"}
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW, path=url("print", incident)).exists()


def test_a_given_version_is_documented_as_it_was(bm, incident, saved):
    incident.location = "Grandparents' home"
    incident.save()
    bm.post(reverse("incidents:notification-save", args=[incident.pk]), NOTIFIER)
    assert "Grandparents" in bm.get(url("json", incident)).content.decode()
    earlier = bm.get(url("json", incident, version=1))
    assert earlier["Content-Disposition"] == 'attachment; filename="notification-2026-001-v1.json"'
    assert json.loads(earlier.content)["notification"]["incident"]["location"] == "Family home"
    pdf = bm.get(url("pdf", incident, version=2))
    assert "Grandparents" in "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert bm.get(url("docx", incident, version=3)).status_code == 404
    assert bm.get(url("pdf", incident, version="two")).status_code == 404


def test_documents_need_a_saved_version(bm, incident):
    response = bm.get(url("pdf", incident))
    assert response.url == reverse("incidents:notification", args=[incident.pk])
    assert "There is no saved notification to download yet" in bm.get(response.url).text
    assert not export_entries().exists()


def test_the_panel_downloads_only_submitted_versions(bm, incident, saved, panel_member):
    panel = Client()
    panel.force_login(panel_member)
    assert panel.get(url("pdf", incident)).status_code == 404
    day = {"submitted_on_day": 26, "submitted_on_month": 11, "submitted_on_year": 2026}
    bm.post(
        reverse("incidents:notification-submitted", args=[incident.pk]), {**day, "panel_reference": "CSPRP-1"}
    )
    bm.post(reverse("incidents:notification-save", args=[incident.pk]), {**NOTIFIER, "change_reason": "Typo"})
    current = json.loads(panel.get(url("json", incident)).content)
    assert current["version"] == 1
    assert current["panel_reference"] == "CSPRP-1"
    assert panel.get(url("docx", incident, version=2)).status_code == 404
    assert panel.get(url("print", incident, version=1)).status_code == 200


def test_an_agency_lead_who_is_not_the_notifier_cannot_download(client, incident, saved, agency_lead):
    client.force_login(agency_lead)
    assert client.get(url("pdf", incident)).status_code == 403
    assert not export_entries().exists()
