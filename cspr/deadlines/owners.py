"""Who owns a deadline: the people reminded about it and whose calendar feed shows it.

The steps table names a responsible body ("local authority", "review group", ...); this module turns it
into people of the incident's partnership. One rule serves both directions: `Owners.users()` for the
reminders (who to email), `Owners.includes(user)` for a calendar feed (is this step mine?), so the two
can never disagree. Only active accounts own anything.
"""

from dataclasses import dataclass

from cspr.accounts.models import Role, User
from cspr.clock import Step

# The role that owns each responsible body of the steps table; None: nobody in cspr (the Panel's own work).
ROLE_RESPONSIBLE = {
    "safeguarding partners": Role.BUSINESS_MANAGER,
    "partnership business unit": Role.BUSINESS_MANAGER,
    "agency lead": Role.AGENCY_LEAD,
    "review group": Role.REVIEW_GROUP_MEMBER,
    "executive": Role.EXECUTIVE_MEMBER,
    "independent reviewer": Role.INDEPENDENT_REVIEWER,
    "the Panel": None,
}
# The local authority acts through the incident's notifier; until one is named, the business managers.
LOCAL_AUTHORITY = "local authority"


@dataclass(frozen=True)
class Owners:
    """Either one named person (`user_id`) or everyone of `role` in the partnership (narrowed to the
    incident's involved agencies for agency leads); neither means nobody."""

    partnership_id: int
    user_id: int | None = None
    role: str | None = None
    agency_ids: frozenset[int] = frozenset()

    def includes(self, user) -> bool:
        if not user.is_active:
            return False
        if self.user_id is not None:
            return user.pk == self.user_id
        if self.role is None:
            return False
        if user.partnership_id != self.partnership_id or user.role != self.role:
            return False
        return self.role != Role.AGENCY_LEAD or user.agency_id in self.agency_ids

    def users(self):
        if self.user_id is not None:
            return User.objects.filter(pk=self.user_id, is_active=True)
        if self.role is None:
            return User.objects.none()
        users = User.objects.filter(partnership_id=self.partnership_id, role=self.role, is_active=True)
        if self.role == Role.AGENCY_LEAD:
            users = users.filter(agency_id__in=self.agency_ids)
        return users


def step_owners(incident, step: Step) -> Owners:
    """The owners of `step` for this incident (prefetch `notifier` and `agencies_involved` for lists)."""
    partnership_id = incident.partnership_id
    if step.responsible == LOCAL_AUTHORITY:
        notifier = incident.notifier
        if notifier is not None and notifier.is_active:
            return Owners(partnership_id, user_id=notifier.pk)
        return Owners(partnership_id, role=Role.BUSINESS_MANAGER)
    role = ROLE_RESPONSIBLE[step.responsible]
    if role == Role.AGENCY_LEAD:
        agencies = frozenset(agency.pk for agency in incident.agencies_involved.all())
        return Owners(partnership_id, role=role, agency_ids=agencies)
    return Owners(partnership_id, role=role)


def is_owned_outside_cspr(step: Step) -> bool:
    """A step nobody in cspr does (the Panel's response): shown and timed, but nobody is chased for it."""
    return ROLE_RESPONSIBLE.get(step.responsible, True) is None


def partnership_people(partnership_id: int, role: str):
    """The active people of one role in a partnership: the business managers and executive for escalation."""
    return User.objects.filter(partnership_id=partnership_id, role=role, is_active=True)
