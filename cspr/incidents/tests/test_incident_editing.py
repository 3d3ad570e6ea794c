"""The business manager keeps an incident's details, children and links right, all audited."""

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from conftest import make_incident, make_user
from cspr.accounts.models import Role
from cspr.audit.models import AuditAction, AuditEvent
from cspr.incidents.models import Child, Incident, IncidentLink, LinkKind
from cspr.partnerships.models import Agency, AgencyKind

from .referral_data import date_fields


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(dt.datetime(2026, 11, 26, 10, tzinfo=ZoneInfo("Europe/London")), tick=False):
        yield


def detail(incident) -> str:
    return f"/incidents/{incident.pk}/"


def incident_data(incident, **overrides) -> dict:
    data = {
        **date_fields("aware_on", overrides.pop("aware_on", incident.aware_on)),
        **date_fields("incident_on", overrides.pop("incident_on", incident.incident_on)),
        "place": "in_area",
        "location": "Hospital",
        "nature": "serious_harm",
        "summary": "Infant admitted to hospital with unexplained fractures and bruising.",
        "further_children": "",
        "agencies_involved": [str(agency.pk) for agency in incident.agencies_involved.all()],
        "notifier": "",
    }
    data.update({key: value for key, value in overrides.items() if value is not None})
    for key in [key for key, value in overrides.items() if value is None]:
        data.pop(key)
    return data


def edit_url(incident):
    return reverse("incidents:edit", args=[incident.pk])


# Incident details


def test_business_manager_edits_the_incident(client, business_manager, incident, other_agency):
    client.force_login(business_manager)
    data = incident_data(
        incident,
        aware_on=dt.date(2026, 11, 24),
        location="Children's ward",
        agencies_involved=[str(other_agency.pk)],
        notifier=str(business_manager.pk),
    )
    response = client.post(edit_url(incident), data)
    assert response["Location"] == detail(incident)
    incident.refresh_from_db()
    assert incident.aware_on == dt.date(2026, 11, 24)
    assert incident.location == "Children's ward"
    assert incident.summary == data["summary"]
    assert list(incident.agencies_involved.all()) == [other_agency]
    assert incident.notifier == business_manager
    event = AuditEvent.objects.get(action=AuditAction.CHANGE, object_type="incidents.incident")
    assert event.object_repr == "Incident 2026/001"
    assert event.changes["aware_on"] == ["2026-11-23", "2026-11-24"]
    assert event.changes["summary"] == ["(not recorded)", "(not recorded)"]
    assert event.changes["location"] == ["(not recorded)", "(not recorded)"]
    assert event.changes["notifier"] == [None, business_manager.pk]
    assert "fractures" not in json.dumps(event.changes)
    assert "ward" not in json.dumps(event.changes)


def test_the_edit_page_shows_the_current_details(client, business_manager, incident):
    client.force_login(business_manager)
    page = client.get(edit_url(incident)).content.decode()
    assert "Change the details of incident 2026/001" in page
    assert "unexplained fractures" in page
    assert 'name="aware_on_day" value="23"' in page


