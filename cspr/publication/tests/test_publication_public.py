"""The public pages: anonymous visitors see only what is published and on the website today; the 12-month
rule (available on request, keeping, withdrawal); the child's name never appears in anything public."""

import datetime as dt
import io
import json
import zipfile

import pytest
import time_machine
from django.urls import reverse
from docx import Document

from cspr.briefings.tests.records import make_briefing
from cspr.library.extract import SUPPORTED_SUFFIXES, extract_bytes
from cspr.library.models import LibraryEntry
from cspr.practice_reviews.models import PublicationDecision, Stage
from cspr.practice_reviews.tests.records import make_practice_review, practice_review
from cspr.publication.rules import PublicState, public_state

from .records import add_document, published_review, ready_to_publish

PUBLISHED_ON = dt.date(2027, 5, 3)
# 12 calendar months after 3 May 2027.
KEPT_UNTIL = dt.date(2028, 5, 3)


@pytest.fixture
def review(partnership, agency, incident, business_manager):
    return published_review(partnership, published_on=PUBLISHED_ON)


def pages(client, review):
    address = [review.partnership.slug, review.public_slug]
    return {
        "index": client.get(reverse("public:index")),
        "partnership": client.get(reverse("public:partnership", args=[review.partnership.slug])),
        "review": client.get(reverse("public:review", args=address)),
        "document": client.get(reverse("public:document", args=[*address, "full_report"])),
    }


@time_machine.travel(dt.date(2027, 6, 1))
def test_anonymous_visitor_reads_a_published_review_and_its_report(client, review):
    found = pages(client, review)
    assert {name: response.status_code for name, response in found.items()} == dict.fromkeys(found, 200)
    listing = found["partnership"].content.decode()
    assert "Baby Eva" in listing and "3 May 2027" in listing and "Full report (DOCX)" in listing
    # The download is named after the published title, never the name it was uploaded under.
    assert "baby-eva-full-report.docx" in found["document"]["Content-Disposition"]


@time_machine.travel(dt.date(2027, 6, 1))
def test_unpublished_and_future_reviews_do_not_exist_for_the_public(client, partnership):
    draft = make_practice_review(partnership, title="Child Q", public_slug="child-q")
    future = published_review(partnership, title="Child R", published_on=dt.date(2027, 7, 1))
    for hidden in (draft, future):
        assert (
            client.get(reverse("public:review", args=[partnership.slug, hidden.public_slug])).status_code
            == 404
        )
    listing = client.get(reverse("public:partnership", args=[partnership.slug])).content.decode()
    assert "Child Q" not in listing and "Child R" not in listing


def test_twelve_month_rule_moves_the_review_to_available_on_request(client, review):
    with time_machine.travel(KEPT_UNTIL - dt.timedelta(days=1)):
        assert public_state(review, KEPT_UNTIL - dt.timedelta(days=1)) == PublicState.PUBLISHED
        assert pages(client, review)["review"].status_code == 200
    with time_machine.travel(KEPT_UNTIL):
        found = pages(client, review)
        assert found["review"].status_code == 404
        assert found["document"].status_code == 404
        listing = found["partnership"].content.decode()
        assert "Available on request" in listing and "Baby Eva (2027)" in listing
        assert "public:document" not in listing and "full_report" not in listing


def test_a_kept_review_stays_on_the_website_after_12_months(client, business_manager, review):
    client.force_login(business_manager)
    client.post(reverse("publication:keep", args=[review.pk]))
    client.logout()
    with time_machine.travel(KEPT_UNTIL + dt.timedelta(days=40)):
        assert pages(client, review)["review"].status_code == 200


def test_business_manager_may_not_withdraw_before_12_months(client, business_manager, review):
    with time_machine.travel(KEPT_UNTIL - dt.timedelta(days=1)):
        client.force_login(business_manager)
        refused = client.get(reverse("publication:withdraw", args=[review.pk])).content.decode()
        assert "only an executive member may withdraw it" in refused
        page = client.post(reverse("publication:withdraw", args=[review.pk]), {"reason": "Tidy up"})
        assert "govuk-form-group--error" in page.content.decode()
    review.refresh_from_db()
    assert review.withdrawn_on is None


def test_business_manager_may_withdraw_after_12_months(client, business_manager, review):
    with time_machine.travel(KEPT_UNTIL):
        client.force_login(business_manager)
        assert (
            client.post(reverse("publication:withdraw", args=[review.pk]), {"reason": ""}).status_code == 302
        )
    review.refresh_from_db()
    assert review.withdrawn_on == KEPT_UNTIL and review.stage == Stage.WITHDRAWN


def test_executive_withdraws_before_12_months_only_with_a_reason(client, executive_member, review):
    LibraryEntry.objects.create(
        practice_review=review,
        area="Northshire",
        title="Baby Eva",
        year=2027,
        review_type="cspr",
        status="public",
    )
    with time_machine.travel(dt.date(2027, 6, 1)):
        client.force_login(executive_member)
        page = client.post(reverse("publication:withdraw", args=[review.pk]), {"reason": ""}).content.decode()
        assert "Enter the reason for withdrawing the review before 12 months" in page
        client.post(reverse("publication:withdraw", args=[review.pk]), {"reason": "Court order of 30 May"})
        client.logout()
        found = pages(client, review)
        assert found["review"].status_code == 404 and found["document"].status_code == 404
        assert "Baby Eva" not in found["partnership"].content.decode()
    review.refresh_from_db()
    assert review.withdrawn_reason == "Court order of 30 May"
    assert not LibraryEntry.objects.filter(practice_review=review).exists()


