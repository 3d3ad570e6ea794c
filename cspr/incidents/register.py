"""The incident register: which incidents a person sees, filtered and sorted, with their next deadline.

The register page, its CSV/XLSX export and the "reconcile your figures" summary all read from here, so a
download always holds the rows the page showed. Deadlines come from `cspr.deadlines.clock`; the register
never counts days itself.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.utils import timezone

from cspr.clock import compute_deadlines
from cspr.clock.status import DeadlineState, DeadlineStatus, working_days_late
from cspr.deadlines.clock import current_calendar, deadlines_of, local_lengths
from cspr.deadlines.models import StepCompletion
from cspr.incidents.models import Incident, IncidentNature, IncidentStatus

PAGE_SIZE = 25

# Sort key -> label; the first is the default. Deadline order is computed, the others are columns.
SORT_KEYS = {
    "deadline": "Next deadline",
    "reference": "Reference",
    "aware": "Date the local authority became aware",
    "incident": "Date of the incident",
}
_COLUMN_ORDER = {
    "reference": ("reference", "partnership__name"),
    "aware": ("aware_on", "reference"),
    "incident": ("incident_on", "reference"),
}


# GOV.UK tag colour of each status; statuses later stages add show grey until they choose one.
STATUS_COLOURS = {
    IncidentStatus.REFERRED: "blue",
    IncidentStatus.NOTIFICATION_DUE: "yellow",
    IncidentStatus.NOTIFIED: "green",
    IncidentStatus.LOOKED_AFTER_DEATH: "purple",
    IncidentStatus.CARE_LEAVER_DEATH: "purple",
    IncidentStatus.NOT_NOTIFIABLE: "grey",
}


def status_colour(status: str) -> str:
    return STATUS_COLOURS.get(status, "grey")


@dataclass(frozen=True)
class RegisterFilters:
    status: str = ""
    year: int | None = None
    nature: str = ""
    partnership_id: int | None = None
    overdue_only: bool = False
    sort: str = "deadline"
    descending: bool = False

    def describe(self) -> str:
        """The filters in words, for the export's audit entry (codes only: no case text)."""
        parts = [
            f"status {self.status}" if self.status else "",
            f"year {self.year}" if self.year else "",
            f"nature {self.nature}" if self.nature else "",
            f"partnership {self.partnership_id}" if self.partnership_id else "",
            "overdue only" if self.overdue_only else "",
        ]
        return ", ".join(part for part in parts if part) or "no filters"


@dataclass(frozen=True)
class RegisterRow:
    incident: Incident
    next_deadline: DeadlineStatus | None

    @property
    def status_colour(self) -> str:
        return status_colour(self.incident.status)

    @property
    def pseudonyms(self) -> str:
        """The register never shows a child's name, whoever is looking."""
        return ", ".join(child.pseudonym for child in self.incident.children.all())


def register_incidents(user):
    """Every incident this user's register holds: their partnership's (or their part of it), or for the
    Panel every incident notified to it."""
    return (
        Incident.objects.visible_to(user)
        .select_related("partnership")
        .prefetch_related("children")
        .order_by("-aware_on", "-pk")
    )


def awareness_years(incidents) -> list[int]:
    """The years of awareness the register holds, newest first, for the year filter."""
    return [day.year for day in incidents.dates("aware_on", "year", order="DESC")]


def apply_filters(incidents, filters: RegisterFilters):
    """The database filters; "overdue only" needs the clock and is applied in `register_rows`."""
    if filters.status:
        incidents = incidents.filter(status=filters.status)
    if filters.year:
        incidents = incidents.filter(aware_on__year=filters.year)
    if filters.nature:
        incidents = incidents.filter(nature=filters.nature)
    if filters.partnership_id:
        incidents = incidents.filter(partnership_id=filters.partnership_id)
    return incidents


def register_rows(incidents, filters: RegisterFilters, today: dt.date | None = None) -> list[RegisterRow]:
    """Every filtered incident with its next open deadline, in the order asked for (for exports)."""
    if filters.sort in _COLUMN_ORDER:
        incidents = incidents.order_by(*_column_order(filters))
    rows = with_next_deadlines(incidents, today)
    if filters.overdue_only:
        rows = [row for row in rows if _is_overdue(row)]
    if filters.sort == "deadline":
        rows = _by_deadline(rows, filters.descending)
    return rows


