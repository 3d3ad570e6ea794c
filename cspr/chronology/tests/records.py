"""Records the chronology's page tests share: a rapid review with the returns of two agencies."""

import datetime as dt

from cspr.chronology.models import ChronologyEntry, EventType
from cspr.incidents.models import IncidentStatus
from cspr.rapid_reviews.models import AgencyReturn, RapidReview

NOTIFIED_ON = dt.date(2026, 11, 24)


def open_rapid_review(incident) -> RapidReview:
    incident.notified_on = NOTIFIED_ON
    incident.status = IncidentStatus.NOTIFIED
    incident.save()
    return RapidReview.objects.create(
        partnership=incident.partnership,
        incident=incident,
        opened_on=NOTIFIED_ON,
        notified_on=NOTIFIED_ON,
        aware_on=incident.aware_on,
    )


def request_return(rapid_review, agency) -> AgencyReturn:
    return AgencyReturn.objects.create(
        partnership=rapid_review.partnership,
        rapid_review=rapid_review,
        agency=agency,
        requested_on=NOTIFIED_ON,
        due_on=dt.date(2026, 12, 1),
    )


def add_entry(agency_return, on, facts="Officers attended the address.", **fields) -> ChronologyEntry:
    values = {
        "start_precision": "day",
        "source_reference": "Record 1",
        "event_type": EventType.HOME_VISIT,
        "facts": facts,
        **fields,
    }
    return ChronologyEntry.objects.create(
        partnership=agency_return.partnership,
        rapid_review=agency_return.rapid_review,
        agency_return=agency_return,
        agency=agency_return.agency,
        start_on=on,
        **values,
    )
