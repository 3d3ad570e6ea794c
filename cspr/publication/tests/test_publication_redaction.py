"""The redacted copies in the product: made from the business manager's decisions (and refused while any
is missing, or when a detail would be left), downloaded by the partnership's decision makers, used in place
of the document to publish (or, for the briefings, redacting their text), after which the check runs
again and finds nothing left to redact. The audit trail says what happened, never what was redacted."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document

from cspr.audit.models import AuditAction, AuditEvent
from cspr.briefings.models import LearningBriefing
from cspr.briefings.tests.records import make_briefing
from cspr.library.extract import extract_bytes
from cspr.practice_reviews.tests.records import practice_review
from cspr.publication.actions import redacting
from cspr.publication.actions.anonymising import do_run_anonymisation_check
from cspr.publication.models import (
    AnonymisationCheck,
    AnonymisationFinding,
    CheckOutcome,
    FindingDecision,
    PublishedDocument,
)

from .records import add_document, pdf_bytes

REPORT = [
    "Kayden Smith was born in 2019 and lived with his mother at 14 Acacia Road, Leeds LS6 2AB.",
    "The health visitor emailed kayden.mum@example.com and wrote to Kayden Smith's school.",
    "Agencies did not see the adults in the household.",
]
# text found -> (type, decision, replacement)
DECISIONS = {
    "Kayden Smith": ("person_name", FindingDecision.REDACT, "Child K"),
    "14 Acacia Road": ("street_address", FindingDecision.REDACT, ""),
    "LS6 2AB": ("postcode", FindingDecision.REDACT, ""),
    "kayden.mum@example.com": ("email_address", FindingDecision.REDACT, ""),
    "Leeds": ("person_name", FindingDecision.ALLOWED, ""),
}
IDENTIFIERS = ["Kayden", "Smith", "Acacia", "LS6 2AB", "example.com"]


def report_docx() -> bytes:
    """The report with an identifier in the running header and in a table, as reports have them."""
    document = Document()
    document.sections[0].header.paragraphs[0].text = "Review of Kayden Smith - confidential"
    for paragraph in REPORT:
        document.add_paragraph(paragraph)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Kayden Smith"
    table.cell(0, 1).text = "LS6 2AB"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def review(partnership, agency, incident, business_manager):
    return practice_review({"partnership": partnership, "agency": agency, "incident": incident})


def decided_check(review, subject="full_report", decisions=None, when=None) -> AnonymisationCheck:
    """A check as the findings page leaves it once the business manager has decided every finding."""
    check = AnonymisationCheck.objects.create(
        partnership=review.partnership,
        practice_review=review,
        subject=subject,
        outcome=CheckOutcome.RESOLVED,
        checked_at=when or timezone.now(),
        source_name="report.docx",
    )
    for position, (text, (kind, decision, replacement)) in enumerate((decisions or DECISIONS).items(), 1):
        AnonymisationFinding.objects.create(
            partnership=review.partnership,
            check_run=check,
            position=position,
            type=kind,
            text=text,
            start=0,
            end=len(text),
            confidence=0.9,
            why="Identifies the family",
            decision=decision,
            replacement=replacement,
            decided_at=check.checked_at if decision != FindingDecision.OPEN else None,
        )
    return check


def make_copies(client, check):
    return client.post(
        reverse("publication:redacted-copies", args=[check.practice_review_id, check.pk]), follow=True
    )


def use_copy(client, check):
    return client.post(
        reverse("publication:use-redacted", args=[check.practice_review_id, check.pk]), follow=True
    )


def stored_text(field, name) -> str:
    with field.open("rb") as handle:
        return extract_bytes(handle.read(), name, everything=True).text


def audit_text() -> str:
    return str(list(AuditEvent.objects.values_list("changes", "object_repr", "path")))


@pytest.mark.parametrize(
    "content, name", [(report_docx(), "report.docx"), (pdf_bytes(" ".join(REPORT)), "report.pdf")]
)
def test_business_manager_makes_copies_with_no_identifier_left(
    client, business_manager, review, content, name
):
    add_document(review, content=content, name=name)
    check = decided_check(review)
    client.force_login(business_manager)
    page = make_copies(client, check).content.decode()
    assert "Redacted copies made (Word and PDF)" in page
    check.refresh_from_db()
    assert check.redacted_at is not None
    for field, extension in ((check.redacted_docx, "docx"), (check.redacted_pdf, "pdf")):
        text = stored_text(field, f"copy.{extension}")
        assert "Child K" in text and "[redacted]" in text
        assert "Agencies did not see the adults in the household." in text
        for identifier in IDENTIFIERS:
            assert identifier not in text, f"{identifier} left in the {extension} copy"
    # An allowed finding is not touched.
    assert "Leeds" in stored_text(check.redacted_docx, "copy.docx")
    event = AuditEvent.objects.get(object_type="publication.anonymisationcheck", action=AuditAction.CHANGE)
    assert event.changes["replacements"] == [None, 4]
    for identifier in IDENTIFIERS:
        assert identifier not in audit_text()


def test_page_shows_what_the_copies_replace_and_offers_the_downloads(client, business_manager, review):
    add_document(review, content=report_docx(), name="report.docx")
    check = decided_check(review)
    client.force_login(business_manager)
    make_copies(client, check)
    page = client.get(reverse("publication:redacted-copies", args=[review.pk, check.pk])).content.decode()
    assert "Redacted copies of the full report" in page
    assert "4 details to redact, 1 finding allowed" in page
    assert "Child K" in page
    assert reverse("publication:redacted-download", args=[review.pk, check.pk, "pdf"]) in page
    assert "Use the redacted copy for publication" in page
    assert "The Word copy becomes the full report to publish" in page


def test_copies_refused_while_a_finding_is_undecided(client, business_manager, review):
    add_document(review, content=report_docx(), name="report.docx")
    check = decided_check(
        review, decisions={**DECISIONS, "Acacia": ("street_address", FindingDecision.OPEN, "")}
    )
    client.force_login(business_manager)
    page = make_copies(client, check).content.decode()
    assert "The redacted copies were not made. Decide every finding first: 1 still needs a decision" in page
    check.refresh_from_db()
    assert not check.redacted_docx and not check.redacted_pdf and check.redacted_at is None


def test_copies_refused_when_nothing_is_marked_to_redact(client, business_manager, review):
    add_document(review, content=report_docx(), name="report.docx")
    check = decided_check(review, decisions={"Leeds": ("person_name", FindingDecision.ALLOWED, "")})
    client.force_login(business_manager)
    assert "nothing to redact" in make_copies(client, check).content.decode()


def test_copies_refused_when_details_remain_in_them(client, business_manager, review, monkeypatch):
    add_document(review, content=report_docx(), name="report.docx")
    check = decided_check(review)
    monkeypatch.setattr(redacting, "leftovers", lambda copies, texts: ["Kayden Smith", "LS6 2AB"])
    client.force_login(business_manager)
    page = make_copies(client, check).content.decode()
    assert "still contain 2 of the details to redact, so they were not kept" in page
    assert page.count("Kayden Smith") == 1  # in the table of what is replaced, not in the message
    check.refresh_from_db()
    assert not check.redacted_docx and check.redacted_at is None
    assert not AuditEvent.objects.filter(action=AuditAction.CHANGE).exists()


def test_copies_refused_when_the_document_changed_after_the_check(client, business_manager, review):
    check = decided_check(review, when=timezone.now() - dt.timedelta(hours=1))
    add_document(review, content=report_docx(), name="report.docx")
    client.force_login(business_manager)
    page = make_copies(client, check).content.decode()
    assert "The full report changed after this check: run the check again" in page


def test_copies_refused_from_an_older_check(client, business_manager, review):
    add_document(review, content=report_docx(), name="report.docx")
    older = decided_check(review, when=timezone.now() - dt.timedelta(minutes=1))
    decided_check(review)
    client.force_login(business_manager)
    assert "A newer check has been run" in make_copies(client, older).content.decode()


@pytest.fixture
def copies_made(client, business_manager, review):
    add_document(review, content=report_docx(), name="report.docx")
    check = decided_check(review)
    client.force_login(business_manager)
    make_copies(client, check)
    check.refresh_from_db()
    client.logout()
    return check


@pytest.mark.parametrize(
    "persona, fmt, content_type",
    [
        ("business_manager", "pdf", "application/pdf"),
        (
            "review_group_member",
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("executive_member", "pdf", "application/pdf"),
    ],
)
def test_decision_makers_download_the_copies(client, request, copies_made, persona, fmt, content_type):
    client.force_login(request.getfixturevalue(persona))
    review = copies_made.practice_review
    response = client.get(reverse("publication:redacted-download", args=[review.pk, copies_made.pk, fmt]))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    reference = review.reference.replace(" ", "-").replace("/", "-")
    assert response["Content-Disposition"] == f'attachment; filename="{reference}-full-report-redacted.{fmt}"'
    text = extract_bytes(b"".join(response.streaming_content), f"copy.{fmt}", everything=True).text
    assert "Kayden" not in text
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_type="publication.anonymisationcheck", object_id=str(copies_made.pk)
    ).exists()


def test_no_download_before_the_copies_are_made(client, business_manager, review):
    add_document(review, content=report_docx(), name="report.docx")
    check = decided_check(review)
    client.force_login(business_manager)
    for fmt in ("docx", "pdf", "txt"):
        response = client.get(reverse("publication:redacted-download", args=[review.pk, check.pk, fmt]))
        assert response.status_code == 404


@pytest.mark.parametrize("persona", ["review_group_member", "executive_member"])
def test_only_the_business_manager_makes_or_uses_the_copies(client, request, copies_made, persona):
    client.force_login(request.getfixturevalue(persona))
    review = copies_made.practice_review
    for name in ("publication:redacted-copies", "publication:use-redacted"):
        assert client.post(reverse(name, args=[review.pk, copies_made.pk])).status_code == 403
    assert PublishedDocument.objects.get().original_name == "report.docx"


def test_another_partnership_cannot_reach_the_copies(client, other_business_manager, copies_made):
    client.force_login(other_business_manager)
    review = copies_made.practice_review
    for url in (
        reverse("publication:redacted-copies", args=[review.pk, copies_made.pk]),
        reverse("publication:redacted-download", args=[review.pk, copies_made.pk, "pdf"]),
    ):
        assert client.get(url).status_code == 404


def test_use_refused_without_copies(client, business_manager, review):
    add_document(review, content=report_docx(), name="report.docx")
    check = decided_check(review)
    client.force_login(business_manager)
    page = use_copy(client, check).content.decode()
    assert "Nothing was changed. Make the redacted copies first" in page
    assert PublishedDocument.objects.get().original_name == "report.docx"


def test_use_refused_when_a_decision_changed_after_the_copies(client, business_manager, copies_made):
    copies_made.found.filter(text="Leeds").update(
        decision=FindingDecision.REDACT, decided_at=timezone.now() + dt.timedelta(seconds=1)
    )
    client.force_login(business_manager)
    page = use_copy(client, copies_made).content.decode()
    assert "A decision changed after the copies were made: make them again" in page


def decide_everything(check, allowed=()) -> None:
    """What the business manager does on the findings page: redact every finding, allow those listed."""
    for finding in check.found.all():
        finding.decision = FindingDecision.ALLOWED if finding.text in allowed else FindingDecision.REDACT
        finding.reason = "Published by design" if finding.text in allowed else ""
        finding.decided_at = timezone.now()
        finding.save()


def test_using_the_copy_replaces_the_document_and_checks_again(client, business_manager, review):
    add_document(review, content=report_docx(), name="report.docx")
    (check,) = do_run_anonymisation_check(review, acting_user=business_manager).checks
    found = set(check.found.values_list("text", flat=True))
    assert "kayden.mum@example.com" in found
    decide_everything(check)
    client.force_login(business_manager)
    make_copies(client, check)
    page = use_copy(client, check).content.decode()
    assert "The full report to publish is now the redacted copy. The check ran again: nothing is left" in page
    document = PublishedDocument.objects.get()
    reference = review.reference.replace(" ", "-").replace("/", "-")
    assert document.original_name == f"{reference}-full-report-redacted.docx"
    with document.file.open("rb") as handle:
        text = extract_bytes(handle.read(), "report.docx", everything=True).text
    for identifier in found:
        assert identifier not in text
    latest = AnonymisationCheck.objects.filter(practice_review=review, subject="full_report").first()
    assert latest.pk != check.pk
    assert not latest.found.filter(decision__in=[FindingDecision.REDACT, FindingDecision.OPEN]).exists()
    for identifier in found:
        assert identifier not in audit_text()


def test_briefings_are_redacted_in_place_then_checked_again(client, business_manager, review):
    briefing = make_briefing(review, title="Learning from Kayden Smith")
    briefing.sections = {**briefing.sections, "the_case": "Kayden Smith lived with his mother."}
    briefing.save()
    check = decided_check(
        review,
        subject="briefing",
        decisions={"Kayden Smith": ("person_name", FindingDecision.REDACT, "Child K")},
    )
    client.force_login(business_manager)
    page = client.get(reverse("publication:redacted-copies", args=[review.pk, check.pk])).content.decode()
    assert "Redact the briefings" in page
    assert "Make the redacted copies" not in page
    page = use_copy(client, check).content.decode()
    assert "The details marked to redact are replaced in every briefing" in page
    briefing = LearningBriefing.objects.get()
    assert briefing.title == "Learning from Child K"
    assert briefing.sections["the_case"] == "Child K lived with his mother."
    event = AuditEvent.objects.get(object_type="briefings.learningbriefing", action=AuditAction.CHANGE)
    assert set(event.changes) == {"title", "the_case"}
    assert "Kayden" not in audit_text()
    latest = AnonymisationCheck.objects.filter(practice_review=review, subject="briefing").first()
    assert latest.pk != check.pk
    assert not latest.found.filter(text__contains="Kayden").exists()


def test_copies_of_a_published_review_cannot_be_made(client, business_manager, review):
    add_document(review, content=report_docx(), name="report.docx")
    check = decided_check(review)
    review.published_on = timezone.localdate()
    review.save()
    client.force_login(business_manager)
    assert make_copies(client, check).status_code == 403
    assert not PublishedDocument.objects.filter(file__contains="redacted").exists()


def test_download_of_a_missing_file_is_404(client, business_manager, copies_made):
    copies_made.redacted_pdf.storage.delete(copies_made.redacted_pdf.name)
    client.force_login(business_manager)
    review = copies_made.practice_review
    response = client.get(reverse("publication:redacted-download", args=[review.pk, copies_made.pk, "pdf"]))
    assert response.status_code == 404
