"""The plan the progress report tests read, on 10 May 2027 (a Monday; 3 May 2027 was a bank holiday).

It is the context practice review's plan (`records.action_plan`: recommendation 1, Northshire Police's
action complete) with more added so every line of the report has something to show:

- recommendation 1: also Northshire Police, on track but due 30 April 2027, so overdue by 5 working days
  (4 to 7 and 10 May; 3 May is not a working day), and Northshire GP Practices, at risk, due 30 June 2027;
- recommendation 2, closed: Northshire Police, assured, re-test 30 November 2027;
- immediate safety action 3: Northshire GP Practices, not started, due 12 May 2027 (in 2 working days);
- recommendation 4: no actions yet.
"""

import datetime as dt

from cspr.action_plans.models import ActionStatus, RecommendationKind

from .records import action_plan, make_action, make_recommendation

TODAY = dt.date(2027, 5, 10)
NOW = dt.datetime(2027, 5, 10, 10, 0)


def report_plan(partnership, agency, other_agency, incident):
    plan = action_plan({"partnership": partnership, "agency": agency, "incident": incident})
    first = plan.recommendations.get(number=1)
    make_action(first, agency, status=ActionStatus.ON_TRACK, due_on=dt.date(2027, 4, 30))
    make_action(first, other_agency, status=ActionStatus.AT_RISK, due_on=dt.date(2027, 6, 30))
    closed = make_recommendation(
        plan,
        text="The partnership should audit the use of the escalation policy.",
        closed_on=dt.date(2027, 3, 1),
    )
    make_action(
        closed,
        agency,
        status=ActionStatus.ASSURED,
        assured_on=dt.date(2027, 3, 1),
        retest_on=dt.date(2027, 11, 30),
    )
    safety = make_recommendation(
        plan, kind=RecommendationKind.SAFETY_ACTION, text="Give safe sleep advice at every contact."
    )
    make_action(safety, other_agency, status=ActionStatus.NOT_STARTED, due_on=dt.date(2027, 5, 12))
    make_recommendation(plan, text="Review the threshold document with schools.", agencies=[other_agency])
    return plan
