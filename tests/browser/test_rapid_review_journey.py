"""A rapid review from request to Panel response, through every role that takes part.

The business manager asks an agency for its return; the agency's lead uploads a chronology (a broken file
first, then a good one) and submits; the review group records its meeting and recommendation; the
executive decides; the business manager sends the report; the Panel responds and the partnership reads it.
Every page on the way gets an axe-core check and a screenshot in test-results/screenshots.
"""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import PASSWORD
from cspr.chronology.models import ChronologyEntry
from cspr.rapid_reviews.models import RapidReview, RapidReviewStatus, ReturnStatus
from cspr.rapid_reviews.tests.matrix import open_rapid_review
from tests.browser.conftest import check_accessibility, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADER = "Start date,Source,Event type,Event detail (facts),Key practice episode\n"
BROKEN_CSV = HEADER + "31/02/2021,GP record 1,Home visit,Visit to the family home,No\n"
GOOD_CSV = HEADER + (
    "22/05/2026,HV record 12,Home visit,New birth visit at home,No\n"
    "?03/09/2026,HV record 40,Appointment or clinic,Weight check at clinic,Yes\n"
    "October 2026,HV record 51,Telephone call,Call to parent about missed clinic,No\n"
)


def nav(page, label: str):
    page.get_by_role("navigation").get_by_role("link", name=label, exact=True).click()


def fill_date(page, legend: str, day: dt.date):
    group = page.get_by_role("group", name=legend).first
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def open_review(page, reference: str):
    nav(page, "Rapid reviews")
    page.get_by_role("link", name=reference).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Rapid review of incident {reference}")


