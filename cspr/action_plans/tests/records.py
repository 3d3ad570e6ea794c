"""Records the action plan tests (and the permission matrix) build on.

`action_plan(ctx)` is the plan of the context incident's local CSPR (`practice_review(ctx)`), agreed on
26 November 2026, with recommendation 1 addressed to the `agency` fixture's agency (Northshire Police):
one action for it, due 30 April 2027, complete and awaiting assurance, so that every page has something
to show and the assurance page something to assure. Built once per test.
"""

import datetime as dt

from cspr.action_plans.models import Action, ActionPlan, ActionStatus, Recommendation, Source
from cspr.practice_reviews.tests.records import practice_review

AGREED_ON = dt.date(2026, 11, 26)


def make_plan(partnership, **fields) -> ActionPlan:
    fields.setdefault("agreed_on", AGREED_ON)
    if "source" not in fields:
        if fields.get("rapid_review"):
            fields["source"] = Source.RAPID_REVIEW
        elif fields.get("practice_review"):
            fields["source"] = Source.PRACTICE_REVIEW
        else:
            fields["source"] = Source.NATIONAL_REPORT
            fields.setdefault("national_report", "Safeguarding children under 1 from non-accidental injury")
    return ActionPlan.objects.create(partnership=partnership, **fields)


def make_recommendation(plan, *, agencies=(), themes=(), **fields) -> Recommendation:
    fields.setdefault("number", (plan.recommendations.count() + 1))
    fields.setdefault("text", "Agencies should make sure that fathers and male carers are seen and assessed.")
    fields.setdefault("due_on", dt.date(2027, 5, 31))
    recommendation = Recommendation.objects.create(partnership=plan.partnership, plan=plan, **fields)
    recommendation.agencies.set(agencies)
    recommendation.themes.set(themes)
    return recommendation


def make_action(recommendation, agency, **fields) -> Action:
    fields.setdefault("what_will_change", "Training on assessing men in the household for all officers")
    fields.setdefault("owner", "Detective Inspector, Public Protection Unit")
    fields.setdefault("due_on", dt.date(2027, 4, 30))
    fields.setdefault("success_measure", "90% of officers trained; audit of 20 cases shows fathers assessed")
    fields.setdefault("status", ActionStatus.NOT_STARTED)
    recommendation.agencies.add(agency)
    return Action.objects.create(
        partnership=recommendation.partnership, recommendation=recommendation, agency=agency, **fields
    )


def action_plan(ctx) -> ActionPlan:
    review = practice_review(ctx)
    plan = ActionPlan.objects.filter(practice_review=review).first()
    if plan is not None:
        return plan
    plan = make_plan(ctx["partnership"], practice_review=review)
    recommendation = make_recommendation(plan)
    make_action(recommendation, ctx["agency"], status=ActionStatus.COMPLETE, completed_on=AGREED_ON)
    return plan


def plan_action(ctx) -> Action:
    """The context plan's first action (Northshire Police, complete)."""
    return Action.objects.filter(recommendation__plan=action_plan(ctx)).order_by("pk").first()
