"""`cspr demo`: loads the demo partnerships and one person of each role; running it twice changes nothing."""

from dataclasses import dataclass, field

from django.db import transaction

from cspr.accounts.models import Role, User
from cspr.demo.action_plans import load_demo_action_plans
from cspr.demo.incidents import load_demo_incidents
from cspr.demo.library import load_demo_library
from cspr.demo.partnerships import PARTNERSHIPS
from cspr.demo.practice_reviews import load_demo_practice_reviews
from cspr.partnerships.models import Agency, AgencyKind, LocalAuthority, Partnership

DEMO_PASSWORD = "demo-password-not-for-real-use"  # noqa: S105 - printed to the person running the demo

# (role, local part of the email, fictional full name, job title)
PARTNERSHIP_PEOPLE = [
    (Role.BUSINESS_MANAGER, "business.manager", "Business Manager", "Partnership business manager"),
    (Role.REVIEW_GROUP_MEMBER, "review.group", "Review Group Member", "Designated nurse, review group"),
    (Role.EXECUTIVE_MEMBER, "executive", "Executive Member", "Director of children's services"),
    (Role.AGENCY_LEAD, "agency.lead", "Agency Lead", "Named safeguarding lead"),
    (Role.INDEPENDENT_REVIEWER, "reviewer", "Independent Reviewer", "Independent reviewer"),
]
NATIONAL_PEOPLE = [
    (Role.PANEL_MEMBER, "panel.member1@panel.example", "Panel Member One", "Panel member"),
    (Role.PANEL_MEMBER, "panel.member2@panel.example", "Panel Member Two", "Panel member"),
    (Role.SYSTEM_ADMIN, "admin@cspr.example", "System Administrator", "Service administrator"),
]


@dataclass
class DemoResult:
    password: str
    users: list[User] = field(default_factory=list)
    created: int = 0


@transaction.atomic
def load_demo(only_if_empty: bool = False) -> DemoResult:
    """Load (or with only_if_empty, just list) the demo people; what exists already is left as it is."""
    result = DemoResult(DEMO_PASSWORD)
    if only_if_empty and Partnership.objects.exists():
        result.users = list(User.objects.filter(email__endswith=".example").select_related("partnership"))
        return result
    # The Panel's people first: the demo rapid reviews record the Panel's responses as one of them.
    national = [
        _person(result, email, role, full_name, job, None, None)
        for role, email, full_name, job in NATIONAL_PEOPLE
    ]
    for number, (slug, name, councils, icb, police, agencies) in enumerate(PARTNERSHIPS):
        partnership, created = Partnership.objects.get_or_create(
            slug=slug, defaults={"name": name, "integrated_care_board": icb, "police_force": police}
        )
        result.created += created
        for council in councils:
            LocalAuthority.objects.get_or_create(partnership=partnership, name=council)
        for agency_name, kind, statutory in agencies:
            Agency.objects.get_or_create(
                partnership=partnership,
                name=agency_name,
                defaults={"kind": kind, "is_statutory_partner": statutory},
            )
        for role, local, full_name, job in PARTNERSHIP_PEOPLE:
            email = f"{local}@{slug}.example"
            agency = _lead_agency(partnership) if role == Role.AGENCY_LEAD else None
            result.users.append(
                _person(result, email, role, f"{full_name} ({name.split()[0]})", job, partnership, agency)
            )
        result.created += load_demo_incidents(partnership, number)
        result.created += load_demo_practice_reviews(partnership, number)
        result.created += load_demo_action_plans(partnership, number)
        result.created += load_demo_library(partnership, number)
    result.users += national
    return result


def _lead_agency(partnership: Partnership) -> Agency:
    """The demo agency lead works for the health visiting service: it knows most babies."""
    return Agency.objects.filter(partnership=partnership, kind=AgencyKind.HEALTH_VISITING).first()


def _person(result, email, role, full_name, job, partnership, agency) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email,
            DEMO_PASSWORD,
            full_name=full_name,
            job_title=job,
            role=role,
            partnership=partnership,
            agency=agency,
        )
        result.created += 1
    return user
