"""The notification's snapshot and its completeness check: what the national form needs, by pseudonym only."""

import datetime as dt
import json

import pytest
from django.urls import reverse

from conftest import make_incident
from cspr.incidents.models import Child, IncidentLink, IncidentNature, IncidentPlace, IncidentStatus, LinkKind
from cspr.incidents.notification_content import (
    COPY_DFE,
    COPY_OFSTED,
    COPY_PARTNERS,
    SCHEMA_VERSION,
    build_content,
    changes,
    copies_for,
    flat_rows,
    problems,
    sections,
    status_of,
    why_not_notifiable,
)

NOTIFIER = {
    "name": "Sam Notifier",
    "role": "Head of Safeguarding",
    "email": "sam@example.test",
    "phone": "01632 960 001",
}


@pytest.fixture
def ready(incident):
    incident.location = "Family home"
    incident.save()
    return incident


def messages(incident):
    return [problem.message for problem in problems(incident)]


def test_a_complete_incident_has_no_problems(ready):
    assert problems(ready) == []


def test_every_missing_answer_is_named_with_a_link_to_where_it_is_given(incident):
    incident.nature = ""
    incident.summary = " "
    incident.save()
    incident.agencies_involved.clear()
    child = incident.children.get()
    child.date_of_birth = None
    child.looked_after = "yes"
    child.save()
    found = problems(incident)
    assert [problem.message for problem in found] == [
        "Select whether the incident is a death, serious harm or other",
        "Enter where the incident happened",
        "Enter a summary of what happened",
        "Enter the date of birth or age of Child K, or say the child is unborn",
        "Select the placement type of Child K",
        "Add the agencies involved",
    ]
    # Links go to the incident and child edit pages, at the field to fill in.
    assert found[0].url == f"/incidents/{incident.pk}/edit/#id_nature"
    child_page = reverse("incidents:child-edit", kwargs={"pk": incident.pk, "child_pk": child.pk})
    assert found[3].url == f"{child_page}#id_date_of_birth"


def test_outside_england_asks_where(ready):
    ready.place = IncidentPlace.OUTSIDE_ENGLAND
    ready.location = ""
    ready.save()
    assert messages(ready) == ["Enter where outside England the incident happened"]


def test_a_pseudonym_is_required_and_must_not_give_away_the_name(ready):
    child = ready.children.get()
    child.pseudonym = ""
    child.save()
    assert messages(ready) == ["Enter a pseudonym for child 1"]
    child.pseudonym = "Kai"
    child.save()
    assert messages(ready) == ["The pseudonym of child 1 must not contain the child's name"]


def test_unborn_or_an_age_in_years_answers_the_age(ready):
    child = ready.children.get()
    child.date_of_birth = None
    child.unborn = True
    child.save()
    assert problems(ready) == []
    child.unborn = False
    child.age_years = 3
    child.save()
    assert problems(ready) == []


def test_no_more_than_four_named_children(ready, partnership):
    for position in range(2, 6):
        Child.objects.create(
            partnership=partnership,
            incident=ready,
            position=position,
            pseudonym=f"Child {position}",
            unborn=True,
        )
    assert messages(ready) == [
        "A notification names up to 4 children: describe the others under further children"
    ]


def test_a_notification_may_name_no_child(ready):
    ready.children.all().delete()
    assert problems(ready) == []
    content = build_content(ready, notifier=NOTIFIER, local_authority="Northshire Council")
    assert content["children"] == []
    assert "No child" not in json.dumps(content)


def test_the_snapshot_holds_every_answer_of_the_national_form_and_never_the_name(ready, partnership):
    linked = make_incident(partnership, reference="2026/002")
    IncidentLink.objects.create(
        partnership=partnership, from_incident=ready, to_incident=linked, kind=LinkKind.SIBLINGS
    )
    ready.further_children = "An older sibling, 9"
    ready.save()
    content = build_content(ready, notifier=NOTIFIER, local_authority="Northshire Council")
    assert content["schema_version"] == SCHEMA_VERSION
    assert content["reference"] == "2026/001"
    assert content["aware_on"] == "2026-11-23"
    assert content["local_authority"] == "Northshire Council"
    assert content["incident"] == {
        "nature": {"code": "serious_harm", "label": "Serious harm"},
        "incident_on": "2026-11-21",
        "place": {"code": "in_area", "label": "In the local authority's area"},
        "location": "Family home",
        "summary": "Infant admitted to hospital with unexplained fractures.",
    }
    child = content["children"][0]
    assert child["pseudonym"] == "Child K"
    assert child["age"] == "6 months"
    assert child["age_in_years"] == 0
    assert child["sex"] == {"code": "male", "label": "Male"}
    assert child["placement_type"] == {"code": "", "label": "Not looked after"}
    assert set(child) >= {"ethnicity", "disability", "looked_after", "child_in_need_plan"}
    assert set(child) >= {"child_protection_plan", "known_to_agencies", "unborn"}
    assert content["further_children"] == "An older sibling, 9"
    assert content["linked_incidents"] == [{"reference": "2026/002", "link": "Siblings"}]
    assert content["agencies_involved"] == ["Northshire Police"]
    assert content["notifier"] == NOTIFIER
    text = json.dumps(content)
    assert "Kai" not in text and "Testchild" not in text
    assert "date_of_birth" not in text


