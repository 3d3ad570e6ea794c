"""Incidents: referral, screening, notification and the register."""

from cspr.accounts.models import Role

from .base import PARTNERSHIP_WIDE_ROLES, has_role, is_member_of, is_signed_in


def can_refer(user) -> bool:
    """Agency leads refer in the product; business managers also record referrals received elsewhere."""
    return has_role(user, Role.AGENCY_LEAD, Role.BUSINESS_MANAGER)


def can_record_referral(user) -> bool:
    """Recording a referral received by email, phone or letter, with the original attached."""
    return has_role(user, Role.BUSINESS_MANAGER)


def can_view_register(user) -> bool:
    """The partnership's incident register; agency leads see their own agency's part of it."""
    return has_role(
        user, Role.BUSINESS_MANAGER, Role.REVIEW_GROUP_MEMBER, Role.EXECUTIVE_MEMBER, Role.AGENCY_LEAD
    )


def can_export_register(user) -> bool:
    return has_role(user, Role.BUSINESS_MANAGER)


def can_edit_incident(user, incident) -> bool:
    return is_member_of(user, incident.partnership) and user.role == Role.BUSINESS_MANAGER


def can_screen(user, incident) -> bool:
    """The business manager records the screening decision and the partners' agreement."""
    return is_member_of(user, incident.partnership) and user.role == Role.BUSINESS_MANAGER


def can_notify(user, incident) -> bool:
    """The business manager and the incident's local authority notifier complete the notification."""
    if not is_member_of(user, incident.partnership):
        return False
    return user.role == Role.BUSINESS_MANAGER or incident.notifier_id == user.pk


def can_see_child_names(user, incident) -> bool:
    """Only business managers and the notifier see a child's name; everyone else sees the pseudonym."""
    return can_notify(user, incident)


def can_view_national_register(user) -> bool:
    """Panel members see, across every partnership, the incidents notified to the Panel."""
    return has_role(user, Role.PANEL_MEMBER)


def can_view_notification(user, incident) -> bool:
    """Who reads a serious incident notification (not who may see the incident at all).

    Those who complete it; the partnership's review group and executive; and the Panel, once it has been
    sent (the Panel sees submitted versions only, through `Notification.sent_to_panel`). Agency leads read
    it only as its notifier, and independent reviewers not at all.
    """
    if can_notify(user, incident):
        return True
    if has_role(user, Role.PANEL_MEMBER):
        return incident.notified_on is not None
    if not is_member_of(user, incident.partnership):
        return False
    return user.role in (Role.REVIEW_GROUP_MEMBER, Role.EXECUTIVE_MEMBER)


# Deadlines: the statutory clock's settings, lists of what is due, and calendar feeds.


def can_manage_bank_holidays(user) -> bool:
    """Bank holidays are national: system administrators add a newly announced one for everyone."""
    return has_role(user, Role.SYSTEM_ADMIN)


def can_change_step_lengths(user) -> bool:
    """The business manager sets their partnership's lengths for the local steps of a review."""
    return has_role(user, Role.BUSINESS_MANAGER)


def can_view_upcoming_deadlines(user) -> bool:
    """The partnership's people see what is due; agency leads only for the incidents they can see."""
    return has_role(
        user, Role.BUSINESS_MANAGER, Role.REVIEW_GROUP_MEMBER, Role.EXECUTIVE_MEMBER, Role.AGENCY_LEAD
    )


def can_view_overdue_rapid_reviews(user) -> bool:
    """The Panel follows rapid reviews overdue across every partnership."""
    return has_role(user, Role.PANEL_MEMBER)


def can_have_calendar_feed(user) -> bool:
    """Anyone signed in may subscribe to the deadlines they are responsible for."""
    return is_signed_in(user)


def can_view_screening(user, incident) -> bool:
    """The partnership's business manager, review group and executive read the screening and its reasons."""
    if not is_member_of(user, incident.partnership):
        return False
    return user.role in PARTNERSHIP_WIDE_ROLES