@time_machine.travel(dt.date(2027, 6, 1))
def test_not_publishing_shows_the_improvements_statement_and_no_documents(
    client, business_manager, partnership
):
    review = make_practice_review(partnership, title="Family N")
    add_document(review)
    client.force_login(business_manager)
    response = client.post(
        reverse("publication:not-publishing", args=[review.pk]),
        {
            "reasons": "Criminal proceedings are still running",
            "statement": "Health visitors will ask about every adult in the home.",
            "published_on_day": "1",
            "published_on_month": "6",
            "published_on_year": "2027",
        },
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.publication_decision == PublicationDecision.IMPROVEMENTS_ONLY
    assert review.stage == Stage.IMPROVEMENTS_PUBLISHED
    client.logout()
    listing = client.get(reverse("public:partnership", args=[partnership.slug])).content.decode()
    assert "Health visitors will ask about every adult in the home." in listing
    assert "Criminal proceedings" not in listing
    url = reverse("public:document", args=[partnership.slug, review.public_slug, "full_report"])
    assert client.get(url).status_code == 404


def test_the_childs_name_never_appears_on_public_pages_or_in_the_submission_pack(
    client, business_manager, executive_member, partnership, agency, incident, independent_reviewer
):
    ctx = {"partnership": partnership, "agency": agency, "incident": incident}
    review = ready_to_publish(ctx)
    review.public_summary = "Non-accidental injuries to a six-month-old baby"
    review.save()
    make_briefing(review)
    client.force_login(business_manager)
    client.post(reverse("publication:anonymisation", args=[review.pk]))
    with time_machine.travel(dt.date(2027, 5, 3)):
        client.force_login(business_manager)
        client.post(
            reverse("publication:publish", args=[review.pk]),
            {"published_on_day": "3", "published_on_month": "5", "published_on_year": "2027"},
        )
        review.refresh_from_db()
        assert review.is_published
        pack = client.get(reverse("publication:submission-pack", args=[review.pk]))
        client.logout()
        public = pages(client, review)
        briefing = client.get(
            reverse("public:briefing", args=[partnership.slug, review.public_slug, "seven_minute"])
        )
    document = public.pop("document")
    texts = [response.content.decode() for response in [*public.values(), briefing]]
    texts.append(extract_bytes(b"".join(document.streaming_content), "report.docx", everything=True).text)
    archive = zipfile.ZipFile(io.BytesIO(pack.content))
    for name in archive.namelist():
        if name.lower().endswith(SUPPORTED_SUFFIXES):
            texts.append(extract_bytes(archive.read(name), name, everything=True).text)
        else:
            texts.append(archive.read(name).decode(errors="ignore"))
    assert any(name.endswith("briefing.pdf") for name in archive.namelist())
    for text in texts:
        assert "Kai" not in text and "Testchild" not in text
    assert "Child K" in texts[1]


@time_machine.travel(dt.date(2027, 6, 1))
def test_submission_pack_holds_metadata_cover_sheet_documents_and_briefing_pdfs(
    client, business_manager, partnership
):
    review = published_review(partnership, published_on=PUBLISHED_ON, public_summary="Injuries to a baby")
    add_document(review, kind="slides", content=b"%PDF-1.4 slides", name="slides.pdf")
    make_briefing(review)
    client.force_login(business_manager)
    response = client.get(reverse("publication:submission-pack", args=[review.pk]))
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(archive.namelist())
    assert {"metadata.json", "cover-sheet.docx", "full-report.docx", "slides.pdf"} <= names
    assert any(name.endswith("7-minute-briefing.pdf") for name in names)
    data = json.loads(archive.read("metadata.json"))
    assert data["year"] == 2027 and data["title"] == "Baby Eva" and data["area"] == "Northshire"
    assert data["summary"] == "Injuries to a baby"
    assert data["link"].endswith("/published/northshire/baby-eva/")
    cover = Document(io.BytesIO(archive.read("cover-sheet.docx")))
    rows = {row.cells[0].text: row.cells[1].text for row in cover.tables[0].rows}
    assert rows["Year"] == "2027" and rows["Title"] == "Baby Eva"
    assert archive.read("full-report.docx") == review.documents.get(kind="full_report").file.open("rb").read()


def test_review_group_member_may_not_download_the_pack(client, review_group_member, review):
    client.force_login(review_group_member)
    assert client.get(reverse("publication:submission-pack", args=[review.pk])).status_code == 403


def test_status_page_section_shows_gates_to_decision_makers_only(
    client, business_manager, agency_lead, partnership, agency, incident
):
    review = practice_review({"partnership": partnership, "agency": agency, "incident": incident})
    client.force_login(business_manager)
    page = client.get(reverse("practice_reviews:detail", args=[review.pk])).content.decode()
    assert "Before publication" in page and "Prepare publication" in page
    client.force_login(agency_lead)
    page = client.get(reverse("practice_reviews:detail", args=[review.pk])).content.decode()
    assert "Prepare publication" not in page
