"""A local child safeguarding practice review from commissioning to the public page, through every role.

The business manager commissions the review from the rapid review's decision and appoints the reviewer;
the reviewer declares no conflict of interest and uploads the final report; the review group checks it
against what every review must do and signs off, then the executive; the business manager writes the
7-minute briefing, uploads the anonymised report, records the copies and the family's reading, runs the
anonymisation check and publishes; anyone can then read the review and its briefing without signing in.
Every page on the way gets an axe-core check and a screenshot in test-results/screenshots.
"""

import datetime as dt
import io

import pytest
from django.utils import timezone
from docx import Document
from playwright.sync_api import expect

from conftest import PASSWORD
from cspr.practice_reviews.models import PracticeReview, Stage
from cspr.rapid_reviews.models import ExecutiveDecision, Recommendation
from cspr.rapid_reviews.tests.matrix import sent_rapid_review
from tests.browser.conftest import check_accessibility, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHILD_NAME = "Kai Testchild"


def fill_date(page, legend: str, day: dt.date):
    group = page.get_by_role("group", name=legend).first
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def sign_in_as(page, user):
    """Sign in and wait for the signed-in page, so that the next navigation does not cut the sign-in short."""
    sign_in(page, user.email, PASSWORD)
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def report_file(tmp_path, name: str) -> str:
    """A small Word report that uses the pseudonym only, as an anonymised report would."""
    document = Document()
    document.add_heading("Child K: local child safeguarding practice review", level=1)
    document.add_paragraph("Child K lived with their mother. Agencies did not share what they knew.")
    buffer = io.BytesIO()
    document.save(buffer)
    path = tmp_path / name
    path.write_bytes(buffer.getvalue())
    return str(path)


