"""Who owns a step: the same answer for reminders (`users()`) and calendar feeds (`includes()`)."""

import pytest

from conftest import make_user
from cspr.accounts.models import Role, User
from cspr.clock import STEPS, get_step
from cspr.deadlines.owners import LOCAL_AUTHORITY, ROLE_RESPONSIBLE, step_owners


def owners_of(incident, code) -> set[User]:
    return set(step_owners(incident, get_step(code)).users())


@pytest.fixture
def everyone(
    business_manager,
    review_group_member,
    executive_member,
    agency_lead,
    other_agency_lead,
    independent_reviewer,
    panel_member,
    system_admin,
    other_business_manager,
):
    return [
        business_manager,
        review_group_member,
        executive_member,
        agency_lead,
        other_agency_lead,
        independent_reviewer,
        panel_member,
        system_admin,
        other_business_manager,
    ]


def test_every_responsible_body_of_the_steps_table_has_an_owner_rule():
    assert {step.responsible for step in STEPS} <= set(ROLE_RESPONSIBLE) | {LOCAL_AUTHORITY}


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("notification", {"business_manager"}),  # no notifier yet
        ("rapid_review", {"business_manager"}),
        ("publication_kept_until", {"business_manager"}),
        ("agency_return", {"agency_lead"}),  # only the involved agency's lead
        ("review_group_meeting", {"review_group_member"}),
        ("partners_sign_off", {"executive_member"}),
        ("panel_response", set()),
    ],
)
def test_owners_by_responsible_body(incident, everyone, request, code, expected):
    expected_users = {request.getfixturevalue(name) for name in expected}
    assert owners_of(incident, code) == expected_users
    owners = step_owners(incident, get_step(code))
    assert {user for user in everyone if owners.includes(user)} == expected_users


def test_the_notifier_owns_the_local_authority_steps(incident, other_agency_lead, business_manager):
    incident.notifier = other_agency_lead
    incident.save()
    assert owners_of(incident, "notification") == {other_agency_lead}
    assert owners_of(incident, "safeguarding_partners_informed") == {other_agency_lead}
    assert not step_owners(incident, get_step("notification")).includes(business_manager)


def test_an_inactive_notifier_hands_the_step_back_to_the_business_managers(
    incident, other_agency_lead, business_manager
):
    incident.notifier = other_agency_lead
    incident.save()
    other_agency_lead.is_active = False
    other_agency_lead.save()
    incident.refresh_from_db()
    assert owners_of(incident, "notification") == {business_manager}


def test_inactive_people_own_nothing(incident, business_manager):
    colleague = make_user(Role.BUSINESS_MANAGER, incident.partnership, email="second.bm@example.test")
    business_manager.is_active = False
    business_manager.save()
    assert owners_of(incident, "rapid_review") == {colleague}
    assert not step_owners(incident, get_step("rapid_review")).includes(business_manager)


def test_agency_leads_of_every_involved_agency_own_agency_returns(incident, other_agency, other_agency_lead):
    incident.agencies_involved.add(other_agency)
    assert other_agency_lead in owners_of(incident, "agency_return")


def test_another_partnerships_people_never_own_a_step(
    other_incident, business_manager, other_business_manager
):
    assert owners_of(other_incident, "rapid_review") == {other_business_manager}
    assert not step_owners(other_incident, get_step("rapid_review")).includes(business_manager)
