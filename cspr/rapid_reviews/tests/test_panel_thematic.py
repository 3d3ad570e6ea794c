"""Thematic reviews: the Panel groups incidents whose rapid reviews it received, and removes them; the
partnership sees on its rapid review that the Panel included the incident in a thematic review."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from cspr.audit.log import REDACTED
from cspr.audit.models import AuditAction, AuditEvent
from cspr.rapid_reviews.models import PanelResponseKind, Recommendation, ThematicReview

from .panel_records import make_rapid_review

TODAY = dt.datetime(2026, 11, 26, 12, tzinfo=ZoneInfo("Europe/London"))
TITLE = "Infants with unexplained injuries"


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def received(partnership, other_partnership):
    """Two rapid reviews the Panel received and one it did not."""
    return {
        "north": make_rapid_review(
            partnership,
            "2026/001",
            dt.date(2026, 10, 1),
            sent_on=dt.date(2026, 10, 20),
            decision=Recommendation.LOCAL_CSPR,
            pseudonym="Child M",
        ),
        "south": make_rapid_review(
            other_partnership,
            "2026/004",
            dt.date(2026, 10, 5),
            sent_on=dt.date(2026, 10, 22),
            decision=Recommendation.NO_FURTHER_REVIEW,
            response=PanelResponseKind.AGREE_NO_REVIEW,
            responded_on=dt.date(2026, 11, 2),
            pseudonym="Baby S",
        ),
        "unsent": make_rapid_review(partnership, "2026/002", dt.date(2026, 11, 24)),
    }


@pytest.fixture
def thematic(db):
    return ThematicReview.objects.create(title=TITLE, description="Under-ones with fractures.")


def add_url(review) -> str:
    return reverse("rapid_reviews:thematic-review-add", args=[review.pk])


def offered(html: str) -> list[str]:
    return re.findall(r'name="incidents" type="checkbox" value="\d+">\s*<label[^>]*>([^<]+)</label>', html)


def test_panel_member_creates_a_thematic_review(client, panel_member):
    client.force_login(panel_member)
    response = client.post(
        reverse("rapid_reviews:thematic-review-create"), {"title": TITLE, "description": "Under-ones."}
    )
    review = ThematicReview.objects.get()
    assert response.status_code == 302 and response.url == review.get_absolute_url()
    assert (review.title, review.description, review.created_by) == (TITLE, "Under-ones.", panel_member)
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="rapid_reviews.thematicreview")
    assert event.changes == {"title": [None, TITLE], "description": [None, REDACTED]}
    listing = client.get(reverse("rapid_reviews:thematic-reviews")).content.decode()
    assert TITLE in listing and "1 thematic review" in listing


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("", "Enter a title for the thematic review"),
        (TITLE, "There is already a thematic review with this title"),
    ],
)
def test_thematic_review_title_is_required_and_unique(client, panel_member, thematic, title, message):
    client.force_login(panel_member)
    response = client.post(reverse("rapid_reviews:thematic-review-create"), {"title": title})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert ThematicReview.objects.count() == 1


def test_the_add_page_offers_only_rapid_reviews_sent_and_filters_them(
    client, panel_member, other_partnership, received, thematic
):
    client.force_login(panel_member)
    assert sorted(offered(client.get(add_url(thematic)).content.decode())) == ["2026/001", "2026/004"]
    narrowed = client.get(add_url(thematic), {"partnership": other_partnership.pk}).content.decode()
    assert offered(narrowed) == ["2026/004"]
    assert "Baby S" in narrowed
    by_decision = client.get(
        add_url(thematic), {"recommendation": Recommendation.LOCAL_CSPR}
    ).content.decode()
    assert offered(by_decision) == ["2026/001"]
    awaiting = client.get(add_url(thematic), {"panel_response": "awaiting"}).content.decode()
    assert offered(awaiting) == ["2026/001"]


def test_panel_member_adds_incidents_picked_from_the_list(client, panel_member, received, thematic):
    client.force_login(panel_member)
    north, south = received["north"].incident, received["south"].incident
    response = client.post(add_url(thematic), {"incidents": [north.pk, south.pk], "add_selected": "1"})
    assert response.status_code == 302
    assert set(thematic.incidents.all()) == {north, south}
    event = AuditEvent.objects.get(action=AuditAction.CHANGE, object_type="rapid_reviews.thematicreview")
    assert event.changes == {"incidents": [[], sorted([north.pk, south.pk])]}
    # Once added, they are no longer offered.
    assert offered(client.get(add_url(thematic)).content.decode()) == []


def test_an_incident_not_sent_to_the_panel_cannot_be_added(client, panel_member, received, thematic):
    client.force_login(panel_member)
    response = client.post(
        add_url(thematic), {"incidents": [received["unsent"].incident.pk], "add_selected": "1"}
    )
    assert response.status_code == 200
    assert "Select incidents from the list: one of them cannot be added" in response.content.decode()
    empty = client.post(add_url(thematic), {"add_selected": "1"})
    assert "Select at least one incident to add" in empty.content.decode()
    assert not thematic.incidents.exists()


def test_panel_member_adds_an_incident_by_partnership_and_reference(
    client, panel_member, partnership, other_partnership, received, thematic
):
    client.force_login(panel_member)
    data = {"by_reference-partnership": other_partnership.pk, "by_reference-reference": "2026/004"}
    response = client.post(add_url(thematic), {**data, "add_by_reference": "1"})
    assert response.status_code == 302
    assert list(thematic.incidents.all()) == [received["south"].incident]

    unsent = {"by_reference-partnership": partnership.pk, "by_reference-reference": "2026/002"}
    response = client.post(add_url(thematic), {**unsent, "add_by_reference": "1"})
    assert response.status_code == 200
    assert "No rapid review of incident 2026/002 from this partnership has been sent to the Panel" in (
        response.content.decode()
    )
    assert thematic.incidents.count() == 1


def test_detail_lists_the_incidents_and_a_panel_member_removes_one(client, panel_member, received, thematic):
    north, south = received["north"].incident, received["south"].incident
    thematic.incidents.add(north, south)
    client.force_login(panel_member)
    html = client.get(thematic.get_absolute_url()).content.decode()
    assert "2 incidents" in html
    for text in ("Northshire", "Southshire", "Child M", "Baby S", "Local child safeguarding practice review"):
        assert text in html
    assert "No further review" in html
    assert "Kai Testchild" not in html

    remove = reverse("rapid_reviews:thematic-review-remove", args=[thematic.pk, north.pk])
    assert client.post(remove).status_code == 302
    assert list(thematic.incidents.all()) == [south]
    event = AuditEvent.objects.get(action=AuditAction.CHANGE, object_type="rapid_reviews.thematicreview")
    assert event.changes == {"incidents": [sorted([north.pk, south.pk]), [south.pk]]}
    # Removing it again: it is no longer in the thematic review.
    assert client.post(remove).status_code == 404


def test_partnership_sees_its_incident_is_in_a_thematic_review(
    client, business_manager, panel_member, received, thematic
):
    thematic.incidents.add(received["north"].incident)
    client.force_login(business_manager)
    html = client.get(received["north"].get_absolute_url()).content.decode()
    assert "The Panel has included this incident in its thematic review:" in html
    assert f"<li>{TITLE}</li>" in html
    assert thematic.get_absolute_url() not in html
    client.force_login(panel_member)
    html = client.get(received["north"].get_absolute_url()).content.decode()
    assert f'href="{thematic.get_absolute_url()}">{TITLE}</a>' in html


def test_partnerships_have_no_thematic_review_pages(client, business_manager, thematic):
    client.force_login(business_manager)
    assert client.get(reverse("rapid_reviews:thematic-reviews")).status_code == 403
    assert client.get(thematic.get_absolute_url()).status_code == 403


def test_panel_member_changes_the_title_and_the_change_is_audited(client, panel_member, thematic):
    client.force_login(panel_member)
    edit = reverse("rapid_reviews:thematic-review-edit", args=[thematic.pk])
    assert TITLE in client.get(edit).content.decode()
    response = client.post(edit, {"title": "Infants under one", "description": thematic.description})
    assert response.status_code == 302
    thematic.refresh_from_db()
    assert thematic.title == "Infants under one"
    event = AuditEvent.objects.get(action=AuditAction.CHANGE, object_type="rapid_reviews.thematicreview")
    assert event.changes == {"title": [TITLE, "Infants under one"]}
