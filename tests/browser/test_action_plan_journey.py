"""An action from a practice review's plan, from the agency's update to the partnership's assurance.

The agency lead finds their agency's action on "Your agency's actions", reports it complete with a note
and a training figures file; the business manager sees it awaiting assurance on the dashboard, reviews
the evidence and assures it as embedded with a re-test date; the recommendation then closes. Every page
on the way gets an axe-core check and a screenshot in test-results/screenshots.
"""

import datetime as dt

import pytest
from django.utils import timezone
from openpyxl import Workbook
from playwright.sync_api import expect

from cspr.action_plans.models import Action, ActionStatus, AssuranceDecision, Evidence
from cspr.action_plans.tests.records import make_action, make_plan, make_recommendation
from cspr.practice_reviews.tests.records import make_practice_review
from tests.browser.conftest import check_accessibility
from tests.browser.test_practice_review_journey import fill_date, sign_in_as, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def training_figures(tmp_path) -> str:
    """A small XLSX of training figures, as an agency would send."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Team", "Officers", "Trained"])
    sheet.append(["Public Protection Unit", 40, 38])
    path = tmp_path / "training-figures.xlsx"
    workbook.save(path)
    return str(path)


def test_agency_lead_reports_an_action_complete_with_evidence_and_the_business_manager_assures_it(
    page, live_server, tmp_path, partnership, agency, other_agency, agency_lead, business_manager
):
    today = timezone.localdate()
    review = make_practice_review(partnership, title="Child K")
    plan = make_plan(partnership, practice_review=review, agreed_on=today - dt.timedelta(days=60))
    recommendation = make_recommendation(plan)
    action = make_action(
        recommendation, agency, status=ActionStatus.ON_TRACK, due_on=today + dt.timedelta(days=30)
    )
    # Another agency's action on the same recommendation: the agency lead must not see it.
    make_action(recommendation, other_agency, what_will_change="GP practices audit their records")

    sign_in_as(page, agency_lead)
    page.get_by_role("navigation").get_by_role("link", name="Action plans", exact=True).click()
    expect(page.get_by_role("heading", name="Your agency's actions")).to_be_visible()
    expect(page.get_by_text("GP practices audit their records")).to_have_count(0)
    check_accessibility(page, "action-plans-agency-list")
    page.get_by_role("link", name=f"Action {action.pk}", exact=True).click()
    expect(page.get_by_role("heading", name=f"Action {action.pk}: Northshire Police")).to_be_visible()
    check_accessibility(page, "action-plans-action-agency")

    page.get_by_role("button", name="Update progress").click()
    page.get_by_label("Complete: awaiting assurance").check()
    page.get_by_label("Progress note").fill("38 of 40 officers trained; the audit of 20 cases is attached.")
    page.get_by_label("Evidence file (optional)").set_input_files(training_figures(tmp_path))
    page.get_by_label("Training figures").check()
    page.get_by_label("What does it show?").fill("95% of Public Protection Unit officers trained")
    check_accessibility(page, "action-plans-update")
    page.get_by_role("button", name="Save update").click()
    expect(page.get_by_text("Progress update saved")).to_be_visible()
    expect(page.get_by_text("training-figures.xlsx")).to_be_visible()
    action.refresh_from_db()
    assert action.status == ActionStatus.COMPLETE and action.completed_on == today
    assert Evidence.objects.get(action=action).original_name == "training-figures.xlsx"
    sign_out(page)

    sign_in_as(page, business_manager)
    page.get_by_role("navigation").get_by_role("link", name="Action plans", exact=True).click()
    check_accessibility(page, "action-plans-dashboard")
    page.get_by_role("link", name="Awaiting assurance").first.click()
    page.get_by_role("link", name=f"Action {action.pk}", exact=True).click()
    page.get_by_role("button", name="Assure or send back").click()
    expect(page.get_by_role("link", name="training-figures.xlsx")).to_be_visible()
    page.get_by_label("Assure as embedded").check()
    page.get_by_label("If you assure it: what evidence did you review?").fill(
        "Training figures for the Public Protection Unit and the audit of 20 cases"
    )
    retest_on = today + dt.timedelta(days=180)
    fill_date(
        page, "If you assure it: when should it be re-tested to check the change is embedded?", retest_on
    )
    check_accessibility(page, "action-plans-assure")
    page.get_by_role("button", name="Save decision").click()
    expect(page.get_by_text("Action assured as embedded")).to_be_visible()
    check_accessibility(page, "action-plans-action-assured")

    action.refresh_from_db()
    assert (action.status, action.assured_on, action.retest_on) == (ActionStatus.ASSURED, today, retest_on)
    decision = AssuranceDecision.objects.get(action=action)
    assert decision.decided_by == business_manager and "audit of 20 cases" in decision.evidence_reviewed
    # The GP practices' action is still open, so the recommendation stays open until it is assured too.
    recommendation.refresh_from_db()
    assert recommendation.closed_on is None
    assert Action.objects.filter(recommendation=recommendation, status=ActionStatus.ASSURED).count() == 1
