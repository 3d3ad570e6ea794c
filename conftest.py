"""Test personas shared by every app's tests: two partnerships and one person of each role."""

import datetime as dt

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher

from cspr.accounts.models import Role, User
from cspr.incidents.models import Child, Incident, IncidentNature, IncidentStatus, Referral, Sex
from cspr.partnerships.models import Agency, AgencyKind, LocalAuthority, Partnership

PASSWORD = "correct-horse-battery-staple"  # noqa: S105 - test personas only


class CheapArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2 still, with tiny costs, so that creating personas does not dominate the suite's time."""

    time_cost = 1
    memory_cost = 64
    parallelism = 1


@pytest.fixture(autouse=True)
def cheap_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["conftest.CheapArgon2PasswordHasher"]


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Uploads go to a directory of the test's own, never into the developer's var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def make_partnership(name: str, slug: str) -> Partnership:
    partnership = Partnership.objects.create(
        name=name, slug=slug, integrated_care_board=f"NHS {name} ICB", police_force=f"{name} Police"
    )
    LocalAuthority.objects.create(partnership=partnership, name=f"{name} Council")
    return partnership


def make_user(role: str, partnership=None, agency=None, email=None) -> User:
    email = email or f"{role}.{partnership.slug if partnership else 'national'}@example.test"
    return User.objects.create_user(
        email,
        PASSWORD,
        full_name=role.replace("_", " ").title(),
        role=role,
        partnership=partnership,
        agency=agency,
    )


@pytest.fixture
def partnership(db):
    return make_partnership("Northshire", "northshire")


@pytest.fixture
def other_partnership(db):
    return make_partnership("Southshire", "southshire")


@pytest.fixture
def agency(partnership):
    return Agency.objects.create(partnership=partnership, name="Northshire Police", kind=AgencyKind.POLICE)


@pytest.fixture
def other_agency(partnership):
    return Agency.objects.create(partnership=partnership, name="Northshire GP Practices", kind=AgencyKind.GP)


@pytest.fixture
def business_manager(partnership):
    return make_user(Role.BUSINESS_MANAGER, partnership)


@pytest.fixture
def review_group_member(partnership):
    return make_user(Role.REVIEW_GROUP_MEMBER, partnership)


@pytest.fixture
def executive_member(partnership):
    return make_user(Role.EXECUTIVE_MEMBER, partnership)


@pytest.fixture
def agency_lead(partnership, agency):
    return make_user(Role.AGENCY_LEAD, partnership, agency)


@pytest.fixture
def other_agency_lead(partnership, other_agency):
    return make_user(Role.AGENCY_LEAD, partnership, other_agency, email="lead.gp@example.test")


@pytest.fixture
def independent_reviewer(partnership):
    return make_user(Role.INDEPENDENT_REVIEWER, partnership)


@pytest.fixture
def panel_member(db):
    return make_user(Role.PANEL_MEMBER)


@pytest.fixture
def system_admin(db):
    return make_user(Role.SYSTEM_ADMIN)


@pytest.fixture
def other_business_manager(other_partnership):
    """A business manager of another partnership: must see nothing of `partnership`."""
    return make_user(Role.BUSINESS_MANAGER, other_partnership)


def make_incident(partnership, *, agency=None, reference="2026/001", **fields) -> Incident:
    """An incident awaiting notification with one named child ("Child K"), referred by `agency`."""
    fields = {
        "status": IncidentStatus.NOTIFICATION_DUE,
        "aware_on": dt.date(2026, 11, 23),
        "incident_on": dt.date(2026, 11, 21),
        "nature": IncidentNature.SERIOUS_HARM,
        "summary": "Infant admitted to hospital with unexplained fractures.",
        **fields,
    }
    incident = Incident.objects.create(partnership=partnership, reference=reference, **fields)
    Child.objects.create(
        partnership=partnership,
        incident=incident,
        name="Kai Testchild",
        pseudonym="Child K",
        date_of_birth=dt.date(2026, 5, 2),
        sex=Sex.MALE,
    )
    if agency is not None:
        incident.agencies_involved.add(agency)
        Referral.objects.create(
            partnership=partnership,
            incident=incident,
            received_on=fields["aware_on"],
            referrer_name="Pat Referrer",
            referrer_role="Detective sergeant",
            referrer_agency=agency,
            what_happened=fields["summary"],
        )
    return incident


@pytest.fixture
def incident(partnership, agency):
    """Northshire's incident 2026/001, referred by `agency` (the agency lead's), awaiting notification."""
    return make_incident(partnership, agency=agency)


@pytest.fixture
def other_incident(other_partnership):
    """Southshire's incident: nobody in Northshire may see it."""
    return make_incident(other_partnership, reference="2026/001")
