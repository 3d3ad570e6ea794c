"""The review panel (agency representatives; those with an account see the review) and the processes
running in parallel with the review (recorded because they affect timing and publication)."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from conftest import make_user
from cspr.partnerships.models import Agency
from cspr.practice_reviews.models import ParallelProcess, ParallelProcessStatus, ReviewPanelMember

from .records import make_practice_review


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(dt.datetime(2026, 12, 10, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def review(partnership):
    return make_practice_review(partnership)


def add_member(client, review, **fields):
    data = {
        "agency": "",
        "organisation": "",
        "name": "",
        "role": "",
        "user": "",
        "added_on_day": "1",
        "added_on_month": "12",
        "added_on_year": "2026",
        **fields,
    }
    return client.post(reverse("practice_reviews:review-panel", args=[review.pk]), data)


def test_agency_lead_added_with_an_account_then_sees_the_review(
    client, business_manager, agency_lead, agency, review
):
    client.force_login(agency_lead)
    assert client.get(review.get_absolute_url()).status_code == 404
    client.force_login(business_manager)
    response = add_member(
        client, review, agency=str(agency.pk), role="Detective inspector", user=str(agency_lead.pk)
    )
    assert response.status_code == 302
    member = ReviewPanelMember.objects.get()
    assert member.name == agency_lead.full_name  # from the account, as the name was left blank
    assert member.agency == agency
    client.force_login(agency_lead)
    assert client.get(review.get_absolute_url()).status_code == 200

    client.force_login(business_manager)
    remove_url = reverse("practice_reviews:review-panel-remove", args=[review.pk, member.pk])
    assert client.get(remove_url).status_code == 200
    assert client.post(remove_url).status_code == 302
    assert not ReviewPanelMember.objects.exists()
    client.force_login(agency_lead)
    assert client.get(review.get_absolute_url()).status_code == 404


def test_member_of_another_organisation_needs_its_name(client, business_manager, review):
    client.force_login(business_manager)
    response = add_member(client, review, agency="other", name="Jo Member")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter the member&#x27;s organisation" in page
    assert 'value="Jo Member"' in page  # nothing typed is lost
    add_member(client, review, agency="other", organisation="Northshire Voluntary Action", name="Jo Member")
    assert ReviewPanelMember.objects.get().organisation_name == "Northshire Voluntary Action"


def test_member_without_account_needs_a_name(client, business_manager, agency, review):
    client.force_login(business_manager)
    response = add_member(client, review, agency=str(agency.pk))
    assert "Enter the member&#x27;s name" in response.content.decode()


def test_an_account_sits_on_the_panel_once(client, business_manager, agency_lead, agency, review):
    client.force_login(business_manager)
    add_member(client, review, agency=str(agency.pk), user=str(agency_lead.pk))
    response = add_member(client, review, agency=str(agency.pk), user=str(agency_lead.pk))
    assert "is already on the review panel" in response.content.decode()
    assert ReviewPanelMember.objects.count() == 1


def test_only_the_partnerships_agency_leads_are_offered(
    client, business_manager, agency_lead, other_partnership, review
):
    elsewhere = Agency.objects.create(partnership=other_partnership, name="Southshire Police", kind="police")
    stranger = make_user("agency_lead", other_partnership, elsewhere)
    client.force_login(business_manager)
    page = client.get(reverse("practice_reviews:review-panel", args=[review.pk])).content.decode()
    assert agency_lead.email in page
    assert stranger.email not in page


def test_member_of_another_review_cannot_be_removed_here(client, business_manager, partnership, review):
    other_review = make_practice_review(partnership, title="Child L")
    member = ReviewPanelMember.objects.create(
        partnership=partnership, practice_review=other_review, name="Sam", added_on=dt.date(2026, 12, 1)
    )
    client.force_login(business_manager)
    url = reverse("practice_reviews:review-panel-remove", args=[review.pk, member.pk])
    assert client.post(url).status_code == 404
    assert ReviewPanelMember.objects.filter(pk=member.pk).exists()


def process_data(**fields):
    return {
        "kind": "criminal_proceedings",
        "description": "Police investigation; trial expected next year.",
        "status": "ongoing",
        "expected_conclusion_on_day": "1",
        "expected_conclusion_on_month": "9",
        "expected_conclusion_on_year": "2027",
        "affects_publication": "on",
        **fields,
    }


def test_parallel_process_recorded_and_shown_as_ongoing(client, business_manager, review):
    client.force_login(business_manager)
    response = client.post(reverse("practice_reviews:parallel-add", args=[review.pk]), process_data())
    assert response.status_code == 302
    process = ParallelProcess.objects.get()
    assert process.affects_publication
    assert process.expected_conclusion_on == dt.date(2027, 9, 1)
    page = client.get(review.get_absolute_url()).content.decode()
    assert "1 parallel process still going on" in page
    assert "Expected to conclude 1 September 2027" in page


def test_concluding_a_parallel_process_needs_its_date(client, business_manager, review):
    process = ParallelProcess.objects.create(
        partnership=review.partnership, practice_review=review, kind="coroner"
    )
    client.force_login(business_manager)
    url = reverse("practice_reviews:parallel-edit", args=[review.pk, process.pk])
    response = client.post(url, process_data(kind="coroner", status="concluded"))
    assert "Enter the date the process concluded" in response.content.decode()
    response = client.post(
        url,
        process_data(
            kind="coroner",
            status="concluded",
            concluded_on_day="8",
            concluded_on_month="12",
            concluded_on_year="2026",
        ),
    )
    assert response.status_code == 302
    process.refresh_from_db()
    assert process.status == ParallelProcessStatus.CONCLUDED
    assert process.concluded_on == dt.date(2026, 12, 8)
    assert process.recorded_by == business_manager


def test_ongoing_process_has_no_conclusion_date(client, business_manager, review):
    client.force_login(business_manager)
    response = client.post(
        reverse("practice_reviews:parallel-add", args=[review.pk]),
        process_data(concluded_on_day="8", concluded_on_month="12", concluded_on_year="2026"),
    )
    assert "Leave the date concluded blank while the process is ongoing" in response.content.decode()


def test_nothing_changes_once_the_review_is_published(client, business_manager, review):
    review.published_on = dt.date(2026, 12, 9)
    review.save()
    client.force_login(business_manager)
    for name in (
        "practice_reviews:parallel-add",
        "practice_reviews:review-panel",
        "practice_reviews:reviewer-add",
    ):
        assert client.get(reverse(name, args=[review.pk])).status_code == 403
