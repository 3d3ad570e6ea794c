"""Recommendations: adding one (the next number, at least one agency, themes, by when), changing it
(an agency with actions stays on it), removing one recorded by mistake (refused once an agency has
reported on its actions), the audit, and who may do it."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from cspr.action_plans.models import Action, ProgressUpdate, Recommendation, RecommendationKind
from cspr.audit.log import REDACTED
from cspr.audit.models import AuditEvent
from cspr.library.models import Theme

from .records import action_plan, plan_action

TODAY = dt.datetime(2027, 1, 15, 12, tzinfo=ZoneInfo("Europe/London"))
TEXT = "Agencies should make sure that men in the household are seen and assessed."


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def plan(ctx):
    return action_plan(ctx)


def form_data(agencies, *, number=2, themes=(), due_on=dt.date(2027, 6, 30), **fields) -> dict:
    return {
        "number": number,
        "kind": RecommendationKind.RECOMMENDATION,
        "text": TEXT,
        "agencies": [agency.pk for agency in agencies],
        "themes": [theme.pk for theme in themes],
        "due_on_day": due_on.day,
        "due_on_month": due_on.month,
        "due_on_year": due_on.year,
        **fields,
    }


def test_business_manager_adds_a_recommendation(client, business_manager, plan, agency, other_agency):
    theme = Theme.objects.create(label="Fathers and male carers")
    Theme.objects.create(label="Retired theme", is_active=False)
    url = reverse("action_plans:new_recommendation", args=[plan.pk])
    client.force_login(business_manager)
    page = client.get(url)
    assert page.context["form"].initial["number"] == 2
    offered = [label for _, label in page.context["form"].fields["themes"].choices]
    assert "Fathers and male carers" in offered
    assert "Retired theme" not in offered

    response = client.post(url, form_data([agency, other_agency], themes=[theme]))
    recommendation = Recommendation.objects.get(plan=plan, number=2)
    assert response.status_code == 302
    assert response.url == f"{plan.get_absolute_url()}#recommendation-2"
    assert recommendation.text == TEXT
    assert set(recommendation.agencies.all()) == {agency, other_agency}
    assert list(recommendation.themes.all()) == [theme]
    assert recommendation.due_on == dt.date(2027, 6, 30)
    event = AuditEvent.objects.get(object_type="action_plans.recommendation", action="create")
    assert event.changes["text"] == [None, REDACTED]
    assert TEXT not in str(event.changes)


def test_a_recommendation_needs_an_agency_and_a_free_number(client, review_group_member, plan):
    client.force_login(review_group_member)
    response = client.post(
        reverse("action_plans:new_recommendation", args=[plan.pk]), form_data([], number=1)
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Select at least one agency the recommendation is addressed to" in page
    assert "The plan already has a recommendation 1: enter another number" in page
    assert TEXT in page  # nothing typed is lost
    assert Recommendation.objects.filter(plan=plan).count() == 1


def test_changing_a_recommendation_keeps_agencies_that_have_actions(
    client, business_manager, ctx, plan, other_agency
):
    recommendation = plan_action(ctx).recommendation
    url = reverse("action_plans:edit_recommendation", args=[recommendation.pk])
    client.force_login(business_manager)
    response = client.post(url, form_data([other_agency], number=1))
    assert "Northshire Police already has actions under this recommendation" in response.content.decode()

    response = client.post(url, form_data([ctx["agency"], other_agency], number=1, kind="safety_action"))
    assert response.status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.kind == "safety_action"
    assert set(recommendation.agencies.all()) == {ctx["agency"], other_agency}
    event = AuditEvent.objects.get(object_type="action_plans.recommendation", action="change")
    assert event.changes["kind"] == ["recommendation", "safety_action"]
    assert event.changes["agencies"] == [[ctx["agency"].pk], sorted([ctx["agency"].pk, other_agency.pk])]


def test_removing_a_recommendation_removes_its_actions(client, business_manager, ctx, plan):
    recommendation = plan_action(ctx).recommendation
    url = reverse("action_plans:remove_recommendation", args=[recommendation.pk])
    client.force_login(business_manager)
    page = client.get(url).content.decode()
    assert "Remove recommendation 1?" in page
    assert "Its action will be removed too." in page

    response = client.post(url)
    assert response.status_code == 302
    assert response.url == plan.get_absolute_url()
    assert not Recommendation.objects.filter(pk=recommendation.pk).exists()
    assert not Action.objects.filter(recommendation__plan=plan).exists()
    deleted = set(AuditEvent.objects.filter(action="delete").values_list("object_type", flat=True))
    assert deleted == {"action_plans.recommendation", "action_plans.action"}


def test_a_recommendation_with_progress_cannot_be_removed(client, business_manager, ctx, plan):
    action = plan_action(ctx)
    ProgressUpdate.objects.create(
        partnership=action.partnership,
        action=action,
        status="complete",
        note="Done",
        written_by=business_manager,
    )
    url = reverse("action_plans:remove_recommendation", args=[action.recommendation_id])
    client.force_login(business_manager)
    page = client.get(url).content.decode()
    assert "You cannot remove recommendation 1" in page
    assert "Its actions have progress updates from the agencies" in page
    assert "Remove the recommendation" not in page

    response = client.post(url)
    assert response.status_code == 200
    assert Recommendation.objects.filter(pk=action.recommendation_id).exists()


@pytest.mark.parametrize("persona", ["executive_member", "agency_lead"])
def test_those_who_only_read_the_plan_cannot_change_it(client, request, persona, ctx, plan, agency):
    recommendation = plan_action(ctx).recommendation
    client.force_login(request.getfixturevalue(persona))
    assert (
        client.post(
            reverse("action_plans:new_recommendation", args=[plan.pk]), form_data([agency])
        ).status_code
        == 403
    )
    assert (
        client.post(reverse("action_plans:remove_recommendation", args=[recommendation.pk])).status_code
        == 403
    )
    assert Recommendation.objects.filter(plan=plan).count() == 1


def test_another_partnership_cannot_reach_the_recommendation(client, other_business_manager, ctx):
    recommendation = plan_action(ctx).recommendation
    client.force_login(other_business_manager)
    assert (
        client.post(reverse("action_plans:remove_recommendation", args=[recommendation.pk])).status_code
        == 404
    )
    assert Recommendation.objects.filter(pk=recommendation.pk).exists()