def test_notifier_is_the_business_manager_or_a_childrens_social_care_lead(
    client, business_manager, partnership, agency_lead, incident
):
    social_care = Agency.objects.create(
        partnership=partnership, name="Northshire Social Care", kind=AgencyKind.CHILDRENS_SOCIAL_CARE
    )
    social_worker = make_user(Role.AGENCY_LEAD, partnership, social_care, email="csc@example.test")
    client.force_login(business_manager)
    page = client.get(edit_url(incident)).content.decode()
    assert f"Agency Lead ({social_care.name})" in page
    assert "Business Manager (Business manager)" in page
    assert "Agency Lead (Northshire Police)" not in page
    response = client.post(edit_url(incident), incident_data(incident, notifier=str(agency_lead.pk)))
    assert "Select a valid choice" in response.content.decode()
    response = client.post(edit_url(incident), incident_data(incident, notifier=str(social_worker.pk)))
    assert response.status_code == 302
    incident.refresh_from_db()
    assert incident.notifier == social_worker


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"aware_on": dt.date(2026, 11, 27)},
            "The date the local authority became aware must be today or in the past",
        ),
        (
            {"aware_on": dt.date(2026, 11, 20)},
            "The date the local authority became aware must be the same as or after the date of the incident",
        ),
        ({"incident_on": dt.date(2026, 12, 1)}, "The date of the incident must be today or in the past"),
        (
            {"incident_on": dt.date(2026, 5, 1)},
            "The date of the incident must be on or after Child K&#x27;s date of birth",
        ),
        ({"aware_on_day": ""}, "The date must include a day"),
        (
            {"incident_on_day": "", "incident_on_month": "", "incident_on_year": ""},
            "Enter the date of the incident",
        ),
        ({"summary": ""}, "Enter a summary of what happened"),
        ({"nature": None}, "Select whether the child died, was seriously harmed or other"),
        ({"place": None}, "Select where the incident happened"),
    ],
)
def test_incident_errors(client, business_manager, incident, overrides, message):
    client.force_login(business_manager)
    response = client.post(edit_url(incident), incident_data(incident, **overrides))
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "govuk-form-group--error" in page
    assert message in page
    assert not AuditEvent.objects.filter(action=AuditAction.CHANGE).exists()
    incident.refresh_from_db()
    assert incident.location == ""


def test_an_unborn_childs_birth_must_follow_the_incident(client, business_manager, incident):
    Child.objects.filter(incident=incident).update(unborn=True, date_of_birth=dt.date(2026, 11, 24))
    client.force_login(business_manager)
    response = client.post(edit_url(incident), incident_data(incident, incident_on=dt.date(2026, 11, 25)))
    assert "The date of the incident must be before Child K&#x27;s date of birth" in response.content.decode()


def test_editing_stays_open_after_notification(client, business_manager, incident):
    Incident.objects.filter(pk=incident.pk).update(notified_on=dt.date(2026, 11, 25))
    client.force_login(business_manager)
    response = client.post(edit_url(incident), incident_data(incident, location="Home"))
    assert response.status_code == 302
    incident.refresh_from_db()
    assert incident.location == "Home"
    assert incident.notified_on == dt.date(2026, 11, 25)


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("agency_lead", 403),
        ("review_group_member", 403),
        ("other_agency_lead", 404),
        ("other_business_manager", 404),
    ],
)
def test_only_the_business_manager_edits(client, request, incident, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.post(edit_url(incident), incident_data(incident, location="Changed")).status_code == status
    incident.refresh_from_db()
    assert incident.location == ""


# Children


def child_data(**overrides) -> dict:
    data = {
        "name": "Mia Testchild",
        "pseudonym": "Child M",
        **date_fields("date_of_birth", overrides.pop("date_of_birth", dt.date(2022, 3, 4))),
        "age_years": "",
        "sex": "female",
        "ethnicity": "white",
        "disability": "no",
        "looked_after": "no",
        "placement_type": "",
        "child_in_need_plan": "yes",
        "child_protection_plan": "previous",
        "known_to_agencies": "yes",
    }
    data.update(overrides)
    return data


def test_business_manager_adds_a_child(client, business_manager, incident):
    client.force_login(business_manager)
    page = client.get(reverse("incidents:child-add", args=[incident.pk])).content.decode()
    assert 'value="Child A"' in page  # the first free default pseudonym
    response = client.post(reverse("incidents:child-add", args=[incident.pk]), child_data())
    assert response["Location"] == detail(incident)
    child = incident.children.get(pseudonym="Child M")
    assert (child.position, child.name, child.child_protection_plan) == (2, "Mia Testchild", "previous")
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="incidents.child")
    assert event.object_repr == "Child M in incident 2026/001"
    assert event.changes["name"] == [None, "(not recorded)"]
    assert event.changes["date_of_birth"] == [None, "(not recorded)"]
    assert event.changes["ethnicity"] == [None, "white"]
    assert "Mia" not in json.dumps(event.changes)


