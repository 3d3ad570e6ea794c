"""The incident register: who sees which incidents, filters, sorting, pagination and empty states."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from conftest import make_incident
from cspr.deadlines.models import StepCompletion
from cspr.incidents.models import IncidentNature, IncidentStatus

REGISTER = reverse("incidents:register")
# Thursday 26 November 2026: the fixture incident (aware Monday 23 November) is due Monday 30 November.
TODAY = dt.datetime(2026, 11, 26, 12, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


def references(response) -> list[str]:
    """The incident references in the register's rows, in order."""
    return re.findall(r'<a class="govuk-link" href="/incidents/\d+/">([^<]+)</a>', response.content.decode())


def get(client, user, **params):
    client.force_login(user)
    response = client.get(REGISTER, params)
    assert response.status_code == 200
    return response


def test_business_manager_sees_the_register_with_pseudonyms_and_next_deadline(
    client, business_manager, incident, other_incident
):
    response = get(client, business_manager)
    html = response.content.decode()
    assert references(response) == ["2026/001"]
    assert "Child K" in html
    assert "Kai Testchild" not in html
    assert "Serious harm" in html
    assert "21 November 2026" in html and "23 November 2026" in html
    assert "govuk-tag--yellow" in html and "Notification due" in html
    assert "Due in 2 working days" in html
    assert "Serious incident notification to the Panel due: 30 November 2026" in html
    assert "1 incident\n" in html


def test_agency_lead_sees_only_incidents_of_their_agency(
    client, partnership, agency, other_agency, agency_lead, other_agency_lead
):
    make_incident(partnership, agency=agency, reference="2026/001")
    make_incident(partnership, agency=other_agency, reference="2026/002")
    make_incident(partnership, reference="2026/003")
    assert references(get(client, agency_lead)) == ["2026/001"]
    assert references(get(client, other_agency_lead)) == ["2026/002"]


def test_agency_lead_also_sees_incidents_their_agency_is_involved_in(
    client, partnership, agency, agency_lead
):
    involved = make_incident(partnership, reference="2026/004")
    involved.agencies_involved.add(agency)
    assert references(get(client, agency_lead)) == ["2026/004"]


def test_other_partnership_sees_none_of_our_incidents(client, incident, other_business_manager):
    response = get(client, other_business_manager)
    assert references(response) == []
    assert "No incidents yet" in response.content.decode()


def test_brand_new_partnership_is_told_there_are_no_incidents_yet(client, business_manager):
    html = get(client, business_manager).content.decode()
    assert "No incidents yet" in html
    assert "Apply filters" not in html


def test_filters_that_match_nothing_say_so(client, business_manager, incident):
    html = get(client, business_manager, status=IncidentStatus.NOTIFIED).content.decode()
    assert "No incidents match these filters" in html
    assert "No incidents yet" not in html


def test_panel_member_sees_notified_incidents_of_every_partnership(
    client, partnership, other_partnership, panel_member
):
    make_incident(partnership, reference="2026/001")
    make_incident(
        partnership, reference="2026/002", status=IncidentStatus.NOTIFIED, notified_on=dt.date(2026, 11, 24)
    )
    make_incident(
        other_partnership,
        reference="2026/007",
        status=IncidentStatus.NOTIFIED,
        notified_on=dt.date(2026, 11, 25),
    )
    response = get(client, panel_member, sort="reference")
    html = response.content.decode()
    assert "National register of notified incidents" in html
    assert references(response) == ["2026/002", "2026/007"]
    assert "Northshire" in html and "Southshire" in html
    assert "Kai Testchild" not in html


def test_panel_member_can_filter_by_partnership(client, partnership, other_partnership, panel_member):
    notified = {"status": IncidentStatus.NOTIFIED, "notified_on": dt.date(2026, 11, 24)}
    make_incident(partnership, reference="2026/002", **notified)
    make_incident(other_partnership, reference="2026/007", **notified)
    assert references(get(client, panel_member, partnership=other_partnership.pk)) == ["2026/007"]


def test_filter_by_status_year_and_nature(client, partnership, business_manager):
    make_incident(partnership, reference="2026/001")
    make_incident(partnership, reference="2026/002", nature=IncidentNature.DEATH)
    make_incident(
        partnership,
        reference="2025/001",
        status=IncidentStatus.NOT_NOTIFIABLE,
        aware_on=dt.date(2025, 3, 4),
        incident_on=dt.date(2025, 3, 1),
    )
    assert references(get(client, business_manager, status=IncidentStatus.NOT_NOTIFIABLE)) == ["2025/001"]
    assert set(references(get(client, business_manager, year=2026))) == {"2026/001", "2026/002"}
    assert references(get(client, business_manager, nature=IncidentNature.DEATH)) == ["2026/002"]
    assert references(get(client, business_manager, year=2026, nature=IncidentNature.SERIOUS_HARM)) == [
        "2026/001"
    ]


def test_year_not_in_the_register_is_an_error_and_ignored(client, business_manager, incident):
    response = get(client, business_manager, year=1999)
    html = response.content.decode()
    assert "Select a year from the list" in html
    assert "govuk-form-group--error" in html
    assert references(response) == ["2026/001"]


