"""The learning library: public entries are for everyone, signed in or not; a draft (being checked before
it goes public) is for its partnership's decision makers, or for administrators and the Panel when it was
imported nationally. Business managers import and check their partnership's entries; administrators
import national ones and keep the theme taxonomy."""

from django.db.models import Q

from cspr.accounts.models import Role

from .base import PARTNERSHIP_WIDE_ROLES, has_role, is_member_of, is_signed_in

NATIONAL_LIBRARIANS = (Role.SYSTEM_ADMIN, Role.PANEL_MEMBER)


def visible_library_entries(user, queryset):
    """Scope a `LibraryEntry` queryset: the one rule every library page, search and chart goes through."""
    public = Q(status="public")
    if not is_signed_in(user):
        return queryset.filter(public)
    if user.role in PARTNERSHIP_WIDE_ROLES:
        return queryset.filter(public | Q(partnership_id=user.partnership_id))
    if user.role in NATIONAL_LIBRARIANS:
        return queryset.filter(public | Q(partnership__isnull=True))
    return queryset.filter(public)


def can_view_library_entry(user, entry) -> bool:
    if entry.status == "public":
        return True
    if entry.partnership_id is None:
        return has_role(user, *NATIONAL_LIBRARIANS)
    return is_member_of(user, entry.partnership) and user.role in PARTNERSHIP_WIDE_ROLES


def can_import_to_library(user) -> bool:
    """Business managers add their partnership's reviews; administrators add reviews for the country."""
    return has_role(user, Role.BUSINESS_MANAGER, Role.SYSTEM_ADMIN)


def can_edit_library_entry(user, entry) -> bool:
    """Correcting the metadata, confirming themes and putting a draft into the public library."""
    if entry.partnership_id is None:
        return has_role(user, Role.SYSTEM_ADMIN)
    return is_member_of(user, entry.partnership) and user.role == Role.BUSINESS_MANAGER


def can_adopt_library_recommendation(user) -> bool:
    """Adding a recommendation from any review the person can read to their own partnership's action plan."""
    return has_role(user, Role.BUSINESS_MANAGER, Role.REVIEW_GROUP_MEMBER)


def can_manage_themes(user) -> bool:
    return has_role(user, Role.SYSTEM_ADMIN)


def can_view_library_analytics(user, partnership=None) -> bool:
    """The national picture is public, like the Panel's annual report; a partnership's own page (with its
    statutory clock figures) is for its people and the Panel."""
    if partnership is None:
        return True
    if has_role(user, Role.PANEL_MEMBER):
        return True
    return is_member_of(user, partnership) and user.role in PARTNERSHIP_WIDE_ROLES
