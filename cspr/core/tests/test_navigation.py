"""Each role's navigation: the pages its permissions allow, in the order its work comes."""

import pytest

from cspr.core.navigation import nav_items_for

EXPECTED = {
    "business_manager": [
        "Home", "Incidents", "Refer a case", "Rapid reviews", "Practice reviews", "Action plans",
        "Learning library", "Deadlines", "Partnership", "Audit log", "Your account", "Help",
    ],
    "review_group_member": [
        "Home", "Incidents", "Rapid reviews", "Practice reviews", "Action plans", "Learning library",
        "Deadlines", "Partnership", "Your account", "Help",
    ],
    "executive_member": [
        "Home", "Incidents", "Rapid reviews", "Practice reviews", "Action plans", "Learning library",
        "Deadlines", "Partnership", "Your account", "Help",
    ],
    "agency_lead": [
        "Home", "Incidents", "Refer a case", "Agency returns", "Practice reviews", "Action plans",
        "Learning library", "Deadlines", "Partnership", "Your account", "Help",
    ],
    "independent_reviewer": ["Home", "Practice reviews", "Learning library", "Your account", "Help"],
    "panel_member": [
        "Home", "Incidents", "Rapid reviews", "Practice reviews", "Learning library", "Overdue rapid reviews",
        "Thematic reviews", "Your account", "Help",
    ],
    "system_admin": [
        "Home", "Learning library", "Bank holidays", "Partnerships", "Accounts", "Your account", "Help",
    ],
}  # fmt: skip


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_navigation_by_role(request, persona):
    user = request.getfixturevalue(persona)
    assert [item.label for item in nav_items_for(user)] == EXPECTED[persona]


def test_every_item_on_the_home_page_says_what_it_is_for(business_manager):
    cards = [item for item in nav_items_for(business_manager) if item.description]
    assert [item.label for item in cards] == [
        "Incidents", "Refer a case", "Rapid reviews", "Practice reviews", "Action plans", "Learning library",
        "Deadlines", "Partnership", "Audit log", "Your account",
    ]  # fmt: skip


def test_only_the_closest_item_is_active(client, agency_lead):
    client.force_login(agency_lead)
    response = client.get("/incidents/refer/")
    active = [item["label"] for item in response.context["nav_items"] if item["active"]]
    assert active == ["Refer a case"]
    response = client.get("/incidents/")
    assert [item["label"] for item in response.context["nav_items"] if item["active"]] == ["Incidents"]


def test_account_page_links_to_the_calendar_feed(client, agency_lead):
    client.force_login(agency_lead)
    html = client.get("/account/").content.decode()
    assert 'href="/deadlines/calendar/">Put your deadlines in your calendar</a>' in html
    assert "<title>Your account" in html
