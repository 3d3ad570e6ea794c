"""The statutory and local steps of a case review, and how long each may take: deadlines as data.

One row per step, so "when is the rapid review due?" has one answer, its source in the guidance, and whether a
partnership may change it. Statutory figures come from Working Together to Safeguard Children 2023,
chapter 5 ("WT 2023"); local figures are the typical partnership plan, defaults a partnership may change.
`cspr.clock.deadlines.compute_deadlines` turns the table and the known trigger dates into due dates.
"""

import datetime as dt
from calendar import monthrange
from dataclasses import dataclass
from enum import StrEnum

from .errors import UnknownStep, UnknownTrigger
from .working_days import WorkingDayCalendar

WT_2023 = "Working Together to Safeguard Children 2023, chapter 5"
LOCAL_PRACTICE = "local practice"


class Unit(StrEnum):
    WORKING_DAYS = "working days"
    CALENDAR_DAYS = "calendar days"
    CALENDAR_MONTHS = "calendar months"


class Kind(StrEnum):
    STATUTORY = "statutory"
    LOCAL = "local"


@dataclass(frozen=True)
class Trigger:
    """An event that starts one or more clocks.

    `assumed_from` names the step whose due date stands in for the event until it is recorded: until the
    notification is sent, we plan the rapid review as if it were sent on the day it is due.
    """

    name: str
    description: str
    assumed_from: str | None = None


@dataclass(frozen=True)
class Step:
    """One deadline: `length` `unit`s after (or `before`) its trigger, the responsible role and the source."""

    code: str
    title: str
    trigger: str
    length: int
    unit: Unit
    responsible: str
    source: str
    kind: Kind
    partnership_may_change: bool
    before: bool = False

    def due_date(self, start: dt.date, calendar: WorkingDayCalendar, length: int | None = None) -> dt.date:
        """The date this step is due when its trigger happened on `start` (`length` overrides the default)."""
        amount = self.length if length is None else length
        amount = -amount if self.before else amount
        if self.unit is Unit.WORKING_DAYS:
            return calendar.add_working_days(start, amount)
        if self.unit is Unit.CALENDAR_DAYS:
            return start + dt.timedelta(days=amount)
        return add_calendar_months(start, amount)


def add_calendar_months(start: dt.date, months: int) -> dt.date:
    """The same day of the month `months` later (or earlier), clamped to the last day of a shorter month.

    So 31 August + 6 months is 28 February (29 in a leap year), and 29 February 2024 + 12 months is
    28 February 2025: a deadline never spills into the following month.
    """
    year, month_index = divmod(start.year * 12 + start.month - 1 + months, 12)
    last_day = monthrange(year, month_index + 1)[1]
    return dt.date(year, month_index + 1, min(start.day, last_day))


TRIGGERS = {
    trigger.name: trigger
    for trigger in (
        Trigger("aware", "the local authority became aware of the serious incident"),
        Trigger("notified", "the serious incident notification was sent to the Panel", "notification"),
        Trigger("agency_request_sent", "the request for an agency return was sent to the agency"),
        Trigger("rapid_review_sent", "the rapid review was sent to the Panel", "rapid_review"),
        Trigger("practice_review_decided", "the partners decided to initiate a local practice review"),
        Trigger("publication", "the practice review report is published", "practice_review_published"),
        Trigger("care_leaver_death_aware", "the local authority became aware of the death of a care leaver"),
    )
}

