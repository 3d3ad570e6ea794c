"""The calendar feed: the page to create, replace and stop it, and the iCalendar file itself."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from icalendar import Calendar

from cspr.audit.models import AuditAction, AuditEvent
from cspr.deadlines.models import CalendarFeed

PAGE = reverse("deadlines:calendar-feed")


def create_feed(client, user) -> str:
    """Create a feed through the page and return its address, shown once."""
    client.force_login(user)
    response = client.post(PAGE, {"action": "create"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    match = re.search(r"http://testserver(/deadlines/calendar/[\w-]+\.ics)", response.content.decode())
    client.logout()
    return match.group(1)


def events(response) -> list:
    return Calendar.from_ical(response.content).walk("VEVENT")


@pytest.fixture
def notified_incident(incident):
    incident.notified_on = dt.date(2026, 11, 26)
    incident.save()
    return incident


def test_the_page_explains_and_offers_to_create_a_feed(client, review_group_member):
    client.force_login(review_group_member)
    page = client.get(PAGE).content.decode()
    assert "You do not have a calendar feed." in page
    assert "Create feed address" in page


def test_creating_a_feed_shows_the_address_once_and_stores_only_its_hash(client, business_manager):
    address = create_feed(client, business_manager)
    token = address.rsplit("/", 1)[1].removesuffix(".ics")
    feed = CalendarFeed.objects.get(user=business_manager)
    assert feed.token_hash == CalendarFeed.hash_token(token)
    assert token not in feed.token_hash
    client.force_login(business_manager)
    page = client.get(PAGE).content.decode()
    assert token not in page
    assert "Create a new address" in page and "Stop the feed" in page
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="deadlines.calendarfeed")
    assert token not in str(event.changes) + event.object_repr


def test_the_feed_lists_the_open_deadlines_the_person_owns(client, business_manager, notified_incident):
    address = create_feed(client, business_manager)
    response = client.get(address)  # not signed in: calendar programs cannot sign in
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, no-store"
    found = {str(event["UID"]): event for event in events(response)}
    pk = notified_incident.pk
    assert set(found) == {
        f"incident-{pk}-notification@localhost",
        f"incident-{pk}-safeguarding_partners_informed@localhost",
        f"incident-{pk}-rapid_review@localhost",
        f"incident-{pk}-agency_leads_contacted@localhost",
    }
    rapid_review = found[f"incident-{pk}-rapid_review@localhost"]
    assert str(rapid_review["SUMMARY"]) == "2026/001: Rapid review due"
    assert rapid_review.decoded("DTSTART") == dt.date(2026, 12, 17)
    assert rapid_review.decoded("DTEND") == dt.date(2026, 12, 18)
    assert "Responsible: safeguarding partners" in str(rapid_review["DESCRIPTION"])
    assert f"/incidents/{pk}/" in str(rapid_review["DESCRIPTION"])
    body = response.content.decode()
    assert "Kai" not in body and "Child K" not in body and "fractures" not in body


def test_uids_are_stable_so_a_moved_deadline_moves_its_event(client, business_manager, incident):
    address = create_feed(client, business_manager)
    before = {str(e["UID"]): e.decoded("DTSTART") for e in events(client.get(address))}
    incident.notified_on = dt.date(2026, 11, 26)
    incident.save()
    after = {str(e["UID"]): e.decoded("DTSTART") for e in events(client.get(address))}
    # Notifying adds the rapid review's plan; the events already there keep their addresses.
    assert before.keys() < after.keys()
    uid = f"incident-{incident.pk}-rapid_review@localhost"
    assert (before[uid], after[uid]) == (dt.date(2026, 12, 21), dt.date(2026, 12, 17))


def test_done_steps_leave_the_feed(client, business_manager, incident):
    from cspr.deadlines.clock import record_step_completion

    record_step_completion(incident, "notification", dt.date(2026, 11, 25), actor=business_manager)
    address = create_feed(client, business_manager)
    summaries = {str(event["SUMMARY"]) for event in events(client.get(address))}
    assert "2026/001: Serious incident notification to the Panel due" not in summaries
    assert "2026/001: Safeguarding partners informed of the notification due" in summaries


def test_the_notifier_gets_the_notification_steps_not_the_rapid_review(client, incident, other_agency_lead):
    incident.notifier = other_agency_lead
    incident.save()
    address = create_feed(client, other_agency_lead)
    summaries = sorted(str(event["SUMMARY"]) for event in events(client.get(address)))
    assert summaries == [
        "2026/001: Safeguarding partners informed of the notification due",
        "2026/001: Serious incident notification to the Panel due",
    ]


def test_people_who_own_nothing_get_an_empty_calendar(
    client, review_group_member, other_business_manager, incident
):
    for person in (review_group_member, other_business_manager):
        response = client.get(create_feed(client, person))
        assert response.status_code == 200
        assert events(response) == []


def test_reading_the_feed_records_when(client, business_manager, time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.UTC), tick=False)
    address = create_feed(client, business_manager)
    assert CalendarFeed.objects.get().last_used_at is None
    client.get(address)
    assert CalendarFeed.objects.get().last_used_at == dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.UTC)


def test_a_new_address_stops_the_old_one(client, business_manager):
    old = create_feed(client, business_manager)
    new = create_feed(client, business_manager)
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    assert CalendarFeed.objects.count() == 1
    assert AuditEvent.objects.filter(object_repr="Calendar feed address replaced").exists()


def test_a_stopped_feed_returns_not_found(client, business_manager):
    address = create_feed(client, business_manager)
    client.force_login(business_manager)
    response = client.post(PAGE, {"action": "revoke"}, follow=True)
    assert "Your calendar feed has stopped" in response.content.decode()
    assert not CalendarFeed.objects.exists()
    assert AuditEvent.objects.filter(action=AuditAction.DELETE, object_repr="Calendar feed stopped").exists()
    client.logout()
    assert client.get(address).status_code == 404


def test_an_unknown_address_returns_not_found(client, db):
    assert client.get(reverse("deadlines:ics", args=["not-a-real-token"])).status_code == 404


def test_a_deactivated_account_s_feed_returns_not_found(client, business_manager):
    address = create_feed(client, business_manager)
    business_manager.is_active = False
    business_manager.save()
    assert client.get(address).status_code == 404


def test_the_feed_writes_no_page_view_audit_entry(client, business_manager):
    address = create_feed(client, business_manager)
    count = AuditEvent.objects.count()
    client.get(address)
    assert AuditEvent.objects.count() == count
