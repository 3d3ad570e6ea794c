"""Agreeing the agencies' actions: the due date as a date or as working days after the plan was agreed,
an agency the recommendation did not yet address, reopening a closed recommendation, changing what was
agreed (never once assured), the audit, and who may do it."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from cspr.action_plans.models import Action, ActionStatus
from cspr.audit.log import REDACTED
from cspr.audit.models import AuditEvent

from .records import action_plan, plan_action

TODAY = dt.datetime(2027, 1, 15, 12, tzinfo=ZoneInfo("Europe/London"))
OWNER = "Dr Sam Example, Named GP for Safeguarding"


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def recommendation(ctx):
    action_plan(ctx)
    return plan_action(ctx).recommendation


def form_data(agency=None, *, due_on=None, working_days="", **fields) -> dict:
    data = {
        "what_will_change": "Household members recorded at registration",
        "owner": OWNER,
        "due_working_days": working_days,
        "success_measure": "Audit of 30 registrations shows household recorded",
        **fields,
    }
    if agency is not None:
        data["agency"] = agency.pk
    if due_on is not None:
        data |= {"due_on_day": due_on.day, "due_on_month": due_on.month, "due_on_year": due_on.year}
    return data


def new_action_url(recommendation) -> str:
    return reverse("action_plans:new_action", args=[recommendation.pk])


def test_due_date_given_in_working_days_is_worked_out_by_the_clock(
    client, business_manager, recommendation, agency
):
    client.force_login(business_manager)
    response = client.post(new_action_url(recommendation), form_data(agency, working_days=10))
    assert response.status_code == 302
    assert response.url == recommendation.get_absolute_url()
    action = Action.objects.latest("pk")
    # Agreed Thursday 26 November 2026: 10 working days later is Thursday 10 December.
    assert (action.due_on, action.due_working_days) == (dt.date(2026, 12, 10), 10)
    assert (action.agency, action.status, action.created_by) == (
        agency,
        ActionStatus.NOT_STARTED,
        business_manager,
    )
    event = AuditEvent.objects.get(object_type="action_plans.action", action="create")
    assert event.changes["owner"] == [None, REDACTED]
    assert event.changes["due_on"] == [None, "2026-12-10"]
    assert OWNER not in str(event.changes)


def test_due_date_given_as_a_date(client, review_group_member, recommendation, agency):
    client.force_login(review_group_member)
    client.post(new_action_url(recommendation), form_data(agency, due_on=dt.date(2027, 3, 31)))
    action = Action.objects.latest("pk")
    assert (action.due_on, action.due_working_days) == (dt.date(2027, 3, 31), None)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Enter the due date, or the number of working days after the plan"),
        (
            {"due_on": dt.date(2027, 3, 31), "working_days": 10},
            "Enter either the due date or the number of working days, not both",
        ),
        ({"working_days": "ten"}, "The number of working days must be a whole number, like 40"),
        ({"due_on": dt.date(2040, 1, 1)}, "The due date must be between"),
    ],
)
def test_the_due_date_must_be_given_once(client, business_manager, recommendation, agency, data, message):
    client.force_login(business_manager)
    before = Action.objects.count()
    response = client.post(new_action_url(recommendation), form_data(agency, **data))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "govuk-form-group--error" in response.content.decode()
    assert Action.objects.count() == before


def test_an_agency_not_yet_addressed_is_added_to_the_recommendation(
    client, business_manager, recommendation, other_agency
):
    client.force_login(business_manager)
    choices = client.get(new_action_url(recommendation)).context["form"].fields["agency"].choices
    groups = {group: [label for _, label in options] for group, options in choices[1:]}
    assert groups["Addressed by the recommendation"] == ["Northshire Police"]
    assert "Northshire GP Practices" in next(iter(v for k, v in groups.items() if k.startswith("Other")))

    client.post(new_action_url(recommendation), form_data(other_agency, working_days=20))
    assert other_agency in recommendation.agencies.all()
    assert AuditEvent.objects.filter(
        object_type="action_plans.recommendation", action="change", object_id=str(recommendation.pk)
    ).exists()


def test_an_inactive_agency_is_not_offered(client, business_manager, recommendation, other_agency):
    other_agency.is_active = False
    other_agency.save()
    client.force_login(business_manager)
    response = client.post(new_action_url(recommendation), form_data(other_agency, working_days=20))
    assert "Select the agency that will take the action" in response.content.decode()


def test_adding_an_action_reopens_a_closed_recommendation(
    client, business_manager, ctx, recommendation, agency
):
    action = plan_action(ctx)
    action.status = ActionStatus.ASSURED
    action.save()
    recommendation.closed_on = dt.date(2027, 1, 10)
    recommendation.save()
    client.force_login(business_manager)
    client.post(new_action_url(recommendation), form_data(agency, working_days=30))
    recommendation.refresh_from_db()
    assert recommendation.closed_on is None


def test_changing_what_was_agreed(client, business_manager, ctx):
    action = plan_action(ctx)
    url = reverse("action_plans:edit_action", args=[action.pk])
    client.force_login(business_manager)
    page = client.get(url)
    assert "agency" not in page.context["form"].fields
    assert page.context["form"].initial["due_on"] == dt.date(2027, 4, 30)

    response = client.post(url, form_data(working_days=40, owner="Detective Chief Inspector"))
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.owner, action.due_working_days, action.agency) == (
        "Detective Chief Inspector",
        40,
        ctx["agency"],
    )
    # The status the agency reported is not touched.
    assert action.status == ActionStatus.COMPLETE
    event = AuditEvent.objects.get(object_type="action_plans.action", action="change")
    assert event.changes["owner"] == [REDACTED, REDACTED]
    assert "status" not in event.changes


def test_an_assured_action_cannot_be_changed(client, business_manager, ctx):
    action = plan_action(ctx)
    action.status = ActionStatus.ASSURED
    action.save()
    client.force_login(business_manager)
    url = reverse("action_plans:edit_action", args=[action.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, form_data(working_days=40)).status_code == 403


@pytest.mark.parametrize("persona", ["executive_member", "agency_lead"])
def test_those_who_only_read_the_plan_cannot_agree_actions(
    client, request, persona, ctx, recommendation, agency
):
    client.force_login(request.getfixturevalue(persona))
    before = Action.objects.count()
    assert client.post(new_action_url(recommendation), form_data(agency, working_days=5)).status_code == 403
    edit = reverse("action_plans:edit_action", args=[plan_action(ctx).pk])
    assert client.post(edit, form_data(working_days=5)).status_code == 403
    assert Action.objects.count() == before
