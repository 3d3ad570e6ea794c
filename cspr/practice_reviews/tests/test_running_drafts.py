"""Report drafts: versions numbered automatically, the final report moving the review to quality
assurance, the file checks, comments from the review panel, the download, and who may do what."""

import datetime as dt
from pathlib import Path

import pytest
import time_machine
from django.urls import reverse

from cspr.audit.models import AuditEvent
from cspr.practice_reviews.forms import running as running_forms
from cspr.practice_reviews.models import DraftComment, PracticeReview, ReportDraft, Stage

from .records import make_practice_review
from .running_records import DOCX, PDF, TODAY, build_review, docx, pdf


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def review(partnership, agency, incident, independent_reviewer, agency_lead):
    return build_review(partnership, agency, incident, independent_reviewer, agency_lead)


def drafts_url(review) -> str:
    return reverse("practice_reviews:drafts", args=[review.pk])


def upload(client, review, file, **fields):
    return client.post(drafts_url(review), {"file": file, "note": "", **fields})


def test_versions_are_numbered_in_order(client, independent_reviewer, review):
    client.force_login(independent_reviewer)
    first = upload(client, review, docx(), note="First full draft")
    second = upload(client, review, pdf())
    assert first.status_code == second.status_code == 302
    versions = list(review.drafts.order_by("version").values_list("version", "original_name", "note"))
    assert versions == [
        (1, "Child K report draft.docx", "First full draft"),
        (2, "Child K report draft.pdf", ""),
    ]
    page = client.get(drafts_url(review)).content.decode()
    assert "Version 2" in page and "First full draft" in page


def test_the_stored_file_is_not_named_after_the_upload(client, business_manager, review):
    client.force_login(business_manager)
    upload(client, review, docx())
    draft = review.drafts.get()
    assert Path(draft.file.name).name == f"review-{review.pk}-v1.docx"
    event = AuditEvent.objects.get(object_type="practice_reviews.reportdraft")
    assert event.changes["original_name"] == [None, "(not recorded)"]
    assert event.changes["version"] == [None, 1]


def test_uploading_the_final_report_moves_the_review_to_quality_assurance(
    client, independent_reviewer, review
):
    client.force_login(independent_reviewer)
    upload(client, review, pdf())
    review.refresh_from_db()
    assert review.stage == Stage.COMMISSIONING
    upload(client, review, pdf(), is_final="on")
    review.refresh_from_db()
    assert review.stage == Stage.QUALITY_ASSURANCE
    assert review.drafts.get(version=2).is_final
    moved = AuditEvent.objects.filter(object_type="practice_reviews.practicereview", action="change").last()
    assert moved.changes == {"stage": ["commissioning", "quality_assurance"]}


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (pdf(name="draft.txt"), "The selected file must be a Word document (DOCX) or a PDF"),
        (pdf(name="draft.pdf", content=b"not really a pdf"), "The selected file is not a real PDF file"),
        (docx(name="draft.docx", content=PDF), "The selected file is not a real DOCX file"),
        (pdf(name="draft.pdf", content=b""), "The selected file is empty"),
    ],
)
def test_files_that_are_not_drafts_are_refused(client, business_manager, review, file, message):
    client.force_login(business_manager)
    response = upload(client, review, file)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ReportDraft.objects.exists()


def test_a_file_over_20mb_is_refused(client, business_manager, review, monkeypatch):
    monkeypatch.setattr(running_forms, "DRAFT_MAX_BYTES", len(DOCX) - 1)
    client.force_login(business_manager)
    response = upload(client, review, docx())
    assert "The selected file must be smaller than 20MB" in response.content.decode()
    assert not ReportDraft.objects.exists()


def test_no_file_selected(client, business_manager, review):
    client.force_login(business_manager)
    response = client.post(drafts_url(review), {"note": "typed note"})
    page = response.content.decode()
    assert "Select the draft to upload" in page
    assert "typed note" in page