def test_overdue_only(client, partnership, business_manager):
    make_incident(partnership, reference="2026/001")  # due 30 November
    make_incident(partnership, reference="2026/002", aware_on=dt.date(2026, 11, 2))  # due 9 November
    response = get(client, business_manager, overdue="on")
    assert references(response) == ["2026/002"]
    assert "Overdue by 13 working days" in response.content.decode()


def test_default_sort_is_next_deadline_soonest_first_and_none_last(client, partnership, business_manager):
    make_incident(partnership, reference="2026/001", aware_on=dt.date(2026, 11, 24))
    make_incident(partnership, reference="2026/002", aware_on=dt.date(2026, 11, 20))
    make_incident(partnership, reference="2026/003", status=IncidentStatus.NOT_NOTIFIABLE)
    make_incident(partnership, reference="2026/004", aware_on=dt.date(2026, 11, 25))
    assert references(get(client, business_manager)) == ["2026/002", "2026/001", "2026/004", "2026/003"]
    assert references(get(client, business_manager, direction="desc")) == [
        "2026/004",
        "2026/001",
        "2026/002",
        "2026/003",
    ]


def test_completed_steps_are_not_the_next_deadline(client, partnership, business_manager):
    incident = make_incident(partnership, reference="2026/001")
    for code in ("notification", "safeguarding_partners_informed"):
        StepCompletion.objects.create(
            partnership=partnership,
            incident=incident,
            step_code=code,
            due_on=dt.date(2026, 11, 30),
            completed_on=dt.date(2026, 11, 25),
            working_days_late=-3,
        )
    html = get(client, business_manager).content.decode()
    # Until the notification date is recorded, the rapid review is planned from the notification's due day.
    assert "Rapid review due: 21 December 2026" in html


@pytest.mark.parametrize(
    ("sort", "ascending"),
    [
        ("reference", ["2026/001", "2026/002", "2026/003"]),
        ("aware", ["2026/003", "2026/001", "2026/002"]),
        ("incident", ["2026/002", "2026/003", "2026/001"]),
    ],
)
def test_sort_by_column_both_ways(client, partnership, business_manager, sort, ascending):
    make_incident(
        partnership, reference="2026/001", aware_on=dt.date(2026, 11, 20), incident_on=dt.date(2026, 11, 19)
    )
    make_incident(
        partnership, reference="2026/002", aware_on=dt.date(2026, 11, 24), incident_on=dt.date(2026, 10, 1)
    )
    make_incident(
        partnership, reference="2026/003", aware_on=dt.date(2026, 11, 18), incident_on=dt.date(2026, 11, 1)
    )
    assert references(get(client, business_manager, sort=sort)) == ascending
    assert references(get(client, business_manager, sort=sort, direction="desc")) == ascending[::-1]


def test_pagination_shows_25_a_page_and_keeps_the_filters(client, partnership, business_manager):
    for number in range(1, 31):
        make_incident(partnership, reference=f"2026/{number:03d}")
    first = get(client, business_manager, sort="reference")
    html = first.content.decode()
    assert references(first) == [f"2026/{number:03d}" for number in range(1, 26)]
    assert "30 incidents, showing 1 to 25" in html
    assert "?sort=reference&amp;page=2" in html
    second = get(client, business_manager, sort="reference", page=2)
    assert references(second) == [f"2026/{number:03d}" for number in range(26, 31)]
    assert "30 incidents, showing 26 to 30" in second.content.decode()


def test_pagination_when_sorted_by_deadline(client, partnership, business_manager):
    for number in range(1, 28):
        make_incident(
            partnership, reference=f"2026/{number:03d}", aware_on=dt.date(2026, 11, 25 - number // 9)
        )
    assert len(references(get(client, business_manager))) == 25
    assert len(references(get(client, business_manager, page=2))) == 2


def test_reconcile_summary_counts_by_nature_and_timeliness(client, partnership, business_manager):
    make_incident(partnership, reference="2026/001")
    make_incident(
        partnership,
        reference="2026/002",
        nature=IncidentNature.DEATH,
        status=IncidentStatus.NOTIFIED,
        aware_on=dt.date(2026, 11, 2),
        notified_on=dt.date(2026, 11, 6),
    )
    late = make_incident(
        partnership,
        reference="2026/003",
        status=IncidentStatus.NOTIFIED,
        aware_on=dt.date(2026, 11, 2),
        notified_on=dt.date(2026, 11, 12),
    )
    StepCompletion.objects.create(
        partnership=partnership,
        incident=late,
        step_code="notification",
        due_on=dt.date(2026, 11, 9),
        completed_on=dt.date(2026, 11, 12),
        working_days_late=3,
    )
    html = get(client, business_manager, year=2026).content.decode()
    assert "Reconcile your figures for 2026" in html
    summary = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.split("Reconcile your figures")[1]))
    assert "Death 1" in summary
    assert "Serious harm 2" in summary
    assert "Notified within 5 working days 1" in summary
    assert "Notified late 1" in summary
    assert "Not notified to the Panel 1" in summary


def test_export_links_only_for_business_managers(client, business_manager, review_group_member, incident):
    html = get(client, business_manager, year=2026).content.decode()
    assert f"{reverse('incidents:export')}?year=2026&amp;format=xlsx" in html
    assert "Download these incidents (CSV)" in html
    assert "Download these incidents" not in get(client, review_group_member).content.decode()