def test_no_fifth_child(client, business_manager, incident):
    for position in range(2, 5):
        Child.objects.create(
            partnership=incident.partnership,
            incident=incident,
            position=position,
            pseudonym=f"Child {position}",
        )
    client.force_login(business_manager)
    url = reverse("incidents:child-add", args=[incident.pk])
    assert "already names 4 children" in client.get(url).content.decode()
    response = client.post(url, child_data())
    assert "already names 4 children" in response.content.decode()
    assert incident.children.count() == 4


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"pseudonym": ""}, "Enter a pseudonym, for example Child K"),
        ({"pseudonym": " child k "}, "Another child in this incident has this pseudonym"),
        ({"date_of_birth": dt.date(2026, 11, 27)}, "The date of birth must be today or in the past"),
        (
            {"date_of_birth": dt.date(2026, 11, 22)},
            "The date of birth must be on or before the date of the incident",
        ),
        (
            {"date_of_birth": None},
            "Enter the child&#x27;s date of birth or age, or select that they were unborn",
        ),
        (
            {"age_years": "2"},
            "The age does not match the date of birth: on the date of the incident the child was 4",
        ),
        (
            {"unborn": "on", "date_of_birth": None, "age_years": "0"},
            "Leave the age blank for a child who was unborn",
        ),
        ({"placement_type": "childrens_home"}, "Select a placement type only for a looked-after child"),
        (
            {"looked_after": "unknown", "placement_type": "secure"},
            "Select a placement type only for a looked-after",
        ),
    ],
)
def test_child_errors(client, business_manager, incident, overrides, message):
    client.force_login(business_manager)
    response = client.post(reverse("incidents:child-add", args=[incident.pk]), child_data(**overrides))
    page = response.content.decode()
    assert "There is a problem" in page
    assert "govuk-form-group--error" in page
    assert message in page
    assert incident.children.count() == 1


def test_a_looked_after_child_has_a_placement(client, business_manager, incident):
    client.force_login(business_manager)
    data = child_data(looked_after="yes", placement_type="kinship")
    assert client.post(reverse("incidents:child-add", args=[incident.pk]), data).status_code == 302
    assert incident.children.get(pseudonym="Child M").placement_type == "kinship"


def child_url(name, incident, child):
    return reverse(f"incidents:{name}", kwargs={"pk": incident.pk, "child_pk": child.pk})


def test_business_manager_changes_a_child_and_its_pseudonym(client, business_manager, incident):
    child = incident.children.get()
    client.force_login(business_manager)
    page = client.get(child_url("child-edit", incident, child)).content.decode()
    assert 'value="Kai Testchild"' in page
    data = child_data(
        name="Kai Testchild", pseudonym="Baby Kai", date_of_birth=dt.date(2026, 5, 2), sex="male"
    )
    response = client.post(child_url("child-edit", incident, child), data)
    assert response["Location"] == detail(incident)
    child.refresh_from_db()
    assert child.pseudonym == "Baby Kai"
    event = AuditEvent.objects.get(action=AuditAction.CHANGE, object_type="incidents.child")
    assert event.changes["pseudonym"] == ["Child K", "Baby Kai"]
    assert "name" not in event.changes
    assert "Kai Testchild" not in json.dumps(event.changes)


def test_keeping_its_own_pseudonym_is_not_a_clash(client, business_manager, incident):
    child = incident.children.get()
    client.force_login(business_manager)
    data = child_data(pseudonym="Child K", date_of_birth=dt.date(2026, 5, 2))
    assert client.post(child_url("child-edit", incident, child), data).status_code == 302


def test_a_child_of_another_incident_is_not_found(client, business_manager, incident, partnership):
    other = make_incident(partnership, reference="2026/002")
    client.force_login(business_manager)
    assert client.get(child_url("child-edit", incident, other.children.get())).status_code == 404
    assert client.post(child_url("child-remove", incident, other.children.get())).status_code == 404


