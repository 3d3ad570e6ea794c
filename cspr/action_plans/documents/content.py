"""What the progress report says, worked out once as plain data so the DOCX and the PDF cannot disagree.

The report is read at the executive meeting: first where the plan stands (counts by status, overdue
counted), then each recommendation with its agencies' actions, the overdue ones first with how many
working days they are overdue, assured ones with their re-test date. It must stay on one A4 page
however big the plan is, so `fitting.fit` shortens texts and folds away the least urgent rows, always
saying what it left out.
"""

import datetime as dt
from collections import Counter

from django.utils.text import slugify

from cspr.core.templatetags.govuk import govuk_date
from cspr.deadlines.clock import current_calendar
from cspr.incidents.documents import MARKING

from .. import rules
from .fitting import count_by_status, fit

TITLE = "Action plan progress report"


def filename(plan, today: dt.date, extension: str) -> str:
    """action-plan-progress-rapid-review-of-incident-2026-001-2027-05-09.pdf: the plan's title names the
    review by its reference, never the child."""
    name = slugify(plan.title)[:80].strip("-") or f"plan-{plan.pk}"
    return f"action-plan-progress-{name}-{today.isoformat()}.{extension}"


def _timing(action, shown: str, today: dt.date, calendar) -> str:
    """The words after the status: how late, how soon, when completed, or when to re-test."""
    if shown == rules.ASSURED:
        if action.retest_on:
            return f"Re-test {govuk_date(action.retest_on)}"
        return f"Assured {govuk_date(action.assured_on)}" if action.assured_on else ""
    if shown == rules.COMPLETE:
        return f"Completed {govuk_date(action.completed_on)}" if action.completed_on else ""
    return rules.deadline_timing(action.status, action.due_on, today, calendar)


def _action_line(action, today: dt.date, calendar) -> dict:
    shown = rules.display_status(action.status, action.due_on, today)
    return {
        "agency": action.agency.name,
        "due_on": action.due_on,
        "status": shown,
        "status_label": rules.STATUS_LABELS[shown],
        "timing": _timing(action, shown, today, calendar),
        "retest_on": action.retest_on,
        "sort_key": (*rules.overdue_first(action.status, action.due_on, today), action.agency.name),
    }


def _status_counts(statuses: list[str]) -> list[dict]:
    counted = Counter(statuses)
    return [
        {"status": status, "label": rules.STATUS_LABELS[status], "count": counted[status]}
        for status in rules.DISPLAY_STATUSES
    ]


def _summary(statuses: list[str], recommendations: list[dict]) -> str:
    """One sentence to read out: "14 actions on 5 recommendations (2 closed): 3 overdue, ..."."""
    if not recommendations:
        return "No recommendations have been added to this plan yet."
    closed = sum(1 for recommendation in recommendations if recommendation["is_closed"])
    on = f"{len(recommendations)} recommendation{'s' if len(recommendations) != 1 else ''} ({closed} closed)"
    if not statuses:
        return f"No actions have been agreed yet on the {on}."
    actions = f"{len(statuses)} action{'s' if len(statuses) != 1 else ''}"
    return f"{actions} on {on}: {count_by_status(statuses)}."


def report_content(plan, recommendations, actions, today: dt.date) -> dict:
    """Everything the report shows, in the order it shows it. `recommendations` and `actions` are the
    plan's records as the reader may see them (the view scopes them)."""
    calendar = current_calendar()
    by_recommendation: dict[int, list[dict]] = {}
    for action in actions:
        by_recommendation.setdefault(action.recommendation_id, []).append(
            _action_line(action, today, calendar)
        )
    rows = []
    for recommendation in sorted(recommendations, key=lambda r: r.number):
        lines = sorted(by_recommendation.get(recommendation.pk, []), key=lambda line: line["sort_key"])
        rows.append(
            {
                "number": recommendation.number,
                "label": str(recommendation),
                "text": " ".join(recommendation.text.split()),
                "due_on": recommendation.due_on,
                "is_closed": recommendation.is_closed,
                "closed_on": recommendation.closed_on,
                "actions": lines,
            }
        )
    statuses = [line["status"] for row in rows for line in row["actions"]]
    summary = _summary(statuses, rows)
    return {
        "marking": MARKING,
        "title": TITLE,
        "partnership": plan.partnership.name,
        "plan_title": plan.title,
        "source": plan.source_label,
        "agreed_on": plan.agreed_on,
        "today": today,
        "summary": summary,
        "status_counts": _status_counts(statuses),
        "total": len(statuses),
        **fit(rows, title=plan.title, summary=summary),
    }
