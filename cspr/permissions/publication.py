"""Publication: gates, documents, the anonymisation check, publishing, withdrawal and the public pages."""

from cspr.accounts.models import Role

from .base import is_member_of
from .practice_reviews import _is_assigned_reviewer, _is_partnership_wide, _manages, can_view_practice_review


def can_prepare_publication(user, practice_review) -> bool:
    """Documents, copies to the Panel and the Secretary of State, the anonymisation check, the decision
    not to publish: the business manager."""
    return _manages(user, practice_review) and practice_review.published_on is None


def can_view_publication(user, practice_review) -> bool:
    """The publication page (gates, documents, checks): the partnership's decision makers."""
    return _is_partnership_wide(user, practice_review)


def can_waive_publication_gate(user, practice_review) -> bool:
    """Only an executive member may waive a gate, with a reason."""
    return (
        is_member_of(user, practice_review.partnership)
        and user.role == Role.EXECUTIVE_MEMBER
        and practice_review.published_on is None
    )


def can_publish(user, practice_review) -> bool:
    return _manages(user, practice_review) and practice_review.published_on is None


def can_withdraw_publication(user, practice_review) -> bool:
    """After 12 months the business manager may take a review down; before that only an executive member,
    with a recorded reason such as a court order (the 12-month rule is checked by the action)."""
    if not practice_review.is_published:
        return False
    if not is_member_of(user, practice_review.partnership):
        return False
    return user.role in (Role.BUSINESS_MANAGER, Role.EXECUTIVE_MEMBER)


def can_keep_published(user, practice_review) -> bool:
    """Keep a published review on the website after 12 months instead of "available on request"."""
    return _manages(user, practice_review) and practice_review.is_published


def can_download_submission_pack(user, practice_review) -> bool:
    """The pack for the national case review repository, once published."""
    return _manages(user, practice_review) and practice_review.is_published


# Learning briefings.


def can_edit_briefing(user, practice_review) -> bool:
    """The business manager and the review's reviewer write the briefings (also after publication, to
    correct them)."""
    return _manages(user, practice_review) or _is_assigned_reviewer(user, practice_review)


def can_view_briefing(user, practice_review) -> bool:
    """Before publication, those who see the review; after it, anyone (the public pages)."""
    return can_view_practice_review(user, practice_review)
