"""Which actions a person sees on the dashboard, in what order, and the counts by status per review and
per agency. No views here: the XLSX export reads the same query string through `action_filter` and lists
the same rows through `filtered_actions`, so a download always matches the page it came from.

Everything starts from `visible_to(user)`, so an agency lead's lists and counts are their agency's only.
"Overdue" is worked out here from `rules` on the day given, never stored, so the counts and the filter by
status always agree with the calendar.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Q

from cspr.clock.working_days import WorkingDayCalendar
from cspr.library.models import Theme
from cspr.partnerships.models import Agency

from . import rules
from .forms.lists import DEFAULT_ACTION_SORT, DEFAULT_PLAN_SORT, ActionFilterForm
from .models import Action, ActionPlan, Recommendation

PLAN_RELATED = ("rapid_review__incident", "practice_review")
ACTION_RELATED = ("agency", *(f"recommendation__plan__{name}" for name in PLAN_RELATED))
# The order of the "Status" sort: the way an action moves, overdue where it falls behind.
STATUS_ORDER = (
    rules.NOT_STARTED,
    rules.ON_TRACK,
    rules.AT_RISK,
    rules.OVERDUE,
    rules.COMPLETE,
    rules.ASSURED,
)


def action_filter(params) -> dict:
    """The filters in a query string (`request.GET`), ready for `filtered_actions`; anything not valid is
    left out. Works with just `plan` and `agency`."""
    return ActionFilterForm(params).filters()


def filter_form(params, user) -> ActionFilterForm:
    """The dashboard's filter form, its drop-downs offering the reviews, agencies and themes the user
    can see."""
    plans = ActionPlan.objects.visible_to(user).select_related(*PLAN_RELATED)
    agencies = Agency.objects.visible_to(user).filter(Q(is_active=True) | Q(plan_actions__isnull=False))
    recommendations = Recommendation.objects.visible_to(user).values("pk")
    themes = Theme.objects.filter(recommendations__in=recommendations).distinct()
    return ActionFilterForm(params, plans=plans, agencies=agencies.distinct(), themes=themes)


def filtered_actions(user, cleaned: dict, today: dt.date) -> list[Action]:
    """The actions the user can see that match the filters, in the order asked for (overdue first by
    default). `cleaned` is what `action_filter` returns; missing keys mean "any"."""
    actions = Action.objects.visible_to(user).select_related(*ACTION_RELATED)
    if cleaned.get("plan"):
        actions = actions.filter(recommendation__plan_id=cleaned["plan"])
    if cleaned.get("agency"):
        actions = actions.filter(agency_id=cleaned["agency"])
    if cleaned.get("theme"):
        actions = actions.filter(recommendation__themes=cleaned["theme"])
    if cleaned.get("due_before"):
        actions = actions.filter(due_on__lt=cleaned["due_before"])
    found = list(actions)
    if cleaned.get("status"):
        found = [action for action in found if action.display_status(today) == cleaned["status"]]
    return sort_actions(found, cleaned.get("sort") or DEFAULT_ACTION_SORT, today)


def sort_actions(actions: list[Action], sort: str, today: dt.date) -> list[Action]:
    def place(action: Action) -> tuple:
        """Where the action sits within its plan, so ties read in the order of the report."""
        return (action.recommendation.plan_id, action.recommendation.number, action.agency.name, action.pk)

    def urgency(action: Action) -> tuple:
        return rules.overdue_first(action.status, action.due_on, today)

    keys = {
        "due": lambda action: (action.due_on, urgency(action), place(action)),
        "agency": lambda action: (action.agency.name, urgency(action), place(action)),
        "review": lambda action: (action.recommendation.plan.title, place(action)),
        "status": lambda action: (
            STATUS_ORDER.index(action.display_status(today)),
            action.due_on,
            place(action),
        ),
    }
    return sorted(actions, key=keys.get(sort, lambda action: (urgency(action), place(action))))


def status_counts(statuses_and_dates, today: dt.date) -> Counter:
    """How many actions, given as (stored status, due date) pairs, show each status today: overdue ones
    count as overdue, not by their stored status. `Counter` gives 0 for a status none has."""
    return Counter(rules.display_status(status, due_on, today) for status, due_on in statuses_and_dates)


@dataclass(frozen=True)
class ActionRow:
    """One line of the dashboard: the action with its status and timing on the day shown."""

    action: Action
    status: str
    timing: str

    @property
    def status_label(self) -> str:
        return rules.STATUS_LABELS[self.status]

    @property
    def status_colour(self) -> str:
        return rules.STATUS_COLOURS[self.status]


def action_rows(actions, today: dt.date, calendar: WorkingDayCalendar) -> list[ActionRow]:
    return [
        ActionRow(
            action,
            action.display_status(today),
            rules.deadline_timing(action.status, action.due_on, today, calendar),
        )
        for action in actions
    ]


@dataclass(frozen=True)
class PlanRow:
    """One review's plan on the list of reviews: its recommendations open and closed, and its actions
    (the ones the user can see) by status."""

    plan: ActionPlan
    open_recommendations: int
    closed_recommendations: int
    counts: Counter

    @property
    def total(self) -> int:
        return self.counts.total()


def plan_rows(user, today: dt.date, sort: str = DEFAULT_PLAN_SORT) -> list[PlanRow]:
    plans = list(ActionPlan.objects.visible_to(user).select_related(*PLAN_RELATED))
    closed_by_plan: dict[int, Counter] = {}
    for plan_id, closed_on in Recommendation.objects.visible_to(user).values_list("plan_id", "closed_on"):
        closed_by_plan.setdefault(plan_id, Counter())[closed_on is not None] += 1
    actions_by_plan: dict[int, list] = {}
    for plan_id, status, due_on in Action.objects.visible_to(user).values_list(
        "recommendation__plan_id", "status", "due_on"
    ):
        actions_by_plan.setdefault(plan_id, []).append((status, due_on))
    rows = [
        PlanRow(
            plan,
            closed_by_plan.get(plan.pk, Counter())[False],
            closed_by_plan.get(plan.pk, Counter())[True],
            status_counts(actions_by_plan.get(plan.pk, []), today),
        )
        for plan in plans
    ]
    if sort == "title":
        return sorted(rows, key=lambda row: row.plan.title)
    if sort == "agreed":
        return sorted(rows, key=lambda row: (row.plan.agreed_on, row.plan.pk), reverse=True)
    return sorted(
        rows, key=lambda row: (-row.counts[rules.OVERDUE], -row.plan.agreed_on.toordinal(), -row.plan.pk)
    )


@dataclass(frozen=True)
class AgencyRow:
    """One agency's actions (across every plan the user can see) by status."""

    agency: Agency
    counts: Counter

    @property
    def total(self) -> int:
        return self.counts.total()


def agency_rows(user, today: dt.date) -> list[AgencyRow]:
    """Every agency with actions the user can see, most overdue first; an agency lead sees their own."""
    actions_by_agency: dict[int, list] = {}
    for agency_id, status, due_on in Action.objects.visible_to(user).values_list(
        "agency_id", "status", "due_on"
    ):
        actions_by_agency.setdefault(agency_id, []).append((status, due_on))
    agencies = Agency.objects.visible_to(user).filter(pk__in=actions_by_agency)
    rows = [AgencyRow(agency, status_counts(actions_by_agency[agency.pk], today)) for agency in agencies]
    return sorted(rows, key=lambda row: (-row.counts[rules.OVERDUE], row.agency.name))
