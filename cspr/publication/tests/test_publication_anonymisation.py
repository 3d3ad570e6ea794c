"""The anonymisation check: what it finds in text, Word and PDF files and briefings, and the override."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cspr.audit.models import AuditEvent
from cspr.briefings.tests.records import make_briefing
from cspr.practice_reviews.tests.records import practice_review
from cspr.publication.anonymisation import Child, date_spellings, extract_text, find_identifying_details
from cspr.publication.gates import gate_statuses
from cspr.publication.models import AnonymisationCheck, CheckOutcome

from .records import add_document, docx_bytes, pdf_bytes

KAI = Child("Kai Testchild", dt.date(2026, 5, 2), "2026/001")


def kinds(text, children=(KAI,)):
    return [(f.kind, f.text) for f in find_identifying_details(text, list(children))]


def test_finds_each_part_of_the_name_as_a_whole_word_in_any_case():
    assert kinds("KAI was seen by the health visitor; the Testchild family moved.") == [
        ("Child's name", "KAI"),
        ("Child's name", "Testchild"),
    ]
    assert kinds("Kaiser Permanente and Kaitlin are not the child.") == []


def test_ignores_name_parts_shorter_than_three_letters():
    assert kinds("Jo went to school.", [Child("Jo Smith", None, "2026/002")]) == []


@pytest.mark.parametrize(
    "written",
    ["2 May 2026", "2nd May 2026", "02/05/2026", "2/5/2026", "2026-05-02", "May 2, 2026", "02.05.2026"],
)
def test_finds_the_date_of_birth_however_it_is_written(written):
    assert ("Date of birth", written) in kinds(f"The child was born on {written} at home.")


def test_does_not_mistake_other_dates_for_the_date_of_birth():
    assert kinds("The strategy meeting was on 12 May 2026.") == []
    assert "2 May 2026" in date_spellings(dt.date(2026, 5, 2))


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("They lived at 4 Mill Lane, NS1 4AB.", "Postcode"),
        ("They lived near SW1A1AA.", "Postcode"),
        ("Email mum.k@example.com for details.", "Email address"),
        ("Call 07700 900123 if worried.", "Phone number"),
        ("The school's number is 0117 496 0123.", "Phone number"),
        ("Ring +44 7700 900123.", "Phone number"),
    ],
)
def test_finds_postcodes_emails_and_phone_numbers(text, kind):
    assert kind in [found for found, _ in kinds(text, [])]


def test_each_finding_says_why_and_shows_the_context():
    finding = find_identifying_details("At the home visit Kai was asleep in his cot.", [KAI], "Full report")[
        0
    ]
    assert finding.context == "At the home visit Kai was asleep in his cot."
    assert finding.why == "Part of the real name of a child in incident 2026/001"
    assert finding.where == "Full report"


def test_reads_word_and_pdf_files():
    assert "Kai Testchild" in extract_text(docx_bytes("Report about Kai Testchild"), "report.DOCX")
    assert "Kai Testchild" in extract_text(pdf_bytes("Report about Kai Testchild"), "report.pdf")
    assert extract_text(b"slides", "slides.pptx") == ""


@pytest.fixture
def review(partnership, agency, incident, business_manager, executive_member):
    return practice_review({"partnership": partnership, "agency": agency, "incident": incident})


def test_running_the_check_finds_the_childs_name_in_a_document_and_a_briefing(
    client, business_manager, review
):
    add_document(review, content=docx_bytes("Kai was taken to hospital on 2 May 2026."))
    add_document(review, kind="executive_summary", content=pdf_bytes("Child K was seen."), name="summary.pdf")
    briefing = make_briefing(review)
    briefing.sections["the_case"] = "Kai lived with his mother."
    briefing.save()
    client.force_login(business_manager)
    client.post(reverse("publication:anonymisation", args=[review.pk]))
    checks = {check.subject: check for check in AnonymisationCheck.objects.all()}
    assert checks["full_report"].outcome == CheckOutcome.FOUND
    assert [f["kind"] for f in checks["full_report"].findings] == ["Child's name", "Date of birth"]
    assert checks["executive_summary"].outcome == CheckOutcome.PASSED
    assert checks["briefing"].findings[0]["where"] == "7-minute briefing: the case"
    # The findings name the child: they stay in the check, never in the audit log.
    assert "Kai" not in str(list(AuditEvent.objects.values_list("changes", "object_repr")))
    page = client.get(reverse("publication:anonymisation", args=[review.pk])).content.decode()
    assert "Part of the real name of a child in incident 2026/001" in page
    gate = next(g for g in gate_statuses(review) if g.code == "anonymisation_checked")
    assert not gate.met


def test_a_document_uploaded_after_the_check_must_be_checked_again(client, business_manager, review):
    add_document(review)
    client.force_login(business_manager)
    client.post(reverse("publication:anonymisation", args=[review.pk]))
    assert next(g for g in gate_statuses(review) if g.code == "anonymisation_checked").met
    upload = reverse("publication:document-upload", args=[review.pk, "full_report"])
    client.post(upload, {"file": SimpleUploadedFile("v2.docx", docx_bytes("Child K, version 2"))})
    gate = next(g for g in gate_statuses(review) if g.code == "anonymisation_checked")
    assert not gate.met and "Not checked since last changed" in gate.detail


def test_only_an_executive_overrides_findings_with_a_reason(
    client, business_manager, executive_member, review
):
    add_document(review, content=docx_bytes("Call the duty team on 0300 123 4567."))
    client.force_login(business_manager)
    client.post(reverse("publication:anonymisation", args=[review.pk]))
    check = AnonymisationCheck.objects.get()
    url = reverse("publication:anonymisation-override", args=[review.pk, check.pk])
    assert client.post(url, {"reason": "Switchboard"}).status_code == 403
    client.force_login(executive_member)
    page = client.post(url, {"reason": ""}).content.decode()
    assert "Enter the reason the findings may be published" in page
    client.post(url, {"reason": "The partnership's own duty team number"})
    check.refresh_from_db()
    assert check.outcome == CheckOutcome.OVERRIDDEN and check.overridden_by == executive_member
    assert next(g for g in gate_statuses(review) if g.code == "anonymisation_checked").met


def test_upload_refuses_other_file_types(client, business_manager, review):
    client.force_login(business_manager)
    url = reverse("publication:document-upload", args=[review.pk, "full_report"])
    page = client.post(url, {"file": SimpleUploadedFile("report.exe", b"MZ")}).content.decode()
    assert "The selected file must be a PDF or Word document" in page
    assert "govuk-form-group--error" in page
