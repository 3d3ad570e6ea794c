"""Running the anonymisation check over a review: what it reads, what it stores, what it knows about the
review (declared names, the children's real names), and what it never writes to the audit log."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cspr.audit.models import AuditEvent
from cspr.briefings.tests.records import make_briefing
from cspr.practice_reviews.tests.records import practice_review
from cspr.publication.actions.anonymising import do_run_anonymisation_check
from cspr.publication.anonymisation.declared import Pseudonym
from cspr.publication.checks import context_around, declared_for
from cspr.publication.gates import gate_statuses
from cspr.publication.models import AnonymisationCheck, CheckOutcome, DeclaredName

from .records import add_document, docx_bytes, pdf_bytes

EMAIL = "the.family@example.com"
NHS_NUMBER = "943 476 5919"


@pytest.fixture
def review(partnership, agency, incident, business_manager, executive_member, independent_reviewer):
    return practice_review({"partnership": partnership, "agency": agency, "incident": incident})


def anonymisation_gate(review):
    return next(g for g in gate_statuses(review) if g.code == "anonymisation_checked")


def test_running_the_check_stores_each_finding_with_where_it_is_and_its_context(
    client, business_manager, review
):
    add_document(
        review,
        content=docx_bytes(
            "Child K (Kai) lived with his mother.", f"The family's email was {EMAIL} at the time."
        ),
    )
    add_document(review, kind="executive_summary", content=pdf_bytes("Child K was seen."), name="summary.pdf")
    briefing = make_briefing(review)
    briefing.sections["the_case"] = f"Child K's NHS number {NHS_NUMBER} was on every record."
    briefing.save()
    client.force_login(business_manager)
    client.post(reverse("publication:anonymisation", args=[review.pk]))

    checks = {check.subject: check for check in AnonymisationCheck.objects.all()}
    assert set(checks) == {"full_report", "executive_summary", "briefing"}
    report = checks["full_report"]
    assert report.outcome == CheckOutcome.FOUND
    assert report.source_name == "report.docx" and report.checked_by == business_manager
    email = report.found.get(type="email_address")
    assert email.text == EMAIL and email.paragraph == 2
    assert (email.context_before, email.context_after) == ("The family's email was ", " at the time.")
    assert email.why and email.confidence > 0.5 and email.recogniser
    # The child's real name comes from the linked incident; the pseudonym is not reported.
    assert report.found.filter(type="person_name", text="Kai").exists()
    assert not report.found.filter(text__contains="Child K").exists()
    assert checks["executive_summary"].outcome == CheckOutcome.PASSED
    nhs = checks["briefing"].found.get(type="nhs_number")
    assert (nhs.text, nhs.page) == (NHS_NUMBER, 1)
    page = client.get(reverse("publication:anonymisation", args=[review.pk])).content.decode()
    assert "7-minute briefing: the case" in page
    # What was found is case data: in the findings, never in the audit log.
    logged = str(list(AuditEvent.objects.values_list("changes", "object_repr")))
    assert EMAIL not in logged and NHS_NUMBER not in logged and "Kai" not in logged
    assert not anonymisation_gate(review).met


def test_slides_are_not_checked_and_nothing_uploaded_means_nothing_to_check(client, business_manager, review):
    client.force_login(business_manager)
    response = client.post(reverse("publication:anonymisation", args=[review.pk]), follow=True)
    assert "There is nothing to check yet" in response.content.decode()
    add_document(review, kind="slides", content=pdf_bytes(f"Email {EMAIL}"), name="slides.pdf")
    client.post(reverse("publication:anonymisation", args=[review.pk]))
    assert not AnonymisationCheck.objects.exists()


def test_a_document_that_cannot_be_read_is_reported_and_stays_unchecked(client, business_manager, review):
    add_document(review, content=b"%PDF-1.4 not really", name="report.pdf")
    add_document(review, kind="executive_summary", content=docx_bytes("Child K was seen."), name="s.docx")
    client.force_login(business_manager)
    response = client.post(reverse("publication:anonymisation", args=[review.pk]), follow=True)
    assert "The full report could not be checked: The file is not a readable PDF" in response.content.decode()
    assert list(AnonymisationCheck.objects.values_list("subject", flat=True)) == ["executive_summary"]
    gate = anonymisation_gate(review)
    assert not gate.met and "Not checked since last changed: Full report" in gate.detail


def test_a_document_uploaded_after_the_check_must_be_checked_again(client, business_manager, review):
    add_document(review)
    client.force_login(business_manager)
    client.post(reverse("publication:anonymisation", args=[review.pk]))
    assert anonymisation_gate(review).met
    upload = reverse("publication:document-upload", args=[review.pk, "full_report"])
    client.post(upload, {"file": SimpleUploadedFile("v2.docx", docx_bytes("Child K, version 2"))})
    gate = anonymisation_gate(review)
    assert not gate.met and "Not checked since last changed" in gate.detail
    page = client.get(reverse("publication:anonymisation", args=[review.pk])).content.decode()
    assert "The full report changed after this check: check it again" in page


def test_the_check_knows_the_review_children_reviewer_partnership_agencies_and_declared_names(
    review, business_manager
):
    DeclaredName.objects.create(
        partnership=review.partnership,
        practice_review=review,
        kind="pseudonym",
        name="Mother",
        stands_for="Jo Testmum",
    )
    DeclaredName.objects.create(
        partnership=review.partnership,
        practice_review=review,
        kind="allowed",
        name="Dr Ada Lane",
        reason="Chair",
    )
    declared = declared_for(review)
    assert Pseudonym("Child K", "Kai Testchild") in declared.pseudonyms
    assert Pseudonym("Mother", "Jo Testmum") in declared.pseudonyms
    assert {"Child K", "Dr Ada Lane", "Independent Reviewer", "Northshire", "Northshire Police"} <= set(
        declared.allowed
    )
    assert set(declared.known_names) == {"Kai Testchild", "Jo Testmum"}
    assert declared.known_dates_of_birth == (dt.date(2026, 5, 2),)


def test_a_name_published_by_design_is_not_reported(review, business_manager):
    add_document(review, content=docx_bytes(f"Contact the duty team at {EMAIL}."))
    DeclaredName.objects.create(
        partnership=review.partnership,
        practice_review=review,
        kind="allowed",
        name=EMAIL,
        reason="Public inbox",
    )
    run = do_run_anonymisation_check(review, acting_user=business_manager)
    assert [check.outcome for check in run.checks] == [CheckOutcome.PASSED]


def test_context_stays_within_the_paragraph_and_cuts_at_a_word():
    text = "First paragraph.\n\n" + "word " * 40 + "FOUND and then " + "more " * 40 + "\n\nNext."
    start = text.index("FOUND")
    before, after = context_around(text, start, start + 5)
    assert before.startswith("…") and before.endswith("word ") and "First" not in before
    assert after.startswith(" and then") and after.endswith("…") and "Next" not in after
    assert len(before) < 100 and len(after) < 100


def test_upload_refuses_other_file_types(client, business_manager, review):
    client.force_login(business_manager)
    url = reverse("publication:document-upload", args=[review.pk, "full_report"])
    page = client.post(url, {"file": SimpleUploadedFile("report.exe", b"MZ")}).content.decode()
    assert "The selected file must be a PDF or Word document" in page
    assert "govuk-form-group--error" in page