def open_practice_review(page, reference: str, title: str = "Child K"):
    page.get_by_role("navigation").get_by_role("link", name="Practice reviews", exact=True).click()
    page.get_by_role("link", name=reference).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def test_commission_quality_assurance_publication_and_public_page(
    page,
    tmp_path,
    partnership,
    agency,
    incident,
    business_manager,
    independent_reviewer,
    review_group_member,
    executive_member,
):
    today = timezone.localdate()
    rapid_review = sent_rapid_review({"incident": incident})
    ExecutiveDecision.objects.create(
        partnership=partnership,
        rapid_review=rapid_review,
        decided_by_name="Northshire executive",
        decided_on=rapid_review.sent_on,
        agrees=True,
        decision=Recommendation.LOCAL_CSPR,
        rationale="Two agencies did not share information.",
    )

    # The business manager commissions the review and appoints the reviewer.
    sign_in_as(page, business_manager)
    page.goto(rapid_review.get_absolute_url())
    page.get_by_role("link", name="Commission the practice review").click()
    page.get_by_label("Title").fill("Child K")
    check_accessibility(page, "practice-review-commission")
    page.get_by_role("button", name="Commission the review").click()
    review = PracticeReview.objects.get()
    expect(page.get_by_role("heading", level=1)).to_have_text("Child K")
    check_accessibility(page, "practice-review-commissioned")
    page.get_by_role("link", name="Record the terms of reference").click()
    fill_date(page, "Scope period from", dt.date(2025, 11, 1))
    fill_date(page, "Scope period to", rapid_review.incident.aware_on)
    page.get_by_label("Key lines of enquiry").fill("How did agencies share information about the family?")
    page.get_by_label("SCIE Learning Together (systems approach)").check()
    fill_date(page, "Date the terms of reference were agreed (optional)", today)
    check_accessibility(page, "practice-review-terms")
    page.get_by_role("button", name="Save terms of reference").click()
    page.get_by_role("link", name="Appoint an independent reviewer").click()
    page.get_by_label("Independent reviewer").select_option(
        label=f"{independent_reviewer.full_name} ({independent_reviewer.email})"
    )
    page.get_by_label("Name as published").fill("Jo Example")
    fill_date(page, "When were they appointed?", today)
    check_accessibility(page, "practice-review-appoint-reviewer")
    page.get_by_role("button", name="Appoint the reviewer").click()
    sign_out(page)

    # The reviewer declares no conflict of interest, then sees the review and uploads the final report.
    sign_in_as(page, independent_reviewer)
    page.get_by_role("navigation").get_by_role("link", name="Practice reviews", exact=True).click()
    check_accessibility(page, "practice-review-declarations-awaited")
    page.get_by_role("link", name="Make your declaration for", exact=False).click()
    expect(page.locator("main")).not_to_contain_text(CHILD_NAME)
    page.get_by_label("I have had no involvement with the child, the family or the case").check()
    page.get_by_label("I have had no involvement with the agencies concerned").check()
    page.get_by_label("I have no conflict of interest in this review").check()
    check_accessibility(page, "practice-review-declaration")
    page.get_by_role("button", name="Make the declaration").click()
    open_practice_review(page, review.reference)
    review.refresh_from_db()
    assert review.stage == Stage.RUNNING
    page.get_by_role("link", name="Upload a draft or see every version").click()
    page.get_by_label("Upload a draft of the report").set_input_files(report_file(tmp_path, "final.docx"))
    page.get_by_label("This is the final report").check()
    check_accessibility(page, "practice-review-drafts")
    page.get_by_role("button", name="Upload", exact=True).click()
    review.refresh_from_db()
    assert review.stage == Stage.QUALITY_ASSURANCE
    sign_out(page)

    # The review group checks the final report against the 10 points and signs off.
    sign_in_as(page, review_group_member)
    open_practice_review(page, review.reference)
    page.get_by_role("link", name="Check the final report").click()
    for radio in page.locator("input[type=radio][value=met]").all():
        radio.check()
    check_accessibility(page, "practice-review-quality-checklist")
    page.get_by_role("button", name="Save the quality assurance").click()
    page.get_by_role("link", name="Sign off the final report").click()
    check_accessibility(page, "practice-review-sign-off")
    page.get_by_role("button", name="Sign off the final report").click()
    sign_out(page)

    # The executive signs off: the review is ready to publish.
    sign_in_as(page, executive_member)
    open_practice_review(page, review.reference)
    page.get_by_role("link", name="Sign off the final report").click()
    page.get_by_role("button", name="Sign off the final report").click()
    review.refresh_from_db()
    assert review.stage == Stage.PRE_PUBLICATION
    sign_out(page)

    # The business manager writes the briefing and prepares publication; publishing is refused until the
    # copies, the family's reading and the anonymisation check are done.
    sign_in_as(page, business_manager)
    open_practice_review(page, review.reference)
    page.get_by_role("link", name="Write the 7-minute briefing").click()
    page.get_by_label("Title of the briefing").fill("Child K: sharing what we know")
    page.get_by_label("1. Background").fill("Northshire partners commissioned a local review.")
    page.get_by_label("2. The case").fill("Child K was a baby who lived with their mother.")
    page.get_by_label("3. What we found").fill("Agencies held pieces of the picture but did not share them.")
    page.get_by_label("4. Why it matters").fill("A baby cannot tell anyone what is happening at home.")
    page.get_by_label("5. What to do").fill("Ask who else knows the family, and tell them what you know.")
    page.get_by_label("6. Questions for reflection").fill(
        "Who else knows this family?\nWhat have you shared?"
    )
    page.get_by_label("7. Further information").fill("Read the full report on the partnership's website.")
    check_accessibility(page, "briefing-edit")
    page.get_by_role("button", name="Save the briefing").click()
    page.goto(f"/publication/{review.pk}/")
    check_accessibility(page, "publication-prepare")
    page.get_by_role("link", name="Publish the review").click()
    expect(page.locator("main")).to_contain_text("Final report sent to the Panel before publication")
    check_accessibility(page, "publication-refused")

    page.goto(f"/publication/{review.pk}/")
    page.get_by_role("link", name="Upload the full report").click()
    page.get_by_label("Upload a file").set_input_files(report_file(tmp_path, "child-k-full-report.docx"))
    page.get_by_role("button", name="Upload", exact=True).click()
    page.get_by_role("link", name="Record the copies sent to the Panel and the Secretary of State").click()
    fill_date(page, "Date the final report was sent to the Child Safeguarding Practice Review Panel", today)
    fill_date(page, "Date the final report was sent to the Secretary of State for Education", today)
    check_accessibility(page, "publication-copies")
    page.get_by_role("button", name="Save").click()
    page.goto(f"/practice-reviews/{review.pk}/involvement/add/")
    page.get_by_label("Family", exact=True).check()
    page.get_by_label("Report shared before publication").check()
    fill_date(page, "When did it happen?", today)
    check_accessibility(page, "practice-review-involvement")
    page.get_by_role("button", name="Record the step").click()
    page.goto(f"/publication/{review.pk}/anonymisation/")
    page.get_by_role("button", name="Check the documents now").click()
    check_accessibility(page, "publication-anonymisation")
    page.goto(f"/publication/{review.pk}/")
    page.get_by_role("link", name="Publish the review").click()
    fill_date(page, "Date of publication", today)
    page.get_by_role("button", name="Publish the review").click()
    review.refresh_from_db()
    assert review.stage == Stage.PUBLISHED and review.published_on == today
    check_accessibility(page, "publication-published")
    sign_out(page)

    # Anyone reads the review and its briefing without signing in; the child's name is nowhere.
    page.goto(f"/published/{partnership.slug}/")
    expect(page.locator("main")).to_contain_text("Child K")
    check_accessibility(page, "public-partnership")
    page.get_by_role("link", name="7-minute briefing", exact=False).first.click()
    expect(page.locator("main")).to_contain_text("Agencies held pieces of the picture")
    expect(page.locator("main")).not_to_contain_text(CHILD_NAME)
    check_accessibility(page, "public-briefing")
