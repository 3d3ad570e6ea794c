"""The service navigation, computed from the permission module so that templates never decide access."""

from dataclasses import dataclass

from django.urls import reverse

from cspr import permissions
from cspr.accounts.models import Role


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    description: str = ""


def nav_items_for(user) -> list[NavItem]:
    if not permissions.is_signed_in(user):
        return []
    items = [NavItem("Home", reverse("core:home"))]
    items += case_items_for(user)
    partnership = user.partnership
    if partnership and permissions.can_view_partnership(user, partnership):
        items.append(
            NavItem(
                "Partnership",
                partnership.get_absolute_url(),
                f"{partnership.name}: local authorities, statutory partners and agencies",
            )
        )
    if partnership and permissions.can_view_audit_log(user, partnership):
        items.append(NavItem("Audit log", reverse("audit:log"), "Every sign-in, page view and change"))
    if permissions.can_manage_partnerships(user):
        items.append(
            NavItem("Partnerships", reverse("partnerships:list"), "Set up partnerships and agencies")
        )
    if permissions.can_manage_accounts(user):
        items.append(
            NavItem("Accounts", reverse("account-admin:list"), "Create, unlock and deactivate accounts")
        )
    items.append(NavItem("Your account", reverse("accounts:account"), "Password and authenticator app"))
    items.append(NavItem("Help", reverse("core:help")))
    return items


def case_items_for(user) -> list[NavItem]:
    """Incidents, rapid reviews and deadlines: what each role works on day to day comes first."""
    items = []
    if permissions.can_view_register(user):
        items.append(
            NavItem(
                "Incidents",
                reverse("incidents:register"),
                "Referrals, screening, notifications and deadlines",
            )
        )
    if permissions.can_view_national_register(user):
        items.append(
            NavItem("Incidents", reverse("incidents:register"), "Serious incidents notified to the Panel")
        )
    if permissions.can_refer(user):
        items.append(
            NavItem("Refer a case", reverse("incidents:refer"), "Ask the partnership to consider a case")
        )
    if permissions.can_view_my_returns(user):
        items.append(
            NavItem(
                "Agency returns",
                reverse("rapid_reviews:my-returns"),
                "What rapid reviews have asked of your agency, and your returns",
            )
        )
    if permissions.can_view_rapid_reviews(user):
        items.append(
            NavItem(
                "Rapid reviews",
                reverse("rapid_reviews:list"),
                "Rapid reviews received from every partnership"
                if permissions.can_view_national_register(user)
                else "Agency returns, review group, decision and report, within 15 working days",
            )
        )
    if permissions.can_view_practice_reviews(user):
        items.append(
            NavItem("Practice reviews", reverse("practice_reviews:list"), _practice_reviews_text(user))
        )
    if permissions.can_view_action_plans(user):
        items.append(NavItem("Action plans", reverse("action_plans:dashboard"), _action_plans_text(user)))
    items.append(
        NavItem(
            "Learning library",
            reverse("library:search"),
            "Published reviews from every partnership: search by theme, recommendations, trends",
        )
    )
    if permissions.can_view_upcoming_deadlines(user):
        items.append(
            NavItem("Deadlines", reverse("deadlines:fortnight"), "What is due in the next fortnight")
        )
    if permissions.can_view_overdue_rapid_reviews(user):
        items.append(
            NavItem(
                "Overdue rapid reviews",
                reverse("deadlines:panel-overdue"),
                "Rapid reviews past their 15 working days, in every partnership",
            )
        )
    if permissions.can_manage_thematic_reviews(user):
        items.append(
            NavItem(
                "Thematic reviews",
                reverse("rapid_reviews:thematic-reviews"),
                "Incidents grouped under the Panel's thematic reviews",
            )
        )
    if permissions.can_manage_bank_holidays(user):
        items.append(
            NavItem(
                "Bank holidays",
                reverse("deadlines:bank-holidays"),
                "Add a bank holiday announced at short notice",
            )
        )
    return items


def _practice_reviews_text(user) -> str:
    """What the practice reviews list holds for this user: the list is scoped, so say to what."""
    if permissions.can_view_national_register(user):
        return "Local reviews the Panel has been told of, and national reviews"
    if permissions.has_role(user, Role.INDEPENDENT_REVIEWER):
        return "The reviews you are appointed to, and declarations of interest"
    if permissions.has_role(user, Role.AGENCY_LEAD):
        return "The reviews whose review panel you sit on"
    return "Commissioning, review, quality assurance, publication and briefings"


def _action_plans_text(user) -> str:
    if permissions.has_role(user, Role.AGENCY_LEAD):
        return "Your agency's actions: report progress and send evidence"
    return "Recommendations, agencies' actions, evidence and assurance"