def test_business_manager_removes_a_child_after_confirming(client, business_manager, incident):
    child = incident.children.get()
    client.force_login(business_manager)
    page = client.get(child_url("child-remove", incident, child)).content.decode()
    assert "Remove Child K from incident 2026/001?" in page
    assert incident.children.count() == 1
    response = client.post(child_url("child-remove", incident, child))
    assert response["Location"] == detail(incident)
    assert incident.children.count() == 0
    event = AuditEvent.objects.get(action=AuditAction.DELETE)
    assert event.object_repr == "Child K in incident 2026/001"
    assert "Kai" not in json.dumps(event.changes)


def test_agency_lead_cannot_remove_a_child(client, agency_lead, incident):
    client.force_login(agency_lead)
    assert client.post(child_url("child-remove", incident, incident.children.get())).status_code == 403
    assert incident.children.count() == 1


# Links


@pytest.fixture
def sibling(partnership):
    return make_incident(partnership, reference="2026/002")


def test_business_manager_links_two_incidents(client, business_manager, incident, sibling):
    client.force_login(business_manager)
    url = reverse("incidents:link-add", args=[incident.pk])
    assert "2026/002" in client.get(url).content.decode()
    response = client.post(url, {"other": str(sibling.pk), "kind": LinkKind.SIBLINGS})
    assert response["Location"] == detail(incident)
    assert incident.linked_incidents() == [(sibling, "Siblings")]
    assert sibling.linked_incidents() == [(incident, "Siblings")]
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="incidents.incidentlink")
    assert event.object_repr == "Link between incidents 2026/001 and 2026/002"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "siblings"}, "Select the incident to link"),
        ({"other": "SELF", "kind": "siblings"}, "Select an incident"),
        ({"other": "OTHER_PARTNERSHIP", "kind": "siblings"}, "Select an incident"),
        ({"other": "SIBLING"}, "Select how the incidents are linked"),
    ],
)
def test_link_errors(client, business_manager, incident, sibling, other_incident, data, message):
    chosen = {"SELF": incident, "OTHER_PARTNERSHIP": other_incident, "SIBLING": sibling}
    data = {key: str(chosen[value].pk) if value in chosen else value for key, value in data.items()}
    client.force_login(business_manager)
    page = client.post(reverse("incidents:link-add", args=[incident.pk]), data).content.decode()
    assert "There is a problem" in page
    assert message in page
    assert not IncidentLink.objects.exists()


def test_an_incident_already_linked_is_not_offered_again(client, business_manager, incident, sibling):
    IncidentLink.objects.create(
        partnership=incident.partnership, from_incident=sibling, to_incident=incident, kind=LinkKind.OTHER
    )
    client.force_login(business_manager)
    page = client.get(reverse("incidents:link-add", args=[incident.pk])).content.decode()
    assert f'value="{sibling.pk}"' not in page


def test_business_manager_removes_a_link_from_either_end(client, business_manager, incident, sibling):
    link = IncidentLink.objects.create(
        partnership=incident.partnership,
        from_incident=sibling,
        to_incident=incident,
        kind=LinkKind.SAME_HOUSEHOLD,
    )
    client.force_login(business_manager)
    url = reverse("incidents:link-remove", kwargs={"pk": incident.pk, "link_pk": link.pk})
    assert "Remove the link between incidents 2026/001 and 2026/002?" in client.get(url).content.decode()
    assert client.post(url)["Location"] == detail(incident)
    assert not IncidentLink.objects.exists()
    assert AuditEvent.objects.filter(action=AuditAction.DELETE, object_type="incidents.incidentlink").exists()


def test_a_link_of_other_incidents_is_not_found(client, business_manager, incident, sibling, partnership):
    third = make_incident(partnership, reference="2026/003")
    link = IncidentLink.objects.create(
        partnership=partnership, from_incident=sibling, to_incident=third, kind=LinkKind.OTHER
    )
    client.force_login(business_manager)
    url = reverse("incidents:link-remove", kwargs={"pk": incident.pk, "link_pk": link.pk})
    assert client.post(url).status_code == 404
    assert IncidentLink.objects.exists()
