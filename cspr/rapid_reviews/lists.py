"""The list of rapid reviews: who sees which, filtered and sorted, with where each stands on the clock.

One list for two audiences: a partnership's people see their partnership's rapid reviews; Panel members see
those sent to the Panel from every partnership (`RapidReview.objects.visible_to` decides). The page and its
CSV export both read from here, so a download holds the rows the page showed. Deadlines come from
`cspr.deadlines.clock`; this module never counts days itself.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, Q
from django.utils import timezone

from cspr.clock.status import DeadlineState, DeadlineStatus, deadline_status, plural_working_days
from cspr.deadlines.clock import current_calendar, deadlines_of
from cspr.incidents.models import Child

from .models import PanelResponseKind, RapidReview, RapidReviewStatus

PAGE_SIZE = 25
# The Panel-response filter's value for rapid reviews sent and not yet answered.
AWAITING = "awaiting"

# Sort key -> label; the first is the default. The next due date is worked out by the clock, the
# others are columns the database sorts.
SORT_KEYS = {
    "due": "Next due date",
    "notified": "Date notified to the Panel",
    "reference": "Incident reference",
}
_COLUMN_ORDER = {
    "notified": ("notified_on", "incident__reference", "partnership__name"),
    "reference": ("incident__reference", "partnership__name"),
}

STATUS_COLOURS = {
    RapidReviewStatus.OPEN: "blue",
    RapidReviewStatus.REVIEW_GROUP_MET: "purple",
    RapidReviewStatus.DECIDED: "yellow",
    RapidReviewStatus.SENT: "teal",
    RapidReviewStatus.RESPONDED: "green",
}


@dataclass(frozen=True)
class ListFilters:
    status: str = ""
    partnership_id: int | None = None
    recommendation: str = ""
    panel_response: str = ""
    sent_from: dt.date | None = None
    sent_to: dt.date | None = None
    overdue_only: bool = False
    sort: str = "due"
    descending: bool = False

    def describe(self) -> str:
        """The filters in words, for the export's audit entry (codes and dates only: no case text)."""
        parts = [
            f"status {self.status}" if self.status else "",
            f"partnership {self.partnership_id}" if self.partnership_id else "",
            f"recommendation {self.recommendation}" if self.recommendation else "",
            f"Panel response {self.panel_response}" if self.panel_response else "",
            f"sent from {self.sent_from.isoformat()}" if self.sent_from else "",
            f"sent to {self.sent_to.isoformat()}" if self.sent_to else "",
            "overdue only" if self.overdue_only else "",
        ]
        return ", ".join(part for part in parts if part) or "no filters"


@dataclass(frozen=True)
class ListRow:
    """One rapid review with its two deadlines: the rapid review's own (met when sent) and, once sent,
    the Panel's response."""

    rapid_review: RapidReview
    due: DeadlineStatus | None
    panel_due: DeadlineStatus | None

    @property
    def incident(self):
        return self.rapid_review.incident

    @property
    def status_colour(self) -> str:
        return STATUS_COLOURS.get(self.rapid_review.status, "grey")

    @property
    def pseudonyms(self) -> str:
        """The list never shows a child's name, whoever is looking."""
        return ", ".join(child.pseudonym for child in self.incident.children.all())

    @property
    def timing(self) -> str:
        """ "Due in 4 working days", "Overdue by 2 working days", "Sent on time", "Sent 3 working days
        late"."""
        if self.due is None:
            return ""
        if self.due.state is DeadlineState.MET:
            return "Sent on time"
        if self.due.state is DeadlineState.MET_LATE:
            return f"Sent {plural_working_days(self.due.working_days)} late"
        return self.due.description

    @property
    def due_tag_text(self) -> str:
        """The clock's tag in the list's words: "Sent on time" or "Sent late" once sent."""
        if self.due is None:
            return ""
        if self.due.state is DeadlineState.MET:
            return "Sent on time"
        if self.due.state is DeadlineState.MET_LATE:
            return "Sent late"
        return self.due.tag_text

    @property
    def decision(self) -> str:
        return decision_of(self.rapid_review)

    @property
    def panel_response(self):
        return _related(self.rapid_review, "panel_response")

    @property
    def next_deadline(self) -> DeadlineStatus | None:
        """What is awaited now: the rapid review until it is sent, then the Panel's response."""
        if self.due is not None and self.due.is_open:
            return self.due
        if self.panel_due is not None and self.panel_due.is_open:
            return self.panel_due
        return None

    @property
    def is_overdue(self) -> bool:
        return self.next_deadline is not None and self.next_deadline.state is DeadlineState.OVERDUE


def decision_of(rapid_review) -> str:
    """The executive's decision, or while there is none the review group's recommendation ("" if neither).

    Reads the one-to-one records fetched with the rapid review (`select_related`), so a list asks nothing
    more per row.
    """
    executive = _related(rapid_review, "executive_decision")
    if executive is not None:
        return executive.get_decision_display()
    meeting = _related(rapid_review, "meeting")
    if meeting is not None and meeting.recommendation:
        return f"{meeting.get_recommendation_display()} (recommended by the review group)"
    return ""


def _related(rapid_review, name: str):
    """A one-to-one record fetched with the rapid review, or None when there is none yet."""
    return getattr(rapid_review, name, None)


