"""The plan page: the review it answers, counts by status, each recommendation with its actions, working
days left or overdue, the links each person may use, and what an agency lead sees of it."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from conftest import make_user
from cspr.accounts.models import Role
from cspr.action_plans.models import ActionStatus
from cspr.library.models import Theme
from cspr.partnerships.models import Agency, AgencyKind

from .records import action_plan, make_action, make_recommendation

# Wednesday 5 May 2027: Monday 3 May was the early May bank holiday.
TODAY = dt.datetime(2027, 5, 5, 12, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def plan(ctx, other_agency):
    """Recommendation 1: the police's complete action; recommendation 2: the police's overdue action and
    the GP practices' on-track one."""
    found = action_plan(ctx)
    second = make_recommendation(
        found,
        text="Practitioners should record who lives in the household at every contact.",
        themes=[Theme.objects.create(label="Invisible men")],
        due_on=dt.date(2027, 9, 30),
    )
    make_action(
        second, ctx["agency"], due_on=dt.date(2027, 4, 30), what_will_change="Police household checks"
    )
    make_action(
        second,
        other_agency,
        due_on=dt.date(2027, 5, 12),
        status=ActionStatus.ON_TRACK,
        what_will_change="GP registration form asks about the household",
        owner="Named GP for Safeguarding",
    )
    return found


def test_plan_page_shows_recommendations_actions_and_timing(client, business_manager, plan):
    client.force_login(business_manager)
    response = client.get(reverse("action_plans:plan", args=[plan.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert f"{plan.practice_review.reference}: Child K" in page
    assert plan.source_label in page
    assert "26 November 2026" in page
    assert 'id="recommendation-2"' in page
    assert "Practitioners should record who lives in the household" in page
    assert "Invisible men" in page
    assert "30 September 2027" in page
    # Due Friday 30 April; Monday 3 May was a bank holiday: Tuesday and Wednesday are overdue.
    assert "Overdue by 2 working days" in page
    assert "Due in 5 working days" in page
    assert "Named GP for Safeguarding" in page
    counts = {row["label"]: row["count"] for row in response.context["status_counts"]}
    assert counts["Overdue"] == 1
    assert counts["On track"] == 1
    assert counts["Complete: awaiting assurance"] == 1
    assert response.context["action_count"] == 3
    assert reverse("action_plans:new_recommendation", args=[plan.pk]) in page
    first_action = plan.recommendations.get(number=1).actions.get()
    assert reverse("action_plans:action", args=[first_action.pk]) in page
    assert reverse("action_plans:edit_action", args=[first_action.pk]) in page
    assert reverse("action_plans:report_docx", args=[plan.pk]) in page
    assert f"{reverse('action_plans:export')}?plan={plan.pk}" in page
    assert "Kai Testchild" not in page


def test_an_assured_action_offers_no_change_link(client, business_manager, plan):
    action = plan.recommendations.get(number=1).actions.get()
    action.status = ActionStatus.ASSURED
    action.save()
    client.force_login(business_manager)
    page = client.get(reverse("action_plans:plan", args=[plan.pk])).content.decode()
    assert reverse("action_plans:edit_action", args=[action.pk]) not in page
    assert "Assured as embedded" in page


def test_executive_reads_the_plan_without_writing_it(client, executive_member, plan):
    client.force_login(executive_member)
    response = client.get(reverse("action_plans:plan", args=[plan.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert reverse("action_plans:new_recommendation", args=[plan.pk]) not in page
    assert "Change recommendation 1" not in page
    assert reverse("action_plans:report_pdf", args=[plan.pk]) in page


def test_agency_lead_sees_only_their_agencys_actions(client, agency_lead, plan):
    client.force_login(agency_lead)
    response = client.get(reverse("action_plans:plan", args=[plan.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Police household checks" in page
    assert "GP registration form asks about the household" not in page
    assert "Named GP for Safeguarding" not in page
    assert response.context["action_count"] == 2
    assert "your agency's actions only" in page
    assert reverse("action_plans:new_recommendation", args=[plan.pk]) not in page
    assert reverse("action_plans:report_docx", args=[plan.pk]) not in page


def test_other_agency_lead_sees_only_the_recommendation_addressed_to_them(client, other_agency_lead, plan):
    client.force_login(other_agency_lead)
    response = client.get(reverse("action_plans:plan", args=[plan.pk]))
    assert response.status_code == 200
    shown = [item["recommendation"].number for item in response.context["recommendations"]]
    assert shown == [2]
    assert "Police household checks" not in response.content.decode()


def test_an_agency_the_plan_does_not_address_does_not_see_it(client, partnership, plan):
    school = Agency.objects.create(partnership=partnership, name="Northshire School", kind=AgencyKind.OTHER)
    client.force_login(make_user(Role.AGENCY_LEAD, partnership, school, email="school@example.test"))
    assert client.get(reverse("action_plans:plan", args=[plan.pk])).status_code == 404


def test_another_partnership_does_not_see_the_plan(client, other_business_manager, plan):
    client.force_login(other_business_manager)
    assert client.get(reverse("action_plans:plan", args=[plan.pk])).status_code == 404
