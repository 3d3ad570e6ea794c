"""Due in the next fortnight (a partnership's people) and overdue rapid reviews (the Panel)."""

import csv
import datetime as dt
import io
import re

import pytest
from django.urls import reverse

from conftest import make_incident
from cspr.audit.models import AuditAction, AuditEvent
from cspr.deadlines.clock import record_step_completion
from cspr.incidents.models import IncidentStatus

FORTNIGHT = reverse("deadlines:fortnight")
EXPORT = reverse("deadlines:fortnight-export")
PANEL = reverse("deadlines:panel-overdue")


@pytest.fixture(autouse=True)
def thursday_26_november_2026(time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 26, 10, 0, tzinfo=dt.UTC), tick=False)


@pytest.fixture
def late_incident(partnership, other_agency):
    """Aware 2 November: its notification was due 9 November and is overdue."""
    return make_incident(
        partnership, agency=other_agency, reference="2026/000", aware_on=dt.date(2026, 11, 2)
    )


def test_the_fortnight_lists_overdue_deadlines_first_then_those_due_soon(
    client, business_manager, incident, late_incident
):
    client.force_login(business_manager)
    page = client.get(FORTNIGHT).content.decode()
    assert page.index("2026/000") < page.index("2026/001")
    assert "Overdue by 13 working days" in page
    assert "Due in 2 working days" in page
    assert "30 November 2026" in page
    assert f'href="/incidents/{incident.pk}/"' in page
    assert "5 deadlines, 2 overdue" in page
    # 2026/001's rapid review (21 December) is more than 10 working days away.
    assert "21 December 2026" not in page
    assert "Kai" not in page and "Child K" not in page


def test_done_steps_are_not_listed(client, business_manager, incident):
    record_step_completion(incident, "notification", dt.date(2026, 11, 25), actor=business_manager)
    client.force_login(business_manager)
    page = client.get(FORTNIGHT).content.decode()
    assert "Serious incident notification to the Panel due" not in page
    assert "Safeguarding partners informed of the notification due" in page


def test_agency_leads_see_only_their_incidents(
    client, agency_lead, other_agency_lead, incident, late_incident
):
    client.force_login(other_agency_lead)
    page = client.get(FORTNIGHT).content.decode()
    assert "2026/000" in page and "2026/001" not in page
    client.force_login(agency_lead)
    page = client.get(FORTNIGHT).content.decode()
    assert "2026/001" in page and "2026/000" not in page


def test_another_partnership_sees_nothing_of_ours(client, other_business_manager, incident):
    client.force_login(other_business_manager)
    page = client.get(FORTNIGHT).content.decode()
    assert "Nothing is due in the next fortnight" in page


def test_nothing_due_shows_the_empty_state(client, business_manager):
    client.force_login(business_manager)
    page = client.get(FORTNIGHT).content.decode()
    assert "Nothing is due in the next fortnight" in page
    assert "Download these deadlines" not in page


def test_planned_deadlines_say_so(client, business_manager, partnership):
    # Aware 16 November: the notification is overdue and the planned rapid review falls in the fortnight.
    make_incident(partnership, reference="2026/003", aware_on=dt.date(2026, 10, 26))
    client.force_login(business_manager)
    page = client.get(FORTNIGHT).content.decode()
    assert "Planned: assumes the step before is done on the day it is due" in page


def test_the_export_has_the_same_rows_and_is_audited(client, business_manager, incident, late_incident):
    client.force_login(business_manager)
    response = client.get(EXPORT)
    assert response["Content-Disposition"] == 'attachment; filename="deadlines-2026-11-26.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "Incident",
        "Step",
        "Responsible",
        "Due date",
        "Status",
        "Working days",
        "Planned date",
    ]
    assert rows[1] == [
        "2026/000",
        "Serious incident notification to the Panel due",
        "local authority",
        "2026-11-09",
        "Overdue by 13 working days",
        "13",
        "no",
    ]
    assert len(rows) == 6
    assert "Kai" not in response.content.decode()
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert event.object_repr == "Deadlines due in the next fortnight, 5 rows"


def notified(partnership, reference, notified_on, **fields):
    return make_incident(
        partnership,
        reference=reference,
        status=IncidentStatus.NOTIFIED,
        aware_on=notified_on - dt.timedelta(days=3),
        notified_on=notified_on,
        **fields,
    )


@pytest.fixture
def panel_cases(partnership, other_partnership, business_manager):
    cases = {
        # Notified Monday 2 November: rapid review due Monday 23 November, 3 working days overdue.
        "north_late": notified(partnership, "2026/010", dt.date(2026, 11, 2)),
        # Notified Monday 26 October: due Monday 16 November, 8 working days overdue.
        "south_later": notified(other_partnership, "2026/020", dt.date(2026, 10, 26)),
        # Notified 20 November: not due yet.
        "north_in_time": notified(partnership, "2026/011", dt.date(2026, 11, 20)),
        "north_done": notified(partnership, "2026/012", dt.date(2026, 10, 1)),
        # Not notified: the Panel does not see it at all.
        "north_unnotified": make_incident(partnership, reference="2026/013", aware_on=dt.date(2026, 9, 1)),
    }
    record_step_completion(cases["north_done"], "rapid_review", dt.date(2026, 10, 20), actor=business_manager)
    return cases


def test_the_panel_sees_overdue_rapid_reviews_most_overdue_first(client, panel_member, panel_cases):
    client.force_login(panel_member)
    page = client.get(PANEL).content.decode()
    assert "2 overdue rapid reviews" in page
    assert page.index("2026/020") < page.index("2026/010")
    assert "Southshire" in page and "16 November 2026" in page and "26 October 2026" in page
    for hidden in ("2026/011", "2026/012", "2026/013"):
        assert hidden not in page
    overdue_days = re.findall(r'govuk-table__cell--numeric">(\d+)</td>', page)
    assert overdue_days == ["8", "3"]


def test_the_panel_filters_by_partnership(client, panel_member, panel_cases, partnership):
    client.force_login(panel_member)
    page = client.get(PANEL, {"partnership": partnership.slug}).content.decode()
    assert "1 overdue rapid review" in page
    assert "2026/010" in page and "2026/020" not in page


def test_the_panel_sees_an_empty_state(client, panel_member, partnership):
    notified(partnership, "2026/011", dt.date(2026, 11, 20))
    client.force_login(panel_member)
    page = client.get(PANEL).content.decode()
    assert "No rapid reviews are overdue" in page