def rapid_reviews_for(user):
    """Every rapid review this user's list holds, with what its rows show fetched in the same queries."""
    return (
        RapidReview.objects.visible_to(user)
        .select_related("incident", "partnership", "executive_decision", "meeting", "panel_response")
        .prefetch_related(Prefetch("incident__children", queryset=Child.objects.visible_to(user)))
        .order_by("-notified_on", "-pk")
    )


def decision_filter(recommendation: str) -> Q:
    """Rapid reviews whose executive decided this, or (before any decision) whose review group recommended
    it."""
    return Q(executive_decision__decision=recommendation) | Q(
        executive_decision__isnull=True, meeting__recommendation=recommendation
    )


def apply_filters(rapid_reviews, filters: ListFilters):
    """The database filters; "overdue only" needs the clock and is finished in `list_rows`."""
    if filters.status:
        rapid_reviews = rapid_reviews.filter(status=filters.status)
    if filters.partnership_id:
        rapid_reviews = rapid_reviews.filter(partnership_id=filters.partnership_id)
    if filters.recommendation:
        rapid_reviews = rapid_reviews.filter(decision_filter(filters.recommendation))
    if filters.panel_response == AWAITING:
        rapid_reviews = rapid_reviews.filter(sent_on__isnull=False, panel_response__isnull=True)
    elif filters.panel_response:
        rapid_reviews = rapid_reviews.filter(panel_response__response=filters.panel_response)
    if filters.sent_from:
        rapid_reviews = rapid_reviews.filter(sent_on__gte=filters.sent_from)
    if filters.sent_to:
        rapid_reviews = rapid_reviews.filter(sent_on__lte=filters.sent_to)
    if filters.overdue_only:
        # Only those still waiting for something can be overdue; the clock decides which are.
        rapid_reviews = rapid_reviews.filter(Q(sent_on__isnull=True) | Q(panel_response__isnull=True))
    return rapid_reviews


def list_rows(rapid_reviews, filters: ListFilters, today: dt.date | None = None) -> list[ListRow]:
    """Every filtered rapid review with its deadlines, in the order asked for (for the export)."""
    if filters.sort in _COLUMN_ORDER:
        rapid_reviews = rapid_reviews.order_by(*_column_order(filters))
    rows = with_deadlines(rapid_reviews, today)
    if filters.overdue_only:
        rows = [row for row in rows if row.is_overdue]
    if filters.sort == "due":
        rows = _by_next_deadline(rows, filters.descending)
    return rows


def list_page(rapid_reviews, filters: ListFilters, page_number, today: dt.date | None = None) -> Page:
    """One page of the list. Sorted by a column and not filtered by the clock, only the page's own rows
    need their deadlines worked out; otherwise every filtered rapid review does."""
    if filters.sort in _COLUMN_ORDER and not filters.overdue_only:
        ordered = rapid_reviews.order_by(*_column_order(filters))
        page = Paginator(ordered, PAGE_SIZE).get_page(page_number)
        page.object_list = with_deadlines(page.object_list, today)
        return page
    return Paginator(list_rows(rapid_reviews, filters, today), PAGE_SIZE).get_page(page_number)


def with_deadlines(rapid_reviews, today: dt.date | None = None) -> list[ListRow]:
    """Each rapid review with the clock's `rapid_review` and `panel_response` deadlines, for the lot in
    three queries (`deadlines_of` and the calendar).

    The timeliness record (`StepCompletion`) says when a step was done; where a rapid review was sent or
    answered without one, the date on the record completes the step, so the row never calls a rapid review
    sent long ago "overdue".
    """
    rapid_reviews = list(rapid_reviews)
    calendar = current_calendar()
    today = today or timezone.localdate()
    found: dict[tuple[int, str], DeadlineStatus] = {}
    for item in deadlines_of([rr.incident for rr in rapid_reviews], today, calendar):
        if item.status.step.code in ("rapid_review", "panel_response"):
            found[item.incident.pk, item.status.step.code] = item.status
    rows = []
    for rapid_review in rapid_reviews:
        response = _related(rapid_review, "panel_response")
        due = _completed_by(
            found.get((rapid_review.incident_id, "rapid_review")), rapid_review.sent_on, calendar
        )
        panel_due = _completed_by(
            found.get((rapid_review.incident_id, "panel_response")),
            response.responded_on if response is not None else None,
            calendar,
        )
        rows.append(ListRow(rapid_review, due, panel_due))
    return rows


def _completed_by(status: DeadlineStatus | None, done_on: dt.date | None, calendar) -> DeadlineStatus | None:
    if status is None or not status.is_open or done_on is None:
        return status
    return deadline_status(status.step, status.due_on, done_on, status.today, calendar)


def _column_order(filters: ListFilters) -> tuple[str, ...]:
    fields = _COLUMN_ORDER[filters.sort]
    return tuple(f"-{field}" for field in fields) if filters.descending else fields


def _by_next_deadline(rows: list[ListRow], descending: bool) -> list[ListRow]:
    """Soonest (or latest) next deadline first; rapid reviews awaiting nothing always last."""
    waiting = [row for row in rows if row.next_deadline is not None]
    done = [row for row in rows if row.next_deadline is None]
    waiting.sort(key=lambda row: (row.next_deadline.due_on, row.incident.reference), reverse=descending)
    return waiting + done


def response_choices() -> list[tuple[str, str]]:
    return [(AWAITING, "Awaiting the Panel's response"), *PanelResponseKind.choices]
