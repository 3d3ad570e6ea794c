"""Evidence: the file types accepted and the checks on their content, adding evidence on its own, and the
download (who may, how it is served, and its audit entry, which never names the file)."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cspr.action_plans.actions.progress import do_add_evidence
from cspr.action_plans.evidence_files import validate_evidence
from cspr.action_plans.models import ActionStatus, Evidence
from cspr.audit.models import AuditEvent

from .matrix_progress import PDF_BYTES, make_evidence
from .records import plan_action

TODAY = dt.datetime(2027, 3, 1, 12, tzinfo=ZoneInfo("Europe/London"))
REAL_FILES = {
    "audit.pdf": PDF_BYTES,
    "policy.docx": b"PK\x03\x04 a policy",
    "figures.xlsx": b"PK\x03\x04 figures",
    "figures.csv": "Team,Trained\nCafé,92%\n".encode(),
    "figures-excel.csv": "Team,Trained\nCafé,£92\n".encode("cp1252"),
    "notes.TXT": b"Briefing given at every station",
    "poster.png": b"\x89PNG\r\n\x1a\n picture",
    "photo.jpeg": b"\xff\xd8\xff\xe0 picture",
    "photo.jpg": b"\xff\xd8\xff\xe1 picture",
}


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def action(ctx):
    return plan_action(ctx)


@pytest.mark.parametrize(("name", "content"), REAL_FILES.items())
def test_real_files_of_each_type_are_accepted(name, content):
    validate_evidence(SimpleUploadedFile(name, content))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.exe", b"MZ\x90\x00", "The selected file must be a PDF, Word document (DOCX)"),
        ("audit.doc", b"\xd0\xcf\x11\xe0", "The selected file must be a PDF"),
        ("audit.pdf", b"MZ\x90\x00 renamed", "The selected file is not a real PDF file"),
        ("policy.docx", b"%PDF-1.4", "The selected file is not a real DOCX file"),
        ("poster.png", b"\xff\xd8\xff\xe0", "The selected file is not a real PNG file"),
        ("figures.csv", b"PK\x03\x04\x00\x00 a zip", "The selected file is not a real CSV file"),
        ("notes.txt", b"\x81\x8d\x8f\x90\x9d", "The selected file is not a real TXT file"),
    ],
)
def test_other_types_and_renamed_files_are_refused(name, content, message):
    with pytest.raises(forms.ValidationError, match=re.escape(message)):
        validate_evidence(SimpleUploadedFile(name, content))


def test_files_of_20mb_or_more_are_refused():
    upload = SimpleUploadedFile("audit.pdf", PDF_BYTES)
    upload.size = 20 * 1024 * 1024 + 1
    with pytest.raises(forms.ValidationError, match="The selected file must be smaller than 20MB"):
        validate_evidence(upload)


def test_agency_lead_adds_evidence_and_the_audit_does_not_name_the_file(client, agency_lead, action):
    client.force_login(agency_lead)
    upload = SimpleUploadedFile("Child K audit.docx", b"PK\x03\x04 audit")
    response = client.post(
        reverse("action_plans:add_evidence", args=[action.pk]),
        {"file": upload, "kind": "audit", "description": "Audit of 20 cases"},
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get(action=action)
    assert evidence.uploaded_by == agency_lead and evidence.original_name == "Child K audit.docx"
    assert evidence.file.name.endswith(f"action-{action.pk}-evidence.docx")
    event = AuditEvent.objects.get(object_type="action_plans.evidence", action="create")
    assert event.object_repr == f"Evidence {evidence.pk} for action {action.pk}"
    assert event.changes["original_name"] == [None, "(not recorded)"]
    assert event.changes["kind"] == [None, "audit"]
    page = client.get(action.get_absolute_url()).content.decode()
    assert "Evidence added" in page and "Audit of 20 cases" in page and "Download Child K audit.docx" in page


def test_the_evidence_form_says_what_is_missing(client, agency_lead, action):
    client.force_login(agency_lead)
    page = client.post(
        reverse("action_plans:add_evidence", args=[action.pk]), {"description": "Audit of 20 cases"}
    ).content.decode()
    assert "Select the evidence file" in page and "Select what kind of evidence it is" in page
    assert "Audit of 20 cases" in page
    assert not Evidence.objects.exists()


def test_no_evidence_is_added_to_an_assured_action(client, agency_lead, action):
    action.status = ActionStatus.ASSURED
    action.save()
    client.force_login(agency_lead)
    assert client.get(reverse("action_plans:add_evidence", args=[action.pk])).status_code == 403
    with pytest.raises(ValueError, match="can no longer be changed"):
        do_add_evidence(
            action,
            upload=SimpleUploadedFile("a.pdf", PDF_BYTES),
            kind="audit",
            description="Late",
            acting_user=agency_lead,
            request=None,
        )
    assert not Evidence.objects.exists()


def test_the_download_is_an_attachment_of_the_checked_type_and_audited(client, agency_lead, action):
    evidence = make_evidence(action, name="Training figures March.pdf")
    client.force_login(agency_lead)
    response = client.get(reverse("action_plans:evidence", args=[evidence.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert "Training figures March.pdf" in response["Content-Disposition"]
    assert response["Cache-Control"] == "no-store"
    views = AuditEvent.objects.filter(object_type="action_plans.evidence", action="view")
    assert [(event.object_repr, event.actor_id) for event in views] == [
        (f"Evidence {evidence.pk} for action {action.pk}", agency_lead.pk)
    ]


def test_decision_makers_download_evidence(
    client, business_manager, review_group_member, executive_member, action
):
    evidence = make_evidence(action)
    for person in (business_manager, review_group_member, executive_member):
        client.force_login(person)
        assert client.get(reverse("action_plans:evidence", args=[evidence.pk])).status_code == 200


def test_another_agency_or_partnership_cannot_download(
    client, other_agency_lead, other_business_manager, action
):
    evidence = make_evidence(action)
    for person in (other_agency_lead, other_business_manager):
        client.force_login(person)
        assert client.get(reverse("action_plans:evidence", args=[evidence.pk])).status_code == 404
    assert not AuditEvent.objects.filter(object_type="action_plans.evidence", action="view").exists()


def test_a_missing_file_is_not_found(client, business_manager, action):
    evidence = make_evidence(action)
    evidence.file.delete(save=False)
    client.force_login(business_manager)
    assert client.get(reverse("action_plans:evidence", args=[evidence.pk])).status_code == 404
