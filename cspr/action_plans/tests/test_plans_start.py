"""Starting an action plan: which reviews are offered, preselecting one from its page, a national report
adopted locally, the date it was agreed, and who may start one."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from cspr.action_plans.models import ActionPlan, Source
from cspr.audit.models import AuditEvent
from cspr.practice_reviews.tests.records import practice_review
from cspr.rapid_reviews.tests.matrix import sent_rapid_review

from .records import make_plan

TODAY = dt.datetime(2027, 1, 15, 12, tzinfo=ZoneInfo("Europe/London"))
NEW_PLAN = reverse("action_plans:new_plan")


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def ctx(partnership, agency, business_manager, incident):
    return {"partnership": partnership, "agency": agency, "incident": incident}


def agreed(day=dt.date(2027, 1, 14)) -> dict:
    return {"agreed_on_day": day.day, "agreed_on_month": day.month, "agreed_on_year": day.year}


def test_business_manager_starts_a_plan_for_a_practice_review(client, business_manager, ctx):
    review = practice_review(ctx)
    client.force_login(business_manager)
    page = client.get(f"{NEW_PLAN}?practice_review={review.pk}")
    assert page.status_code == 200
    assert f"{review.reference}: Child K" in page.content.decode()
    assert page.context["form"].initial["review"] == f"practice_review-{review.pk}"

    response = client.post(
        f"{NEW_PLAN}?practice_review={review.pk}", {"review": f"practice_review-{review.pk}", **agreed()}
    )
    plan = ActionPlan.objects.get()
    assert response.status_code == 302
    assert response.url == plan.get_absolute_url()
    assert (plan.source, plan.practice_review, plan.agreed_on) == (
        Source.PRACTICE_REVIEW,
        review,
        dt.date(2027, 1, 14),
    )
    assert plan.created_by == business_manager
    assert AuditEvent.objects.filter(object_type="action_plans.actionplan", action="create").exists()


def test_reviews_that_have_a_plan_are_not_offered_again(client, business_manager, ctx):
    rapid_review = sent_rapid_review(ctx)
    review = practice_review(ctx)
    make_plan(ctx["partnership"], practice_review=review)
    client.force_login(business_manager)
    choices = dict(client.get(NEW_PLAN).context["form"].fields["review"].choices)
    assert f"practice_review-{review.pk}" not in choices
    assert choices[f"rapid_review-{rapid_review.pk}"] == "Rapid review of incident 2026/001"
    assert "national" in choices


def test_a_review_that_already_has_a_plan_leads_to_its_plan(client, business_manager, ctx):
    rapid_review = sent_rapid_review(ctx)
    plan = make_plan(ctx["partnership"], rapid_review=rapid_review)
    client.force_login(business_manager)
    response = client.get(f"{NEW_PLAN}?rapid_review={rapid_review.pk}")
    assert response.status_code == 302
    assert response.url == plan.get_absolute_url()


def test_another_partnerships_review_cannot_be_preselected(client, other_business_manager, ctx):
    review = practice_review(ctx)
    client.force_login(other_business_manager)
    assert client.get(f"{NEW_PLAN}?practice_review={review.pk}").status_code == 404
    response = client.post(NEW_PLAN, {"review": f"practice_review-{review.pk}", **agreed()})
    assert response.status_code == 200
    assert "Select the review the action plan is for" in response.content.decode()
    assert not ActionPlan.objects.exists()


def test_a_national_report_needs_its_title(client, review_group_member, ctx):
    client.force_login(review_group_member)
    response = client.post(NEW_PLAN, {"review": "national", **agreed()})
    assert response.status_code == 200
    assert "Enter the title of the national review or report" in response.content.decode()
    assert "govuk-form-group--error" in response.content.decode()

    title = "Safeguarding children under 1 from non-accidental injury caused by male carers"
    client.post(
        NEW_PLAN,
        {
            "review": "national",
            "national_report": title,
            "national_report_url": "https://www.gov.uk/government/publications/the-myth-of-invisible-men",
            **agreed(),
        },
    )
    plan = ActionPlan.objects.get()
    assert (plan.source, plan.title, plan.partnership) == (Source.NATIONAL_REPORT, title, ctx["partnership"])
    assert plan.national_report_url.startswith("https://www.gov.uk/")


def test_the_agreed_date_cannot_be_in_the_future(client, business_manager, ctx):
    client.force_login(business_manager)
    response = client.post(
        NEW_PLAN,
        {
            "review": "national",
            "national_report": "Child Protection in England",
            **agreed(dt.date(2027, 1, 16)),
        },
    )
    assert "The date the action plan was agreed must be today or in the past" in response.content.decode()
    # What was typed is kept.
    assert 'value="Child Protection in England"' in response.content.decode()
    assert not ActionPlan.objects.exists()


@pytest.mark.parametrize(
    "persona", ["executive_member", "agency_lead", "independent_reviewer", "panel_member"]
)
def test_only_the_business_manager_and_review_group_start_plans(client, request, persona, ctx):
    client.force_login(request.getfixturevalue(persona))
    response = client.post(NEW_PLAN, {"review": "national", "national_report": "A report", **agreed()})
    assert response.status_code == 403
    assert not ActionPlan.objects.exists()
