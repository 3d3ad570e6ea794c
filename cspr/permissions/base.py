"""Roles, signing in and the one rule of record visibility; the partnership's own set-up."""

from cspr.accounts.models import Role

# Roles that see everything their partnership holds.
PARTNERSHIP_WIDE_ROLES = {Role.BUSINESS_MANAGER, Role.REVIEW_GROUP_MEMBER, Role.EXECUTIVE_MEMBER}


def is_signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def has_role(user, *roles) -> bool:
    return is_signed_in(user) and user.role in roles


def visible_records(user, queryset):
    """Scope any queryset of a `PartnershipRecord` model to what this user may see."""
    model = queryset.model
    if not is_signed_in(user):
        return queryset.none()
    if user.role == Role.SYSTEM_ADMIN:
        return queryset.none() if model.is_case_data else queryset
    if user.role == Role.PANEL_MEMBER:
        return model.sent_to_panel(queryset)
    if user.role in PARTNERSHIP_WIDE_ROLES:
        return queryset.filter(partnership_id=user.partnership_id)
    if user.role == Role.AGENCY_LEAD:
        return model.narrow_for(user, queryset.filter(partnership_id=user.partnership_id))
    if user.role == Role.INDEPENDENT_REVIEWER:
        return model.narrow_for(user, queryset)
    return queryset.none()


def is_member_of(user, partnership) -> bool:
    return is_signed_in(user) and partnership is not None and user.partnership_id == partnership.pk


def can_manage_partnerships(user) -> bool:
    """System administrators set up partnerships and their agencies; they read no case data."""
    return has_role(user, Role.SYSTEM_ADMIN)


def can_manage_accounts(user) -> bool:
    return has_role(user, Role.SYSTEM_ADMIN)


def can_view_partnership(user, partnership) -> bool:
    """The partnership's own people (not independent reviewers) and administrators see its set-up."""
    if can_manage_partnerships(user):
        return True
    if not is_member_of(user, partnership):
        return False
    return user.role in PARTNERSHIP_WIDE_ROLES or user.role == Role.AGENCY_LEAD


def can_manage_agencies(user, partnership) -> bool:
    if can_manage_partnerships(user):
        return True
    return is_member_of(user, partnership) and user.role == Role.BUSINESS_MANAGER


def can_view_audit_log(user, partnership) -> bool:
    """A partnership's business manager reads its audit log; nobody edits it anywhere."""
    return is_member_of(user, partnership) and user.role == Role.BUSINESS_MANAGER
