"""Adopting a library review's recommendation into the partnership's own action plan, in one click.

The recommendation goes into the plan for the entry: the practice review's own plan when the entry is the
partnership's review published in cspr and the plan exists, otherwise a plan for the library review
(source "library", one per partnership and entry), started today. It is written through the action plans'
own `do_save_recommendation`, so numbering, audit and rules stay theirs: the next free number, kind
"recommendation", the entry's confirmed themes, due in six months; the business manager then chooses the
agencies it is addressed to on the recommendation's page. Adopting the same recommendation twice adds
nothing: the partnership's existing recommendation is returned.
"""

import calendar
import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from cspr.action_plans.actions.plans import do_save_recommendation
from cspr.action_plans.models import ActionPlan, Recommendation, RecommendationKind, Source
from cspr.audit.log import record
from cspr.audit.models import AuditAction

from ..models import EntryTheme, LibraryEntry, LibraryRecommendation, ThemeState

DUE_AFTER_MONTHS = 6


@dataclass
class Adoption:
    recommendation: Recommendation  # the partnership's recommendation in its action plan
    added: bool  # False when it was already there


def months_later(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day when it is shorter (31 August -> 28 February)."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def adopted(partnership, library_recommendation: LibraryRecommendation) -> Recommendation | None:
    """The partnership's recommendation taken from this library recommendation, if it has one."""
    return (
        Recommendation.objects.filter(partnership=partnership, library_recommendation=library_recommendation)
        .select_related("plan")
        .first()
    )


def plan_for_entry(partnership, entry: LibraryEntry) -> ActionPlan | None:
    """The plan adopted recommendations of this entry go to, if it exists yet."""
    review = entry.practice_review
    if review is not None and review.partnership_id == partnership.pk:
        own = ActionPlan.objects.filter(practice_review=review).first()
        if own is not None:
            return own
    return ActionPlan.objects.filter(
        partnership=partnership, source=Source.LIBRARY, library_entry=entry
    ).first()


def _start_library_plan(partnership, entry: LibraryEntry, *, acting_user, request) -> ActionPlan:
    today = timezone.localdate()
    plan = ActionPlan.objects.create(
        partnership=partnership,
        source=Source.LIBRARY,
        library_entry=entry,
        national_report=entry.title[:300],
        national_report_url=settings.SITE_URL + entry.get_absolute_url(),
        agreed_on=today,
        created_by=acting_user,
    )
    record(
        AuditAction.CREATE,
        actor=acting_user,
        request=request,
        obj=plan,
        changes={
            "source": [None, Source.LIBRARY],
            "library_entry": [None, entry.pk],
            "agreed_on": [None, today.isoformat()],
        },
    )
    return plan


def _confirmed_theme_ids(entry: LibraryEntry) -> list[int]:
    """The entry's confirmed themes (asked of `EntryTheme`: its theme link has no reverse name)."""
    confirmed = EntryTheme.objects.filter(entry=entry, state=ThemeState.CONFIRMED)
    return list(confirmed.values_list("theme_id", flat=True))


@transaction.atomic
def do_adopt(library_recommendation: LibraryRecommendation, *, acting_user, request) -> Adoption:
    """Add the library recommendation to the acting user's partnership's action plan for its entry."""
    partnership = acting_user.partnership
    existing = adopted(partnership, library_recommendation)
    if existing is not None:
        return Adoption(existing, added=False)
    entry = library_recommendation.entry
    plan = plan_for_entry(partnership, entry) or _start_library_plan(
        partnership, entry, acting_user=acting_user, request=request
    )
    # One adoption at a time per plan: the number is the next free one, and a double click adds nothing.
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    existing = adopted(partnership, library_recommendation)
    if existing is not None:
        return Adoption(existing, added=False)
    taken = plan.recommendations.aggregate(highest=Max("number"))["highest"] or 0
    recommendation = do_save_recommendation(
        plan,
        None,
        fields={
            "number": taken + 1,
            "kind": RecommendationKind.RECOMMENDATION,
            "text": library_recommendation.text,
            "due_on": months_later(timezone.localdate(), DUE_AFTER_MONTHS),
        },
        agency_ids=[],
        theme_ids=_confirmed_theme_ids(entry),
        acting_user=acting_user,
        request=request,
    )
    recommendation.library_recommendation = library_recommendation
    recommendation.save(update_fields=["library_recommendation"])
    record(
        AuditAction.CHANGE,
        actor=acting_user,
        request=request,
        obj=recommendation,
        changes={"library_recommendation": [None, library_recommendation.pk]},
    )
    return Adoption(recommendation, added=True)


@transaction.atomic
def do_adopt_all(entry: LibraryEntry, *, acting_user, request) -> list[Adoption]:
    """Adopt every recommendation of the entry, all or none; those already in the plan stay as they are."""
    return [
        do_adopt(library_recommendation, acting_user=acting_user, request=request)
        for library_recommendation in entry.recommendations.order_by("position")
    ]