def test_request_return_chronology_decision_report_and_panel_response(
    page,
    tmp_path,
    partnership,
    agency,
    incident,
    business_manager,
    agency_lead,
    review_group_member,
    executive_member,
    panel_member,
):
    today = timezone.localdate()
    rapid_review = open_rapid_review({"incident": incident})
    reference = incident.reference

    # The business manager asks the agency for its return.
    sign_in(page, business_manager.email, PASSWORD)
    open_review(page, reference)
    check_accessibility(page, "rapid-review-opened")
    page.get_by_role("button", name="Request agency returns").click()
    page.get_by_label(agency.name).check()
    check_accessibility(page, "rapid-review-request")
    page.get_by_role("button", name="Send requests").click()
    expect(page.get_by_role("table").filter(has_text=agency.name)).to_contain_text("Requested")
    sign_out(page)

    # The agency's lead uploads its chronology and submits the return; the child is only ever "Child K".
    sign_in(page, agency_lead.email, PASSWORD)
    nav(page, "Agency returns")
    check_accessibility(page, "rapid-review-my-returns")
    page.get_by_role("link", name=reference).first.click()
    expect(page.locator("main")).not_to_contain_text("Kai Testchild")
    page.get_by_label("Summary of involvement").fill("Health visiting saw the family from birth.")
    page.get_by_role("button", name="Save as draft").click()
    check_accessibility(page, "rapid-review-return-draft")
    page.get_by_role("link", name="Add or upload chronology entries").click()
    page.get_by_role("link", name="Upload a spreadsheet").click()
    check_accessibility(page, "chronology-upload")
    broken = tmp_path / "broken.csv"
    broken.write_text(BROKEN_CSV)
    page.get_by_label("Upload a file").set_input_files(broken)
    page.get_by_role("button", name="Upload and check").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Row 2, start date: '31/02/2021' is not a real date"
    )
    check_accessibility(page, "chronology-upload-errors")
    assert ChronologyEntry.objects.count() == 0
    good = tmp_path / "good.csv"
    good.write_text(GOOD_CSV)
    page.get_by_label("Upload a file").set_input_files(good)
    page.get_by_role("button", name="Upload and check").click()
    expect(page.locator("main")).to_contain_text("3")
    check_accessibility(page, "chronology-return-entries")
    assert ChronologyEntry.objects.filter(agency=agency).count() == 3
    page.get_by_role("link", name="The agency return").click()
    page.get_by_role("button", name="Continue to check and submit").click()
    check_accessibility(page, "rapid-review-return-check")
    page.get_by_role("button", name="Submit the return").click()
    assert rapid_review.returns.get().status == ReturnStatus.SUBMITTED
    sign_out(page)

    # The review group reads the integrated chronology and records its meeting.
    sign_in(page, review_group_member.email, PASSWORD)
    open_review(page, reference)
    page.get_by_role("link", name="Read the integrated chronology").click()
    expect(page.get_by_role("table").first).to_contain_text("Weight check at clinic")
    check_accessibility(page, "chronology-integrated")
    page.go_back()
    page.get_by_role("link", name="Record the review group meeting").click()
    fill_date(page, "When did the review group meet?", today)
    attendee = page.get_by_role("group", name="Attendee 1")
    attendee.get_by_label("Agency").select_option(label=agency.name)
    attendee.get_by_label("Name").fill("A. Example")
    attendee.get_by_label("Role").fill("Designated safeguarding lead")
    page.get_by_label("The facts, including key practice episodes").fill(
        "Missed clinics were not followed up."
    )
    page.get_by_label("Learning identified").fill("Follow up missed health appointments.")
    page.get_by_label("Local child safeguarding practice review").check()
    page.get_by_label("The case highlights improvements needed", exact=False).check()
    page.get_by_label("Reasons for the recommendation").fill("Two agencies did not share information.")
    check_accessibility(page, "rapid-review-meeting")
    page.get_by_role("button", name="Save the meeting record").click()
    rapid_review.refresh_from_db()
    assert rapid_review.status == RapidReviewStatus.REVIEW_GROUP_MET
    sign_out(page)

    # The executive agrees.
    sign_in(page, executive_member.email, PASSWORD)
    open_review(page, reference)
    page.get_by_role("link", name="Record the executive decision").click()
    page.get_by_label("Their role").fill("Director of children's services")
    fill_date(page, "When was the decision made?", today)
    page.get_by_role(
        "group", name="Does the executive agree with the review group's recommendation?"
    ).get_by_label("Yes").check()
    page.get_by_label("Rationale").fill("The partners agree a local review is needed.")
    check_accessibility(page, "rapid-review-executive-decision")
    page.get_by_role("button", name="Save the decision").click()
    rapid_review.refresh_from_db()
    assert rapid_review.status == RapidReviewStatus.DECIDED
    sign_out(page)

    # The business manager sends the report to the Panel.
    sign_in(page, business_manager.email, PASSWORD)
    open_review(page, reference)
    page.get_by_role("link", name="Record as sent to the Panel").click()
    fill_date(page, "When was the rapid review sent to the Panel?", today)
    check_accessibility(page, "rapid-review-send")
    page.get_by_role("button", name="Record as sent").click()
    rapid_review.refresh_from_db()
    assert rapid_review.status == RapidReviewStatus.SENT and rapid_review.sent_on == today
    check_accessibility(page, "rapid-review-sent")
    sign_out(page)

    # The Panel finds it among those received and responds.
    sign_in(page, panel_member.email, PASSWORD)
    open_review(page, reference)
    check_accessibility(page, "rapid-review-panel-view")
    page.get_by_role("link", name="Record the Panel's response").click()
    page.get_by_label("Agrees with a local review").check()
    fill_date(page, "Date of the Panel's response", today)
    check_accessibility(page, "rapid-review-panel-response")
    page.get_by_role("button", name="Record the Panel's response").click()
    assert RapidReview.objects.get().status == RapidReviewStatus.RESPONDED
    sign_out(page)

    sign_in(page, business_manager.email, PASSWORD)
    open_review(page, reference)
    expect(page.locator("main")).to_contain_text("Agrees with a local review")
    check_accessibility(page, "rapid-review-responded")
