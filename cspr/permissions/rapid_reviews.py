"""Rapid reviews: agency returns, the integrated chronology, the review group, the executive decision, the
report and the Panel's response. Nothing of a rapid review changes once it is sent to the Panel."""

from cspr.accounts.models import Role

from .base import PARTNERSHIP_WIDE_ROLES, has_role, is_member_of


def can_view_rapid_reviews(user) -> bool:
    """The list of rapid reviews: the partnership's people, and the Panel for those sent to it."""
    return has_role(
        user, Role.BUSINESS_MANAGER, Role.REVIEW_GROUP_MEMBER, Role.EXECUTIVE_MEMBER, Role.PANEL_MEMBER
    )


def can_view_rapid_review(user, rapid_review) -> bool:
    """The whole rapid review: the partnership's business manager, review group and executive; the Panel
    once it has been sent. Agency leads see only their own agency's return."""
    if has_role(user, Role.PANEL_MEMBER):
        return rapid_review.is_sent
    if not is_member_of(user, rapid_review.partnership):
        return False
    return user.role in PARTNERSHIP_WIDE_ROLES


def _manages_unsent(user, rapid_review) -> bool:
    return (
        is_member_of(user, rapid_review.partnership)
        and user.role == Role.BUSINESS_MANAGER
        and not rapid_review.is_sent
    )


def can_request_returns(user, rapid_review) -> bool:
    """The business manager picks the agencies involved and sends each a request."""
    return _manages_unsent(user, rapid_review)


def can_view_my_returns(user) -> bool:
    """An agency's safeguarding lead has a list of the returns asked of their agency."""
    return has_role(user, Role.AGENCY_LEAD)


def can_view_agency_return(user, agency_return) -> bool:
    if is_member_of(user, agency_return.partnership) and user.role == Role.AGENCY_LEAD:
        return user.agency_id == agency_return.agency_id
    return can_view_rapid_review(user, agency_return.rapid_review) and not has_role(user, Role.PANEL_MEMBER)


def can_complete_return(user, agency_return) -> bool:
    """The agency's lead completes the return (the business manager may, for an agency with no lead in cspr)
    until it is submitted; a reopened return is editable again."""
    if not agency_return.is_editable or agency_return.rapid_review.is_sent:
        return False
    if not is_member_of(user, agency_return.partnership):
        return False
    if user.role == Role.AGENCY_LEAD:
        return user.agency_id == agency_return.agency_id
    return user.role == Role.BUSINESS_MANAGER


def can_reopen_return(user, agency_return) -> bool:
    """Only the business manager reopens a submitted return, giving a reason."""
    return _manages_unsent(user, agency_return.rapid_review) and not agency_return.is_editable


def can_view_chronology(user, rapid_review) -> bool:
    """The integrated chronology merges every agency's entries, so only partnership-wide roles read it."""
    return is_member_of(user, rapid_review.partnership) and user.role in PARTNERSHIP_WIDE_ROLES


def can_review_duplicates(user, rapid_review) -> bool:
    """The business manager and the review group decide whether two entries report the same event."""
    if not is_member_of(user, rapid_review.partnership):
        return False
    return user.role in (Role.BUSINESS_MANAGER, Role.REVIEW_GROUP_MEMBER)


def can_record_review_group(user, rapid_review) -> bool:
    """The meeting, immediate actions, learning and recommendation: business manager or review group."""
    if not is_member_of(user, rapid_review.partnership) or rapid_review.is_sent:
        return False
    return user.role in (Role.BUSINESS_MANAGER, Role.REVIEW_GROUP_MEMBER)


def can_record_executive_decision(user, rapid_review) -> bool:
    """An executive member records the partners' decision (or the business manager, on their behalf)."""
    if not is_member_of(user, rapid_review.partnership) or rapid_review.is_sent:
        return False
    return user.role in (Role.BUSINESS_MANAGER, Role.EXECUTIVE_MEMBER)


def can_edit_report(user, rapid_review) -> bool:
    return _manages_unsent(user, rapid_review)


def can_send_rapid_review(user, rapid_review) -> bool:
    """The business manager records the report as sent to the Panel once the executive has decided."""
    return _manages_unsent(user, rapid_review)


def can_download_report(user, rapid_review) -> bool:
    return can_view_rapid_review(user, rapid_review)


def can_respond_to_rapid_review(user, rapid_review) -> bool:
    """Panel members record the Panel's response to a rapid review sent to it."""
    return has_role(user, Role.PANEL_MEMBER) and rapid_review.is_sent


def can_manage_thematic_reviews(user) -> bool:
    """The Panel groups incidents sent to it under its thematic reviews."""
    return has_role(user, Role.PANEL_MEMBER)


def can_view_review_group(user, rapid_review) -> bool:
    """The review group's working record (attendees, immediate actions, decision) stays in the partnership:
    the Panel reads what the partnership concluded in the report it was sent."""
    return is_member_of(user, rapid_review.partnership) and user.role in PARTNERSHIP_WIDE_ROLES


def can_view_returns(user, rapid_review) -> bool:
    """The table of every agency's return on the rapid review page: the partnership's decision makers. The
    Panel reads the agencies' involvement in the report it was sent, not the returns themselves."""
    return is_member_of(user, rapid_review.partnership) and user.role in PARTNERSHIP_WIDE_ROLES
