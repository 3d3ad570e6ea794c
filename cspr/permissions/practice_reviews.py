"""Practice reviews: commissioning, running, quality assurance. Independent reviewers see a review only once
they have declared no conflict of interest (`PracticeReview.narrow_for`); agency leads only the reviews
whose review panel they sit on."""

from cspr.accounts.models import Role

from .base import PARTNERSHIP_WIDE_ROLES, has_role, is_member_of


def _is_assigned_reviewer(user, practice_review) -> bool:
    """An independent reviewer of this review who has declared no conflict and still has access."""
    if not has_role(user, Role.INDEPENDENT_REVIEWER):
        return False
    return practice_review.reviewer_assignments.filter(
        reviewer=user, declaration="no_conflict", ended_on__isnull=True
    ).exists()


def _sits_on_review_panel(user, practice_review) -> bool:
    return has_role(user, Role.AGENCY_LEAD) and practice_review.panel_members.filter(user=user).exists()


def _is_partnership_wide(user, practice_review) -> bool:
    return is_member_of(user, practice_review.partnership) and user.role in PARTNERSHIP_WIDE_ROLES


def _manages(user, practice_review) -> bool:
    return is_member_of(user, practice_review.partnership) and user.role == Role.BUSINESS_MANAGER


def can_view_practice_reviews(user) -> bool:
    """The list of practice reviews: everyone who may see at least one (the list is scoped)."""
    return has_role(
        user,
        Role.BUSINESS_MANAGER,
        Role.REVIEW_GROUP_MEMBER,
        Role.EXECUTIVE_MEMBER,
        Role.AGENCY_LEAD,
        Role.INDEPENDENT_REVIEWER,
        Role.PANEL_MEMBER,
    )


def can_view_practice_review(user, practice_review) -> bool:
    """The review's status page: the partnership's decision makers, its declared reviewers and its review
    panel; the Panel once it has been told of the review (or leads it)."""
    if has_role(user, Role.PANEL_MEMBER):
        return (
            practice_review.kind == "national_review"
            or practice_review.notices.filter(recipient="panel").exists()
        )
    if _is_partnership_wide(user, practice_review):
        return True
    return _is_assigned_reviewer(user, practice_review) or _sits_on_review_panel(user, practice_review)


def can_commission_practice_review(user) -> bool:
    """The business manager records the partners' decision to start a practice or learning review."""
    return has_role(user, Role.BUSINESS_MANAGER)


def can_manage_practice_review(user, practice_review) -> bool:
    """Terms of reference, notices, reviewer, review panel, parallel processes: the business manager, until
    the review is published or withdrawn."""
    return _manages(user, practice_review) and practice_review.published_on is None


def can_declare_conflicts(user, assignment) -> bool:
    """Only the reviewer themselves declares, and only while the declaration is awaited."""
    return (
        has_role(user, Role.INDEPENDENT_REVIEWER)
        and assignment.reviewer_id == user.pk
        and assignment.declaration == "awaited"
        and assignment.ended_on is None
    )


def can_record_involvement(user, practice_review) -> bool:
    """Family and practitioner involvement: the business manager or the review's reviewer."""
    if practice_review.published_on is not None:
        return False
    return _manages(user, practice_review) or _is_assigned_reviewer(user, practice_review)


def can_record_monitoring(user, practice_review) -> bool:
    """The partners monitor time and quality: business manager and executive members."""
    if not is_member_of(user, practice_review.partnership) or practice_review.published_on is not None:
        return False
    return user.role in (Role.BUSINESS_MANAGER, Role.EXECUTIVE_MEMBER)


def can_view_drafts(user, practice_review) -> bool:
    """Drafts are working documents: not the Panel (it receives the final report as a copy)."""
    return can_view_practice_review(user, practice_review) and not has_role(user, Role.PANEL_MEMBER)


def can_upload_draft(user, practice_review) -> bool:
    if practice_review.published_on is not None:
        return False
    return _manages(user, practice_review) or _is_assigned_reviewer(user, practice_review)


def can_comment_on_draft(user, practice_review) -> bool:
    """The review panel, the partnership's decision makers and the reviewer comment on drafts."""
    return can_view_drafts(user, practice_review) and practice_review.published_on is None


def can_view_review_chronology(user, practice_review) -> bool:
    """The integrated chronology of the rapid reviews the review came from: partnership-wide roles and the
    declared reviewer (never before the declaration)."""
    return _is_partnership_wide(user, practice_review) or _is_assigned_reviewer(user, practice_review)


def can_answer_quality_assurance(user, practice_review) -> bool:
    """The business manager and the review group check the final report against the checklists."""
    if not is_member_of(user, practice_review.partnership) or practice_review.published_on is not None:
        return False
    return user.role in (Role.BUSINESS_MANAGER, Role.REVIEW_GROUP_MEMBER)


def can_sign_off_for_review_group(user, practice_review) -> bool:
    return (
        is_member_of(user, practice_review.partnership)
        and user.role == Role.REVIEW_GROUP_MEMBER
        and practice_review.published_on is None
    )


def can_sign_off_for_executive(user, practice_review) -> bool:
    return (
        is_member_of(user, practice_review.partnership)
        and user.role == Role.EXECUTIVE_MEMBER
        and practice_review.published_on is None
    )


def can_record_partners_response(user, practice_review) -> bool:
    """The partners' written response to the report: business manager or executive member."""
    if not is_member_of(user, practice_review.partnership) or practice_review.published_on is not None:
        return False
    return user.role in (Role.BUSINESS_MANAGER, Role.EXECUTIVE_MEMBER)
