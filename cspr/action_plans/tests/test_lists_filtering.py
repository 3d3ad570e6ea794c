"""`cspr.action_plans.lists`: which actions each person sees, filtered and in what order, and the counts
by review and by agency, on a fixed day (Wednesday 10 March 2027)."""

import datetime as dt

import pytest
from django.http import QueryDict

from cspr.action_plans import rules
from cspr.action_plans.lists import (
    action_filter,
    agency_rows,
    filtered_actions,
    plan_rows,
    status_counts,
)
from cspr.action_plans.models import ActionStatus
from cspr.action_plans.tests.records import make_action, make_plan, make_recommendation
from cspr.library.models import Theme

TODAY = dt.date(2027, 3, 10)


@pytest.fixture
def plans(partnership, agency, other_agency):
    """Two national report plans: the first has one action of each kind for the police (`agency`) and
    two for the GP practices; the second one at-risk police action and one assured GP action."""
    fathers = Theme.objects.create(label="Fathers and male carers")
    first = make_plan(partnership, national_report="Safeguarding children under 1")
    second = make_plan(
        partnership, national_report="Child Protection in England", agreed_on=dt.date(2027, 1, 4)
    )
    one = make_recommendation(first, themes=[fathers])
    two = make_recommendation(first)
    actions = {
        "long_overdue": make_action(one, agency, due_on=dt.date(2027, 1, 29), status=ActionStatus.ON_TRACK),
        "overdue": make_action(one, other_agency, due_on=dt.date(2027, 3, 5), status=ActionStatus.AT_RISK),
        "at_risk": make_action(two, agency, due_on=dt.date(2027, 4, 30), status=ActionStatus.AT_RISK),
        "not_started": make_action(two, other_agency, due_on=dt.date(2027, 3, 15)),
        # Past its date but complete: waiting for assurance, never overdue.
        "complete": make_action(two, agency, due_on=dt.date(2027, 2, 1), status=ActionStatus.COMPLETE),
    }
    three = make_recommendation(second, closed_on=dt.date(2027, 3, 1))
    actions["second_at_risk"] = make_action(
        make_recommendation(second), agency, due_on=dt.date(2027, 6, 1), status=ActionStatus.AT_RISK
    )
    actions["assured"] = make_action(
        three, other_agency, due_on=dt.date(2027, 2, 1), status=ActionStatus.ASSURED
    )
    return {"first": first, "second": second, "fathers": fathers, **actions}


def names(found, plans) -> list[str]:
    by_pk = {action.pk: name for name, action in plans.items() if hasattr(action, "agency_id")}
    return [by_pk[action.pk] for action in found]


def test_overdue_first_puts_the_longest_overdue_at_the_top_and_finished_actions_last(business_manager, plans):
    found = filtered_actions(business_manager, action_filter({}), TODAY)

    assert names(found, plans) == [
        "long_overdue",
        "overdue",
        "at_risk",
        "second_at_risk",
        "not_started",
        "complete",
        "assured",
    ]


def test_the_other_sorts(business_manager, plans):
    def sorted_by(sort):
        return names(filtered_actions(business_manager, {"sort": sort}, TODAY), plans)

    assert sorted_by("due") == [
        "long_overdue",
        "complete",
        "assured",
        "overdue",
        "not_started",
        "at_risk",
        "second_at_risk",
    ]
    assert sorted_by("agency")[:3] == ["overdue", "not_started", "assured"]  # Northshire GP Practices
    assert sorted_by("review")[:2] == ["assured", "second_at_risk"]  # Child Protection in England
    assert sorted_by("status") == [
        "not_started",
        "at_risk",
        "second_at_risk",
        "long_overdue",
        "overdue",
        "complete",
        "assured",
    ]


def test_filter_by_status_uses_the_status_people_see(business_manager, plans):
    def with_status(status):
        return set(names(filtered_actions(business_manager, {"status": status}, TODAY), plans))

    assert with_status(rules.OVERDUE) == {"long_overdue", "overdue"}
    # An at-risk action past its date shows as overdue, not at risk.
    assert with_status(rules.AT_RISK) == {"at_risk", "second_at_risk"}
    assert with_status(rules.COMPLETE) == {"complete"}
    assert with_status(rules.ASSURED) == {"assured"}


