"""Action plans: the partnership's decision makers see every plan; agency leads see and update only their
own agency's actions (`Action.narrow_for`); the business manager and the review group write the plans and
assure the actions; the Panel and independent reviewers see none of it."""

from cspr.accounts.models import Role

from .base import PARTNERSHIP_WIDE_ROLES, has_role, is_member_of

PLAN_WRITERS = (Role.BUSINESS_MANAGER, Role.REVIEW_GROUP_MEMBER)


def can_view_action_plans(user) -> bool:
    """The dashboard: the partnership's decision makers, and agency leads for their own agency's list."""
    return has_role(
        user, Role.BUSINESS_MANAGER, Role.REVIEW_GROUP_MEMBER, Role.EXECUTIVE_MEMBER, Role.AGENCY_LEAD
    )


def can_write_action_plans(user) -> bool:
    """Starting a plan, writing recommendations and agreeing actions with the agencies."""
    return has_role(user, *PLAN_WRITERS)


def can_edit_plan(user, plan) -> bool:
    return is_member_of(user, plan.partnership) and user.role in PLAN_WRITERS


def can_edit_action(user, action) -> bool:
    """Changing what was agreed (what, who, when, measure): not once the action is assured."""
    return can_edit_plan(user, action.recommendation.plan) and action.status != "assured"


def can_update_action(user, action) -> bool:
    """Progress notes, status and evidence: the agency's own leads, and the business manager recording an
    update received by email; an assured action is finished."""
    if action.status == "assured" or not is_member_of(user, action.partnership):
        return False
    if user.role == Role.AGENCY_LEAD:
        return user.agency_id == action.agency_id
    return user.role == Role.BUSINESS_MANAGER


def can_assure_action(user, action) -> bool:
    """The business manager or a review group member reviews a complete action's evidence."""
    return (
        is_member_of(user, action.partnership) and user.role in PLAN_WRITERS and action.status == "complete"
    )


def can_export_action_plans(user) -> bool:
    """The XLSX action plan: each person gets the rows they can see."""
    return can_view_action_plans(user)


def can_import_action_plans(user) -> bool:
    """Re-importing the XLSX: agency leads for their own rows, the business manager for every row."""
    return has_role(user, Role.AGENCY_LEAD, Role.BUSINESS_MANAGER)


def can_download_progress_report(user, plan) -> bool:
    """The one-page progress report for the executive meeting."""
    return is_member_of(user, plan.partnership) and user.role in PARTNERSHIP_WIDE_ROLES