def register_page(incidents, filters: RegisterFilters, page_number, today: dt.date | None = None) -> Page:
    """One page of the register. Sorted by a column and not filtered by the clock, only the page's own
    incidents need their deadlines worked out; otherwise every filtered incident does."""
    if filters.sort in _COLUMN_ORDER and not filters.overdue_only:
        page = Paginator(incidents.order_by(*_column_order(filters)), PAGE_SIZE).get_page(page_number)
        page.object_list = with_next_deadlines(page.object_list, today)
        return page
    return Paginator(register_rows(incidents, filters, today), PAGE_SIZE).get_page(page_number)


def with_next_deadlines(incidents, today: dt.date | None = None) -> list[RegisterRow]:
    """Each incident with its earliest open deadline (what `next_open_deadline` gives for one incident),
    worked out for the lot in two queries."""
    incidents = list(incidents)
    next_deadline: dict[int, DeadlineStatus] = {}
    for item in deadlines_of(incidents, today or timezone.localdate()):
        if item.status.is_open:
            next_deadline.setdefault(item.incident.pk, item.status)
    return [RegisterRow(incident, next_deadline.get(incident.pk)) for incident in incidents]


def _column_order(filters: RegisterFilters) -> tuple[str, ...]:
    fields = _COLUMN_ORDER[filters.sort]
    return tuple(f"-{field}" for field in fields) if filters.descending else fields


def _is_overdue(row: RegisterRow) -> bool:
    return row.next_deadline is not None and row.next_deadline.state is DeadlineState.OVERDUE


def _by_deadline(rows: list[RegisterRow], descending: bool) -> list[RegisterRow]:
    """Soonest (or latest) deadline first; incidents with no open deadline always last."""
    with_deadline = [row for row in rows if row.next_deadline is not None]
    without = [row for row in rows if row.next_deadline is None]
    with_deadline.sort(key=lambda row: (row.next_deadline.due_on, row.incident.reference), reverse=descending)
    return with_deadline + without


def notification_days_late(incidents, calendar=None) -> dict[int, int]:
    """Working days late of each notified incident's notification to the Panel (0 when on time).

    The timeliness record (`StepCompletion`) is the answer where the notification step wrote one; for an
    incident notified without it, the clock works it out from the date sent, the same way.
    """
    notified = [incident for incident in incidents if incident.notified_on]
    recorded = dict(
        StepCompletion.objects.filter(
            incident__in=[incident.pk for incident in notified], step_code="notification"
        ).values_list("incident_id", "working_days_late")
    )
    calendar = calendar or current_calendar()
    lengths: dict[int, dict[str, int]] = {}
    days_late = {}
    for incident in notified:
        if incident.pk in recorded:
            days_late[incident.pk] = max(0, recorded[incident.pk])
            continue
        if incident.partnership_id not in lengths:
            lengths[incident.partnership_id] = local_lengths(incident.partnership_id)
        due = compute_deadlines(incident.clock_triggers(), lengths[incident.partnership_id], calendar)
        if "notification" in due:
            days_late[incident.pk] = working_days_late(due["notification"], incident.notified_on, calendar)
    return days_late


@dataclass(frozen=True)
class ReconcileSummary:
    """The counts a business manager checks against the national statistics for the same incidents."""

    total: int
    by_nature: list[tuple[str, int]]
    notified_on_time: int
    notified_late: int
    not_notified: int


def reconcile_summary(incidents) -> ReconcileSummary:
    incidents = list(incidents)
    natures = Counter(incident.nature for incident in incidents)
    by_nature = [(label, natures[value]) for value, label in IncidentNature.choices]
    if natures[""]:
        by_nature.append(("Not recorded", natures[""]))
    days_late = notification_days_late(incidents)
    late = sum(1 for days in days_late.values() if days > 0)
    return ReconcileSummary(
        total=len(incidents),
        by_nature=by_nature,
        notified_on_time=len(days_late) - late,
        notified_late=late,
        not_notified=sum(1 for incident in incidents if not incident.notified_on),
    )