def test_filter_by_review_agency_theme_and_due_date(business_manager, agency, plans):
    def matching(**cleaned):
        return set(names(filtered_actions(business_manager, cleaned, TODAY), plans))

    assert matching(plan=plans["second"].pk) == {"second_at_risk", "assured"}
    assert matching(agency=agency.pk) == {"long_overdue", "at_risk", "complete", "second_at_risk"}
    assert matching(plan=plans["first"].pk, agency=agency.pk) == {"long_overdue", "at_risk", "complete"}
    assert matching(theme=plans["fathers"].pk) == {"long_overdue", "overdue"}
    assert matching(due_before=dt.date(2027, 3, 5)) == {"long_overdue", "complete", "assured"}


def test_action_filter_reads_a_query_string_and_ignores_what_is_not_valid():
    cleaned = action_filter(QueryDict("plan=4&agency=7&status=done&theme=x&sort=sideways&due_before_day=31"))

    assert cleaned == {
        "plan": 4,
        "agency": 7,
        "status": "",
        "theme": None,
        "due_before": None,
        "sort": "overdue",
    }
    assert action_filter(QueryDict("due_before_day=1&due_before_month=3&due_before_year=2027"))[
        "due_before"
    ] == dt.date(2027, 3, 1)


def test_an_agency_lead_sees_only_their_agencys_actions(agency_lead, other_agency, plans):
    found = filtered_actions(agency_lead, {}, TODAY)

    assert names(found, plans) == ["long_overdue", "at_risk", "second_at_risk", "complete"]
    # Asking for another agency's actions finds nothing rather than showing them.
    assert filtered_actions(agency_lead, {"agency": other_agency.pk}, TODAY) == []


def test_another_partnership_sees_none_of_the_actions(other_business_manager, plans):
    assert filtered_actions(other_business_manager, {"plan": plans["first"].pk}, TODAY) == []
    assert plan_rows(other_business_manager, TODAY) == []
    assert agency_rows(other_business_manager, TODAY) == []


def test_status_counts_count_overdue_actions_as_overdue():
    counts = status_counts(
        [
            (rules.ON_TRACK, dt.date(2027, 3, 9)),
            (rules.ON_TRACK, TODAY),
            (rules.COMPLETE, dt.date(2027, 1, 1)),
        ],
        TODAY,
    )

    assert counts == {rules.OVERDUE: 1, rules.ON_TRACK: 1, rules.COMPLETE: 1}
    assert counts[rules.ASSURED] == 0


def test_plan_rows_count_recommendations_and_actions_most_overdue_first(business_manager, plans):
    rows = plan_rows(business_manager, TODAY)

    assert [row.plan for row in rows] == [plans["first"], plans["second"]]
    first, second = rows
    assert (first.open_recommendations, first.closed_recommendations) == (2, 0)
    assert (second.open_recommendations, second.closed_recommendations) == (1, 1)
    assert first.counts[rules.OVERDUE] == 2
    assert first.total == 5
    assert second.counts == {rules.AT_RISK: 1, rules.ASSURED: 1}
    assert [row.plan for row in plan_rows(business_manager, TODAY, "agreed")] == [
        plans["second"],
        plans["first"],
    ]
    assert [row.plan for row in plan_rows(business_manager, TODAY, "title")] == [
        plans["second"],
        plans["first"],
    ]


def test_an_agency_lead_counts_only_their_agencys_actions_and_recommendations(agency_lead, plans):
    rows = plan_rows(agency_lead, TODAY)

    # The second plan's closed recommendation is addressed to the GP practices only.
    assert [(row.plan, row.open_recommendations, row.closed_recommendations) for row in rows] == [
        (plans["first"], 2, 0),
        (plans["second"], 1, 0),
    ]
    assert rows[0].counts == {rules.OVERDUE: 1, rules.AT_RISK: 1, rules.COMPLETE: 1}
    assert [row.agency.name for row in agency_rows(agency_lead, TODAY)] == ["Northshire Police"]


def test_agency_rows_most_overdue_first(business_manager, plans):
    rows = agency_rows(business_manager, TODAY)

    assert [(row.agency.name, row.counts[rules.OVERDUE], row.total) for row in rows] == [
        ("Northshire GP Practices", 1, 3),
        ("Northshire Police", 1, 4),
    ]