def test_sections_follow_the_national_form_with_a_table_of_children(ready):
    content = build_content(ready, notifier=NOTIFIER, local_authority="Northshire Council")
    titles = [section["title"] for section in sections(content)]
    assert titles == [
        "The local authority and the notifier",
        "The incident",
        "The children",
        "Linked incidents and agencies",
    ]
    children = sections(content)[2]
    assert children["children"][0]["pseudonym"] == "Child K"
    assert children["characteristics"][0] == {"label": "Age", "values": ["6 months"]}
    assert sections(content)[1]["rows"][1]["value"] == "21 November 2026"
    assert sections(content)[3]["rows"][0]["value"] == "None"


def test_changes_name_what_differs_between_two_versions(ready):
    before = build_content(ready, notifier=NOTIFIER, local_authority="Northshire Council")
    ready.nature = IncidentNature.DEATH
    ready.save()
    child = ready.children.get()
    child.pseudonym = "Baby K"
    child.save()
    after = build_content(
        ready, notifier={**NOTIFIER, "phone": "07700 900 982"}, local_authority="Northshire Council"
    )
    assert changes(before, after) == [
        {"label": "Notifier's phone", "before": "01632 960 001", "after": "07700 900 982"},
        {"label": "Nature of the incident", "before": "Serious harm", "after": "Death"},
        {"label": "Child 1: pseudonym", "before": "Child K", "after": "Baby K"},
    ]
    assert changes(None, after) == []
    assert changes(before, before) == []


def test_a_child_removed_shows_as_removed(ready):
    before = build_content(ready, notifier=NOTIFIER, local_authority="Northshire Council")
    ready.children.all().delete()
    after = build_content(ready, notifier=NOTIFIER, local_authority="Northshire Council")
    removed = [change for change in changes(before, after) if change["after"] == "Removed"]
    assert {"label": "Child 1: pseudonym", "before": "Child K", "after": "Removed"} in removed
    assert len(removed) == 1 + 9


def test_flat_rows_of_an_empty_snapshot_say_not_given():
    rows = flat_rows({})
    assert {row["value"] for row in rows} <= {"Not given", "None"}


@pytest.mark.parametrize(
    ("status", "notifiable"),
    [
        (IncidentStatus.NOTIFICATION_DUE, True),
        (IncidentStatus.NOTIFIED, True),
        (IncidentStatus.REFERRED, False),
        (IncidentStatus.NOT_NOTIFIABLE, False),
        (IncidentStatus.LOOKED_AFTER_DEATH, False),
        (IncidentStatus.CARE_LEAVER_DEATH, False),
    ],
)
def test_only_incidents_at_the_notification_stage_are_notified(incident, status, notifiable):
    incident.status = status
    assert (why_not_notifiable(incident) == "") is notifiable


def test_partners_are_always_required_ofsted_and_dfe_as_appropriate(incident):
    copies = copies_for(incident)
    assert copies.shown == (COPY_PARTNERS, COPY_OFSTED, COPY_DFE)
    assert copies.required == (COPY_PARTNERS,)


def test_a_looked_after_childs_death_requires_dfe_and_ofsted(incident):
    incident.nature = IncidentNature.DEATH
    child = incident.children.get()
    child.looked_after = "yes"
    child.save()
    copies = copies_for(incident)
    assert copies.required == (COPY_PARTNERS, COPY_OFSTED, COPY_DFE)
    assert "Secretary of State (DfE) and Ofsted must be notified" in copies.explanation


@pytest.mark.parametrize("status", [IncidentStatus.CARE_LEAVER_DEATH, IncidentStatus.LOOKED_AFTER_DEATH])
def test_deaths_without_a_panel_notification_go_to_dfe_and_ofsted_only(incident, status):
    incident.status = status
    copies = copies_for(incident)
    assert copies.shown == copies.required == (COPY_DFE, COPY_OFSTED)


class Version:
    def __init__(self, version, submitted_on=None):
        self.version = version
        self.submitted_on = submitted_on


def test_status_of_the_versions():
    sent = dt.date(2026, 11, 27)
    assert status_of([]) == ("Not started", "grey")
    assert status_of([Version(2), Version(1)]) == ("Draft version 2", "blue")
    assert status_of([Version(1, sent)]) == ("Submitted", "green")
    assert status_of([Version(2), Version(1, sent)]) == ("Changed after submission", "orange")
