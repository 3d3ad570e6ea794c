"""Assurance: assuring a complete action as embedded (evidence reviewed, re-test date after today), which
closes its recommendation when it is the last one; sending it back with reasons, which the agency sees;
what is refused, and who may decide."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from cspr.action_plans.actions.progress import do_assure_action, do_send_back_action
from cspr.action_plans.models import ActionStatus, AssuranceDecision
from cspr.audit.models import AuditEvent

from .matrix_progress import make_evidence
from .records import action_plan, make_action, plan_action

TODAY = dt.datetime(2027, 3, 1, 12, tzinfo=ZoneInfo("Europe/London"))
RETEST = {"retest_on_day": "1", "retest_on_month": "9", "retest_on_year": "2027"}
ASSURE = {"outcome": "assure", "evidence_reviewed": "Training figures and an audit of 20 cases", **RETEST}
SEND_BACK = {"outcome": "send_back", "reasons": "The audit covers one team only: audit every team."}


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def action(ctx):
    return plan_action(ctx)


def assure_url(action) -> str:
    return reverse("action_plans:assure_action", args=[action.pk])


def test_assuring_the_last_action_closes_the_recommendation(client, business_manager, action):
    client.force_login(business_manager)
    response = client.post(assure_url(action), ASSURE)
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.assured_on, action.retest_on) == (
        "assured",
        TODAY.date(),
        dt.date(2027, 9, 1),
    )
    decision = AssuranceDecision.objects.get(action=action)
    assert (decision.outcome, decision.decided_by, decision.decided_on) == (
        "assured",
        business_manager,
        TODAY.date(),
    )
    assert action.recommendation.closed_on == TODAY.date()
    page = client.get(action.get_absolute_url()).content.decode()
    assert "Action assured as embedded" in page and "Re-test on 1 September 2027" in page
    assert "Closed" in page


def test_a_recommendation_stays_open_while_another_action_is_not_assured(
    review_group_member, other_agency, ctx, action
):
    recommendation = action_plan(ctx).recommendations.get()
    make_action(recommendation, other_agency, status=ActionStatus.ON_TRACK)
    do_assure_action(
        action,
        evidence_reviewed="Figures",
        retest_on=dt.date(2027, 9, 1),
        acting_user=review_group_member,
        request=None,
    )
    recommendation.refresh_from_db()
    assert action.status == "assured" and recommendation.closed_on is None


def test_the_assurance_form_needs_evidence_and_a_future_retest_date(client, business_manager, action):
    client.force_login(business_manager)
    page = client.post(assure_url(action), {"outcome": "assure"}).content.decode()
    assert "Enter the evidence you reviewed" in page
    assert "Enter the date to re-test that the change is embedded" in page
    today = {"retest_on_day": "1", "retest_on_month": "3", "retest_on_year": "2027"}
    page = client.post(assure_url(action), {**ASSURE, **today}).content.decode()
    assert "The re-test date must be in the future" in page
    assert "Training figures and an audit of 20 cases" in page
    page = client.post(assure_url(action), {}).content.decode()
    assert "Select assure as embedded or send back to the agency" in page
    action.refresh_from_db()
    assert action.status == "complete" and not AssuranceDecision.objects.exists()


def test_sending_back_needs_reasons(client, business_manager, action):
    client.force_login(business_manager)
    page = client.post(assure_url(action), {"outcome": "send_back"}).content.decode()
    assert "Enter the reasons for sending it back" in page
    assert not AssuranceDecision.objects.exists()


def test_sent_back_action_is_on_track_and_the_agency_sees_the_reasons(
    client, business_manager, agency_lead, action
):
    client.force_login(business_manager)
    response = client.post(assure_url(action), SEND_BACK)
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.completed_on, action.assured_on) == ("on_track", None, None)
    client.force_login(agency_lead)
    page = client.get(action.get_absolute_url()).content.decode()
    assert "Sent back to Northshire Police on 1 March 2027" in page
    assert "The audit covers one team only: audit every team." in page
    assert "Update progress" in page


def test_the_reasons_banner_goes_once_a_later_decision_assures_it(business_manager, client, action):
    do_send_back_action(action, reasons="Audit every team", acting_user=business_manager, request=None)
    action.status = ActionStatus.COMPLETE
    action.save()
    do_assure_action(
        action,
        evidence_reviewed="All teams",
        retest_on=dt.date(2027, 9, 1),
        acting_user=business_manager,
        request=None,
    )
    client.force_login(business_manager)
    page = client.get(action.get_absolute_url()).content.decode()
    assert "Sent back to Northshire Police" not in page
    assert "Audit every team" in page  # still in the history


def test_the_audit_records_the_decision_but_not_the_reasons(business_manager, action):
    do_send_back_action(
        action, reasons="Child K's file not audited", acting_user=business_manager, request=None
    )
    created = AuditEvent.objects.get(object_type="action_plans.assurancedecision")
    assert created.changes["outcome"] == [None, "sent_back"]
    assert created.changes["reasons"] == [None, "(not recorded)"]
    change = AuditEvent.objects.get(object_type="action_plans.action", action="change")
    assert change.changes["status"] == ["complete", "on_track"]


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (ActionStatus.ON_TRACK, "Only an action its agency has marked complete can be assured or sent back"),
        (ActionStatus.ASSURED, "This action has already been assured"),
    ],
)
def test_only_complete_actions_are_decided_on(client, business_manager, action, status, message):
    action.status = status
    action.save()
    with pytest.raises(ValueError, match=message):
        do_send_back_action(action, reasons="No", acting_user=business_manager, request=None)
    with pytest.raises(ValueError, match=message):
        do_assure_action(
            action,
            evidence_reviewed="x",
            retest_on=dt.date(2027, 9, 1),
            acting_user=business_manager,
            request=None,
        )
    client.force_login(business_manager)
    assert client.get(assure_url(action)).status_code == 403
    assert not AssuranceDecision.objects.exists()


def test_the_action_function_refuses_a_retest_date_that_is_not_in_the_future(business_manager, action):
    with pytest.raises(ValueError, match="The re-test date must be in the future"):
        do_assure_action(
            action, evidence_reviewed="x", retest_on=TODAY.date(), acting_user=business_manager, request=None
        )


def test_the_agency_and_the_executive_cannot_assure(client, agency_lead, executive_member, action):
    for person in (agency_lead, executive_member):
        client.force_login(person)
        assert client.post(assure_url(action), ASSURE).status_code == 403
    action.refresh_from_db()
    assert action.status == "complete"


def test_the_assurance_page_shows_the_latest_update_and_the_evidence(client, business_manager, action):
    make_evidence(action, name="figures.pdf", description="92% of officers trained")
    client.force_login(business_manager)
    page = client.get(assure_url(action)).content.decode()
    assert "figures.pdf" in page and "92% of officers trained" in page
    assert "has not written a progress update" in page