def test_the_review_panel_reads_and_comments_but_does_not_upload(
    client, business_manager, agency_lead, review
):
    client.force_login(business_manager)
    upload(client, review, pdf())
    draft = review.drafts.get()
    client.force_login(agency_lead)
    page = client.get(drafts_url(review)).content.decode()
    assert "Upload a new version" not in page
    assert upload(client, review, pdf()).status_code == 403
    draft_url = reverse("practice_reviews:draft", args=[draft.pk])
    response = client.post(
        draft_url, {"section": "Section 4.2", "text": "The health visiting timeline is missing."}
    )
    assert response.status_code == 302
    comment = DraftComment.objects.get(draft=draft)
    assert (comment.author, comment.section) == (agency_lead, "Section 4.2")
    page = client.get(draft_url).content.decode()
    assert "The health visiting timeline is missing." in page
    assert agency_lead.agency.name in page
    event = AuditEvent.objects.get(object_type="practice_reviews.draftcomment")
    assert event.changes["text"] == [None, "(not recorded)"]


def test_a_comment_needs_text(client, review_group_member, review, business_manager):
    client.force_login(business_manager)
    upload(client, review, pdf())
    client.force_login(review_group_member)
    draft_url = reverse("practice_reviews:draft", args=[review.drafts.get().pk])
    response = client.post(draft_url, {"section": "page 3", "text": ""})
    page = response.content.decode()
    assert "Enter your comment" in page
    assert "page 3" in page
    assert not DraftComment.objects.exists()


def test_download_is_an_attachment_with_its_original_name_and_audited(client, business_manager, review):
    client.force_login(business_manager)
    upload(client, review, docx())
    draft = review.drafts.get()
    response = client.get(reverse("practice_reviews:draft-download", args=[draft.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == DOCX
    assert response["Content-Disposition"] == 'attachment; filename="Child K report draft.docx"'
    assert (
        response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    viewed = AuditEvent.objects.filter(
        action="view", object_type="practice_reviews.reportdraft", object_id=str(draft.pk)
    )
    assert viewed.exists()


def test_once_published_no_more_drafts_or_comments(client, business_manager, review):
    client.force_login(business_manager)
    upload(client, review, pdf())
    PracticeReview.objects.filter(pk=review.pk).update(published_on=dt.date(2027, 1, 19))
    assert upload(client, review, pdf()).status_code == 403
    draft_url = reverse("practice_reviews:draft", args=[review.drafts.get().pk])
    assert "Add a comment" not in client.get(draft_url).content.decode()
    assert client.post(draft_url, {"text": "Late comment"}).status_code == 403


def test_the_panel_does_not_read_drafts_of_a_national_review(
    client, panel_member, business_manager, partnership
):
    national = make_practice_review(partnership, kind="national_review", title="Child N")
    client.force_login(business_manager)
    upload(client, national, pdf())
    client.force_login(panel_member)
    assert client.get(drafts_url(national)).status_code == 403
    draft = national.drafts.get()
    assert client.get(reverse("practice_reviews:draft", args=[draft.pk])).status_code == 404


def test_another_partnership_gets_404(client, other_business_manager, business_manager, review):
    client.force_login(business_manager)
    upload(client, review, pdf())
    draft = review.drafts.get()
    client.force_login(other_business_manager)
    assert client.get(drafts_url(review)).status_code == 404
    assert client.get(reverse("practice_reviews:draft-download", args=[draft.pk])).status_code == 404


def test_a_new_version_asks_the_review_panel_and_business_managers_for_comments(
    client,
    independent_reviewer,
    business_manager,
    agency_lead,
    review,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    client.force_login(independent_reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, review, pdf(), is_final="on")
    draft = review.drafts.get()
    assert sorted(message.to[0] for message in mailoutbox) == sorted(
        [agency_lead.email, business_manager.email]
    )
    message = mailoutbox[0]
    assert message.subject == f"Version 1 of the report: practice review {review.reference}"
    assert "the final report" in message.body
    assert reverse("practice_reviews:draft", args=[draft.pk]) in message.body
    assert "Kai" not in message.body