# Grouped by trigger, in the order the case review goes.
STEPS = (
    Step(
        code="notification",
        title="Serious incident notification to the Panel due",
        trigger="aware",
        length=5,
        unit=Unit.WORKING_DAYS,
        responsible="local authority",
        source=f"{WT_2023}: notify the Panel within 5 working days of becoming aware",
        kind=Kind.STATUTORY,
        partnership_may_change=False,
    ),
    Step(
        code="safeguarding_partners_informed",
        title="Safeguarding partners informed of the notification due",
        trigger="aware",
        length=5,
        unit=Unit.WORKING_DAYS,
        responsible="local authority",
        source=f"{WT_2023}: the local authority also informs the safeguarding partners within those 5 days",
        kind=Kind.STATUTORY,
        partnership_may_change=False,
    ),
    Step(
        code="rapid_review",
        title="Rapid review due",
        trigger="notified",
        length=15,
        unit=Unit.WORKING_DAYS,
        responsible="safeguarding partners",
        source=f"{WT_2023}: rapid review within 15 working days of the notification being sent to the Panel",
        kind=Kind.STATUTORY,
        partnership_may_change=False,
    ),
    Step(
        code="rapid_review_from_aware",
        title="Rapid review due (counted from becoming aware, as in Working Together 2018)",
        trigger="aware",
        length=15,
        unit=Unit.WORKING_DAYS,
        responsible="safeguarding partners",
        source="Working Together to Safeguard Children 2018 (superseded): 15 working days from awareness",
        kind=Kind.STATUTORY,
        partnership_may_change=False,
    ),
    Step(
        code="agency_leads_contacted",
        title="Letters to agency leads asking for agency returns due",
        trigger="notified",
        length=1,
        unit=Unit.WORKING_DAYS,
        responsible="partnership business unit",
        source=f"{LOCAL_PRACTICE}: rapid review plan, day 1 letters to agency leads",
        kind=Kind.LOCAL,
        partnership_may_change=True,
    ),
    Step(
        code="agency_return",
        title="Agency returns (individual agency summaries) due",
        trigger="notified",
        length=10,
        unit=Unit.WORKING_DAYS,
        responsible="agency lead",
        source=f"{LOCAL_PRACTICE}: rapid review plan, days 2 to 10 agency summaries",
        kind=Kind.LOCAL,
        partnership_may_change=True,
    ),
    Step(
        code="agency_return_request",
        title="Agency return due after the request",
        trigger="agency_request_sent",
        length=5,
        unit=Unit.WORKING_DAYS,
        responsible="agency lead",
        source=f"{LOCAL_PRACTICE}: each agency's return is due a few working days after its request",
        kind=Kind.LOCAL,
        partnership_may_change=True,
    ),
    Step(
        code="review_group_meeting",
        title="Review group meeting on the rapid review due",
        trigger="notified",
        length=12,
        unit=Unit.WORKING_DAYS,
        responsible="review group",
        source=f"{LOCAL_PRACTICE}: rapid review plan, days 10 to 12 review group",
        kind=Kind.LOCAL,
        partnership_may_change=True,
    ),
    Step(
        code="partners_sign_off",
        title="Safeguarding partners sign off the rapid review",
        trigger="notified",
        length=15,
        unit=Unit.WORKING_DAYS,
        responsible="executive",
        source=f"{LOCAL_PRACTICE}: rapid review plan, days 12 to 15 partners sign off",
        kind=Kind.LOCAL,
        partnership_may_change=True,
    ),
    Step(
        code="panel_response",
        title="Panel response to the rapid review expected",
        trigger="rapid_review_sent",
        length=10,
        unit=Unit.WORKING_DAYS,
        responsible="the Panel",
        source=f"{LOCAL_PRACTICE}: Panel response locally reported as about 10 days; not statutory",
        kind=Kind.LOCAL,
        partnership_may_change=True,
    ),
    Step(
        code="reviewer_appointed",
        title="Independent reviewer appointed, with a conflict of interest declaration",
        trigger="practice_review_decided",
        length=15,
        unit=Unit.WORKING_DAYS,
        responsible="partnership business unit",
        source=f"{LOCAL_PRACTICE}: reviewer commissioned within about three weeks of the decision",
        kind=Kind.LOCAL,
        partnership_may_change=True,
    ),
    Step(
        code="practice_review_notices",
        title="Panel, Ofsted and DfE told of the review, naming the reviewer",
        trigger="practice_review_decided",
        length=20,
        unit=Unit.WORKING_DAYS,
        responsible="safeguarding partners",
        source=f"{LOCAL_PRACTICE}: 20 working days to tell the Panel, Ofsted and DfE ({WT_2023}: inform "
        "them of a local review and name the reviewer)",
        kind=Kind.LOCAL,
        partnership_may_change=True,
    ),
    Step(
        code="terms_of_reference_agreed",
        title="Terms of reference agreed",
        trigger="practice_review_decided",
        length=20,
        unit=Unit.WORKING_DAYS,
        responsible="safeguarding partners",
        source=f"{LOCAL_PRACTICE}: scope, key lines of enquiry and methodology agreed at the start",
        kind=Kind.LOCAL,
        partnership_may_change=True,
    ),
    Step(
        code="family_invited",
        title="Family invited to take part in the review",
        trigger="practice_review_decided",
        length=20,
        unit=Unit.WORKING_DAYS,
        responsible="independent reviewer",
        source=f"{LOCAL_PRACTICE}: 20 working days ({WT_2023}: the family are invited when it is "
        "commissioned)",
        kind=Kind.LOCAL,
        partnership_may_change=True,
    ),
    Step(
        code="practitioner_event",
        title="Practitioner event held",
        trigger="practice_review_decided",
        length=3,
        unit=Unit.CALENDAR_MONTHS,
        responsible="independent reviewer",
        source=f"{LOCAL_PRACTICE}: practitioners take part through learning events mid-review",
        kind=Kind.LOCAL,
        partnership_may_change=True,
    ),
    Step(
        code="first_draft_report",
        title="First draft of the report received",
        trigger="practice_review_decided",
        length=4,
        unit=Unit.CALENDAR_MONTHS,
        responsible="independent reviewer",
        source=f"{LOCAL_PRACTICE}: a draft two months before publication leaves time for quality assurance",
        kind=Kind.LOCAL,
        partnership_may_change=True,
    ),
    Step(
        code="final_report_signed_off",
        title="Final report quality assured and signed off by the executive",
        trigger="practice_review_decided",
        length=5,
        unit=Unit.CALENDAR_MONTHS,
        responsible="executive",
        source=f"{LOCAL_PRACTICE}: sign-off a month before publication, for the copies and the family",
        kind=Kind.LOCAL,
        partnership_may_change=True,
    ),
    Step(
        code="learning_review_completed",
        title="Learning review completed and its learning shared",
        trigger="practice_review_decided",
        length=6,
        unit=Unit.CALENDAR_MONTHS,
        responsible="safeguarding partners",
        source=f"{LOCAL_PRACTICE}: other learning reviews are not statutory; the CSPR's 6 months by default",
        kind=Kind.LOCAL,
        partnership_may_change=True,
    ),
    Step(
        code="practice_review_published",
        title="Local practice review completed and published",
        trigger="practice_review_decided",
        length=6,
        unit=Unit.CALENDAR_MONTHS,
        responsible="safeguarding partners",
        source=f"{WT_2023}: completed and published within 6 months of the decision to initiate",
        kind=Kind.STATUTORY,
        partnership_may_change=True,
    ),
    Step(
        code="final_report_to_panel",
        title="Final report sent to the Panel and the Secretary of State before publication",
        trigger="publication",
        length=7,
        unit=Unit.WORKING_DAYS,
        before=True,
        responsible="safeguarding partners",
        source=f"{WT_2023}: final report to the Panel and the Secretary of State before publication; "
        "7 working days before is common practice",
        kind=Kind.STATUTORY,
        partnership_may_change=True,
    ),
    Step(
        code="family_sees_report",
        title="Family shown the report before publication",
        trigger="publication",
        length=10,
        unit=Unit.WORKING_DAYS,
        before=True,
        responsible="independent reviewer",
        source=f"{LOCAL_PRACTICE}: 10 working days before ({WT_2023}: the family see the report before "
        "publication)",
        kind=Kind.LOCAL,
        partnership_may_change=True,
    ),
    Step(
        code="publication_kept_until",
        title="Published report kept on the partnership's website until at least",
        trigger="publication",
        length=12,
        unit=Unit.CALENDAR_MONTHS,
        responsible="partnership business unit",
        source=f"{WT_2023}: published reports stay on the partnership's website for at least 12 months",
        kind=Kind.STATUTORY,
        partnership_may_change=False,
    ),
    Step(
        code="care_leaver_notification",
        title="Death of a care leaver (up to and including age 24) notified to DfE and Ofsted",
        trigger="care_leaver_death_aware",
        length=5,
        unit=Unit.WORKING_DAYS,
        responsible="local authority",
        source=f"{WT_2023}: notify DfE and Ofsted; 5 working days from becoming aware, as for a serious "
        "incident notification, in partnership procedures (not stated in our domain notes, so configurable)",
        kind=Kind.STATUTORY,
        partnership_may_change=True,
    ),
)

STEPS_BY_CODE = {step.code: step for step in STEPS}


def get_step(code: str) -> Step:
    """The step with this code, or `UnknownStep` naming it."""
    try:
        return STEPS_BY_CODE[code]
    except KeyError:
        raise UnknownStep(code) from None


def get_trigger(name: str) -> Trigger:
    """The trigger with this name, or `UnknownTrigger` naming it."""
    try:
        return TRIGGERS[name]
    except KeyError:
        raise UnknownTrigger(name) from None
