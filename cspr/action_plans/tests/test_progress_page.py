"""The action's page: what it says about the action and its deadline, the history newest first, the
buttons each person is offered, and the audit of the view; and the deadline wording on its own."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from cspr.action_plans.actions.progress import do_send_back_action, do_update_action
from cspr.action_plans.models import ActionStatus
from cspr.audit.models import AuditEvent

from .matrix_progress import make_evidence
from .records import make_action, plan_action

LONDON = ZoneInfo("Europe/London")
TODAY = dt.datetime(2027, 3, 1, 12, tzinfo=LONDON)  # a Monday


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False) as traveller:
        yield traveller


@pytest.fixture
def action(ctx):
    return plan_action(ctx)


def page_of(client, person, action) -> str:
    client.force_login(person)
    response = client.get(reverse("action_plans:action", args=[action.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_shows_the_action_and_the_recommendation_it_answers(client, executive_member, action):
    page = page_of(client, executive_member, action)
    assert "Agencies should make sure that fathers and male carers are seen and assessed." in page
    assert "Training on assessing men in the household for all officers" in page
    assert "Detective Inspector, Public Protection Unit" in page
    assert "30 April 2027" in page and "90% of officers trained" in page
    assert "Complete: awaiting assurance" in page
    assert action.recommendation.plan.title in page
    assert "Child K" not in page.replace(action.recommendation.plan.title, "")


def test_an_open_action_shows_working_days_left_and_then_overdue(client, executive_member, action, today):
    action.status = ActionStatus.ON_TRACK
    action.due_on = dt.date(2027, 3, 5)
    action.save()
    assert "Due in 4 working days" in page_of(client, executive_member, action)
    today.move_to(dt.datetime(2027, 3, 9, 12, tzinfo=LONDON))
    page = page_of(client, executive_member, action)
    assert "Overdue by 2 working days" in page and "govuk-tag--red" in page


def test_the_history_is_newest_first_with_who_and_when(client, business_manager, agency_lead, action, today):
    action.status = ActionStatus.ON_TRACK
    action.save()
    do_update_action(action, status="at_risk", note="First note", acting_user=agency_lead, request=None)
    today.move_to(dt.datetime(2027, 3, 2, 12, tzinfo=LONDON))
    make_evidence(action, name="figures.pdf", description="Training figures for March")
    today.move_to(dt.datetime(2027, 3, 3, 12, tzinfo=LONDON))
    do_update_action(action, status="complete", note="Second note", acting_user=agency_lead, request=None)
    today.move_to(dt.datetime(2027, 3, 4, 12, tzinfo=LONDON))
    do_send_back_action(action, reasons="Audit every team", acting_user=business_manager, request=None)
    page = page_of(client, agency_lead, action)
    history = page[page.index('<h2 class="govuk-heading-m">History</h2>') :]
    order = [
        history.index(text) for text in ("Audit every team", "Second note", "Training figures", "First note")
    ]
    assert order == sorted(order)
    assert f"3 March 2027 by {agency_lead.full_name}" in history
    assert f"4 March 2027 by {business_manager.full_name}" in history


def test_the_agency_lead_is_offered_updates_and_not_assurance(client, agency_lead, action):
    page = page_of(client, agency_lead, action)
    assert reverse("action_plans:update_action", args=[action.pk]) in page
    assert reverse("action_plans:add_evidence", args=[action.pk]) in page
    assert reverse("action_plans:assure_action", args=[action.pk]) not in page


def test_the_review_group_is_offered_assurance_and_not_updates(client, review_group_member, action):
    page = page_of(client, review_group_member, action)
    assert reverse("action_plans:assure_action", args=[action.pk]) in page
    assert reverse("action_plans:update_action", args=[action.pk]) not in page


def test_the_executive_reads_only(client, executive_member, action):
    page = page_of(client, executive_member, action)
    for name in ("update_action", "add_evidence", "assure_action"):
        assert reverse(f"action_plans:{name}", args=[action.pk]) not in page


def test_an_assured_action_offers_nothing_to_change(client, business_manager, action):
    action.status = ActionStatus.ASSURED
    action.assured_on = dt.date(2027, 2, 1)
    action.retest_on = dt.date(2027, 8, 2)
    action.save()
    page = page_of(client, business_manager, action)
    assert "Assured on 1 February 2027; re-test on 2 August 2027" in page
    for name in ("update_action", "add_evidence", "assure_action"):
        assert reverse(f"action_plans:{name}", args=[action.pk]) not in page


def test_viewing_the_page_is_audited(client, agency_lead, action):
    page_of(client, agency_lead, action)
    event = AuditEvent.objects.get(action="view", object_type="action_plans.action")
    assert event.object_id == str(action.pk) and event.actor_id == agency_lead.pk


def test_another_agency_lead_does_not_see_the_action(client, other_agency_lead, action):
    client.force_login(other_agency_lead)
    assert client.get(reverse("action_plans:action", args=[action.pk])).status_code == 404


def test_an_agency_lead_sees_their_own_action_under_a_shared_recommendation(
    client, other_agency_lead, other_agency, action
):
    theirs = make_action(action.recommendation, other_agency)
    page = page_of(client, other_agency_lead, theirs)
    assert "Update progress" in page
