"""The reviewer's read-only integrated chronology: the entries of the rapid reviews the review came from,
in the chronology's order, 100 a page, one rapid review at a time, never before the declaration."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from conftest import make_incident, make_user
from cspr.chronology.models import ChronologyEntry, EventType
from cspr.chronology.tests.records import add_entry, open_rapid_review, request_return

from .records import appoint_reviewer
from .running_records import TODAY, build_review


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def review(partnership, agency, incident, independent_reviewer, agency_lead):
    return build_review(partnership, agency, incident, independent_reviewer, agency_lead)


@pytest.fixture
def returns(review, agency, other_agency):
    """The review's rapid review with a return from each of two agencies."""
    rapid_review = review.rapid_reviews.get()
    return request_return(rapid_review, agency), request_return(rapid_review, other_agency)


def url(review, **params) -> str:
    base = reverse("practice_reviews:chronology", args=[review.pk])
    return base + ("?" + "&".join(f"{key}={value}" for key, value in params.items()) if params else "")


def test_declared_reviewer_reads_every_agency_in_date_order_with_gaps(
    client, independent_reviewer, review, returns
):
    police, gp = returns
    add_entry(gp, dt.date(2025, 9, 3), facts="Registered with the practice.")
    add_entry(police, dt.date(2026, 10, 1), facts="Officers attended the address.")
    merged_into = add_entry(police, dt.date(2026, 10, 2), facts="Follow-up visit.")
    add_entry(
        gp, dt.date(2026, 10, 2), facts="Same visit, as the practice recorded it.", merged_into=merged_into
    )
    client.force_login(independent_reviewer)
    response = client.get(url(review))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.index("Registered with the practice.") < page.index("Officers attended the address.")
    assert "Follow-up visit." in page
    assert "Same visit, as the practice recorded it." not in page  # merged entries are left out
    assert "chronology-gap" in page  # thirteen months with no contact
    assert "3 entries" in page


def test_the_page_is_read_only(client, business_manager, review, returns):
    add_entry(returns[0], dt.date(2026, 10, 1))
    client.force_login(business_manager)
    page = client.get(url(review)).content.decode()
    assert "<form" not in page.split("<main", 1)[1]
    assert client.post(url(review)).status_code == 405


def test_a_hundred_entries_a_page(client, business_manager, review, returns):
    police = returns[0]
    ChronologyEntry.objects.bulk_create(
        ChronologyEntry(
            partnership=police.partnership,
            rapid_review=police.rapid_review,
            agency_return=police,
            agency=police.agency,
            start_on=dt.date(2026, 1, 1) + dt.timedelta(days=number),
            source_reference=f"Log {number}",
            event_type=EventType.POLICE_INCIDENT,
            facts=f"Entry number {number:03d}.",
        )
        for number in range(101)
    )
    client.force_login(business_manager)
    first = client.get(url(review)).content.decode()
    assert "Entry number 099." in first and "Entry number 100." not in first
    second = client.get(url(review, page=2)).content.decode()
    assert "Entry number 100." in second and "Entry number 099." not in second


def test_a_thematic_review_shows_one_rapid_review_at_a_time(
    client, independent_reviewer, partnership, agency, review, returns
):
    add_entry(returns[0], dt.date(2026, 10, 1), facts="First child's entry.")
    second_incident = make_incident(partnership, agency=agency, reference="2026/002")
    second = open_rapid_review(second_incident)
    review.rapid_reviews.add(second)
    add_entry(request_return(second, agency), dt.date(2026, 8, 1), facts="Second child's entry.")
    client.force_login(independent_reviewer)
    page = client.get(url(review)).content.decode()
    assert "First child&#x27;s entry." in page and "Second child" not in page
    assert "Incident 2026/002" in page
    other = client.get(url(review, rapid_review=second.pk)).content.decode()
    assert "Second child&#x27;s entry." in other and "First child" not in other


def test_entries_of_rapid_reviews_outside_the_review_are_not_shown(
    client, independent_reviewer, partnership, agency, review, returns
):
    unrelated = open_rapid_review(make_incident(partnership, agency=agency, reference="2026/009"))
    add_entry(request_return(unrelated, agency), dt.date(2026, 8, 1), facts="Another family's entry.")
    client.force_login(independent_reviewer)
    page = client.get(url(review, rapid_review=unrelated.pk)).content.decode()
    assert "Another family" not in page
    assert "2026/009" not in page


def test_no_entries_yet(client, business_manager, review):
    client.force_login(business_manager)
    assert "have no chronology entries" in client.get(url(review)).content.decode()


def test_never_before_the_declaration_nor_after_access_ends(client, partnership, review, returns):
    add_entry(returns[0], dt.date(2026, 10, 1))
    newcomer = make_user("independent_reviewer", partnership, email="newcomer@example.test")
    assignment = appoint_reviewer(review, newcomer, declared=False)
    client.force_login(newcomer)
    assert client.get(url(review)).status_code == 404
    assignment.declaration = "no_conflict"
    assignment.save()
    assert client.get(url(review)).status_code == 200
    assignment.ended_on = dt.date(2027, 1, 19)
    assignment.save()
    assert client.get(url(review)).status_code == 404


def test_the_review_panel_does_not_read_the_whole_chronology(client, agency_lead, review, returns):
    client.force_login(agency_lead)
    assert client.get(url(review)).status_code == 403
