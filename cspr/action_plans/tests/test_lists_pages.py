"""The dashboard, the list by review and the list by agency, through the test client, on Wednesday
10 March 2027."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from cspr.action_plans.models import ActionStatus
from cspr.action_plans.tests.records import make_action, make_plan, make_recommendation

DASHBOARD = "/action-plans/"
pytestmark = pytest.mark.usefixtures("on_a_wednesday")


@pytest.fixture
def on_a_wednesday():
    with time_machine.travel(dt.datetime(2027, 3, 10, 12, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def plan(partnership, agency, other_agency):
    """The police are 3 working days late on an action; the GP practices' action is awaiting assurance."""
    plan = make_plan(partnership, national_report="Safeguarding children under 1")
    recommendation = make_recommendation(plan)
    make_action(
        recommendation,
        agency,
        what_will_change="Officers attending a home ask who else lives there",
        due_on=dt.date(2027, 3, 5),
        status=ActionStatus.ON_TRACK,
    )
    make_action(
        recommendation,
        other_agency,
        what_will_change="GP records show the father and male carers",
        due_on=dt.date(2027, 2, 1),
        status=ActionStatus.COMPLETE,
    )
    return plan


def test_the_dashboard_lists_every_action_with_counts_linking_to_the_filtered_list(
    client, business_manager, plan
):
    client.force_login(business_manager)
    response = client.get(DASHBOARD)

    page = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-l">Action plans</h1>' in page
    assert "Officers attending a home ask who else lives there" in page
    assert "GP records show the father and male carers" in page
    assert "5 March 2027" in page
    assert "Overdue by 3 working days" in page
    assert 'href="?status=overdue">Overdue</a>' in page
    assert 'href="?status=complete">Awaiting assurance</a>' in page
    assert reverse("action_plans:plan", args=[plan.pk]) in page
    assert "Safeguarding children under 1" in page
    assert f'href="{reverse("action_plans:export")}?"' in page
    assert reverse("action_plans:import") in page
    assert "Start an action plan" in page


def test_filtering_by_status_keeps_the_other_filters_in_the_links(client, business_manager, agency, plan):
    client.force_login(business_manager)
    response = client.get(DASHBOARD, {"status": "overdue", "agency": agency.pk, "page": "1"})

    page = response.content.decode()
    assert "Officers attending a home" in page
    assert "GP records show" not in page
    assert "1 action\n" in page
    # The export gets the same filters, without the page.
    assert f"{reverse('action_plans:export')}?status=overdue&amp;agency={agency.pk}" in page
    # "All actions" drops the status but keeps the agency.
    assert f'href="?agency={agency.pk}" aria-current="true"' not in page
    assert f'href="?agency={agency.pk}">All actions</a>' in page


def test_an_agency_lead_sees_their_agencys_actions_only(client, agency_lead, plan):
    client.force_login(agency_lead)
    response = client.get(DASHBOARD)

    page = response.content.decode()
    assert "Your agency&#x27;s actions" in page
    assert "Officers attending a home" in page
    assert "GP records show" not in page
    # Agency leads may download and re-upload their rows but not start plans.
    assert reverse("action_plans:import") in page
    assert "Start an action plan" not in page


def test_the_executive_reads_but_cannot_start_plans_or_import(client, executive_member, plan):
    client.force_login(executive_member)
    page = client.get(DASHBOARD).content.decode()

    assert "Officers attending a home" in page
    assert "Download as a spreadsheet (XLSX)" in page
    assert reverse("action_plans:import") not in page
    assert "Start an action plan" not in page


def test_a_date_that_is_not_real_is_shown_as_an_error_and_ignored(client, business_manager, plan):
    client.force_login(business_manager)
    response = client.get(
        DASHBOARD, {"due_before_day": "31", "due_before_month": "2", "due_before_year": "2027"}
    )

    page = response.content.decode()
    assert "There is a problem" in page
    assert "The due before date must be a real date" in page
    assert "govuk-form-group--error" in page
    assert 'value="31"' in page
    assert "Officers attending a home" in page


def test_twenty_five_actions_a_page(client, business_manager, agency, plan):
    recommendation = plan.recommendations.get()
    for number in range(28):
        make_action(recommendation, agency, what_will_change=f"Change number {number}")
    client.force_login(business_manager)

    first = client.get(DASHBOARD).content.decode()
    second = client.get(DASHBOARD, {"page": 2}).content.decode()

    assert "30 actions, showing 1 to 25" in first
    assert "30 actions, showing 26 to 30" in second
    assert 'class="govuk-pagination"' in first


def test_the_empty_dashboard_says_what_to_do(client, business_manager, agency_lead, executive_member):
    client.force_login(business_manager)
    page = client.get(DASHBOARD).content.decode()
    assert "No action plans yet" in page
    assert f'href="{reverse("action_plans:new_plan")}">Start an action plan' in page

    client.force_login(agency_lead)
    assert "Your agency has no actions yet" in client.get(DASHBOARD).content.decode()

    client.force_login(executive_member)
    page = client.get(DASHBOARD).content.decode()
    assert "Action plans appear here once the business manager or the review group starts them" in page


def test_no_matching_actions(client, business_manager, plan):
    client.force_login(business_manager)
    page = client.get(DASHBOARD, {"status": "assured"}).content.decode()

    assert "No actions match these filters" in page


def test_the_list_by_review(client, business_manager, agency_lead, plan):
    client.force_login(business_manager)
    response = client.get(reverse("action_plans:by_review"), {"sort": "agreed"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Safeguarding children under 1" in page
    assert "National review or report adopted locally" in page
    assert "26 November 2026" in page
    assert "1 open" in page
    assert f"{DASHBOARD}?plan={plan.pk}" in page
    assert reverse("action_plans:plan", args=[plan.pk]) in page

    client.force_login(agency_lead)
    assert "Safeguarding children under 1" in client.get(reverse("action_plans:by_review")).content.decode()


def test_an_agency_lead_sees_no_plan_without_their_agency(client, other_agency_lead, partnership, agency):
    hidden = make_plan(partnership, national_report="Police only plan")
    make_action(make_recommendation(hidden), agency)
    client.force_login(other_agency_lead)

    page = client.get(reverse("action_plans:by_review")).content.decode()

    assert "Police only plan" not in page
    assert "Your agency has no actions yet" in page


def test_the_list_by_agency_links_to_each_agencys_actions(
    client, business_manager, agency_lead, agency, plan
):
    client.force_login(business_manager)
    page = client.get(reverse("action_plans:by_agency")).content.decode()

    assert "Northshire Police" in page
    assert "Northshire GP Practices" in page
    assert f'href="{DASHBOARD}?agency={agency.pk}"' in page

    client.force_login(agency_lead)
    page = client.get(reverse("action_plans:by_agency")).content.decode()
    assert "Northshire Police" in page
    assert "Northshire GP Practices" not in page


@pytest.mark.parametrize(
    "name", ["action_plans:dashboard", "action_plans:by_review", "action_plans:by_agency"]
)
def test_reviewers_and_the_panel_see_no_action_plans(client, independent_reviewer, panel_member, plan, name):
    for person in (independent_reviewer, panel_member):
        client.force_login(person)
        assert client.get(reverse(name)).status_code == 403
