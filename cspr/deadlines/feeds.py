"""A person's calendar feed: the open deadlines they own, as all-day events of an iCalendar file.

Calendar programs fetch the feed without signing in, through a secret address; so the feed says as little
as it can: the incident's reference and the step, never a child's name or anything about the case.
Each event's UID is fixed per incident and step, so a moved deadline moves the event instead of adding one.
"""

import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from cspr.core.templatetags.govuk import govuk_date
from cspr.incidents.models import Incident

from .clock import deadlines_of
from .owners import step_owners

PLANNED = "Planned date: it assumes the step before is done on the day it is due."


def owned_open_deadlines(user, today: dt.date | None = None):
    """The open deadlines of incidents this user may see whose step they own, soonest first."""
    incidents = (
        Incident.objects.visible_to(user).select_related("notifier").prefetch_related("agencies_involved")
    )
    return [
        item
        for item in deadlines_of(incidents, today)
        if item.status.is_open and step_owners(item.incident, item.status.step).includes(user)
    ]


def calendar_for(user, today: dt.date | None = None) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//cspr//Safeguarding case review deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{settings.SERVICE_NAME}: your deadlines")
    host = urlsplit(settings.SITE_URL).hostname or "cspr"
    stamp = timezone.now()
    for item in owned_open_deadlines(user, today):
        incident, status = item.incident, item.status
        event = Event()
        event.add("uid", f"incident-{incident.pk}-{status.step.code}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", status.due_on)
        event.add("dtend", status.due_on + dt.timedelta(days=1))
        event.add("summary", f"{incident.reference}: {status.step.title}")
        planned = f"\n{PLANNED}" if status.assumed else ""
        event.add(
            "description",
            f"Due {govuk_date(status.due_on)}. Responsible: {status.step.responsible}.{planned}\n"
            f"{settings.SITE_URL}{incident.get_absolute_url()}",
        )
        event.add("url", f"{settings.SITE_URL}{incident.get_absolute_url()}")
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()
