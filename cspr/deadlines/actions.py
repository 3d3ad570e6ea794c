"""Changes to the statutory clock's settings and to calendar feeds, each atomic and audited.

Bank holiday changes take effect at once: `current_calendar()` reads the rows on every call and the plain
clock caches calendars on the exact set of overrides, so the next page or reminder uses the new one.
"""

from django.db import transaction
from django.utils import timezone

from cspr.audit.log import record
from cspr.audit.models import AuditAction
from cspr.clock import get_step

from .models import BankHolidayChange, CalendarFeed, LocalStepLength


@transaction.atomic
def do_add_bank_holiday_change(form, *, acting_user, request=None) -> BankHolidayChange:
    change = form.save(commit=False)
    change.created_by = acting_user
    change.save()
    record(
        AuditAction.CREATE,
        actor=acting_user,
        request=request,
        obj=change,
        changes={
            "date": [None, change.date.isoformat()],
            "change": [None, change.change],
            "name": [None, change.name],
            "source": [None, change.source],
        },
    )
    return change


@transaction.atomic
def do_delete_bank_holiday_change(change: BankHolidayChange, *, acting_user, request=None) -> None:
    record(
        AuditAction.DELETE,
        actor=acting_user,
        request=request,
        obj=change,
        changes={"date": [change.date.isoformat(), None], "change": [change.change, None]},
    )
    change.delete()


@transaction.atomic
def do_set_step_lengths(partnership, lengths: dict[str, int | None], *, acting_user, request=None) -> int:
    """Store the partnership's own lengths (None: back to the default). Returns how many changed."""
    current = {row.step_code: row for row in LocalStepLength.objects.filter(partnership=partnership)}
    changed = 0
    for code, length in lengths.items():
        get_step(code)  # an unknown code is a programming error, not a user's
        row = current.get(code)
        if (row is None and length is None) or (row is not None and row.length == length):
            continue
        changed += 1
        if length is None:
            record(
                AuditAction.DELETE,
                actor=acting_user,
                request=request,
                obj=row,
                changes={"length": [row.length, None]},
            )
            row.delete()
            continue
        before = row.length if row else None
        row, created = LocalStepLength.objects.update_or_create(
            partnership=partnership, step_code=code, defaults={"length": length, "changed_by": acting_user}
        )
        record(
            AuditAction.CREATE if created else AuditAction.CHANGE,
            actor=acting_user,
            request=request,
            obj=row,
            changes={"length": [before, length]},
        )
    return changed


@transaction.atomic
def do_create_calendar_feed(user, *, request=None) -> str:
    """A new secret feed address token for `user`, replacing any old one. Only its hash is stored."""
    token = CalendarFeed.new_token()
    replaced = CalendarFeed.objects.filter(user=user).delete()[0] > 0
    feed = CalendarFeed.objects.create(user=user, token_hash=CalendarFeed.hash_token(token))
    record(
        AuditAction.CHANGE if replaced else AuditAction.CREATE,
        actor=user,
        request=request,
        obj=feed,
        object_repr="Calendar feed address replaced" if replaced else "Calendar feed address created",
    )
    return token


@transaction.atomic
def do_revoke_calendar_feed(user, *, request=None) -> bool:
    """Stop the user's feed: its address returns "not found" from now on. False if there was none."""
    feed = CalendarFeed.objects.filter(user=user).first()
    if feed is None:
        return False
    record(AuditAction.DELETE, actor=user, request=request, obj=feed, object_repr="Calendar feed stopped")
    feed.delete()
    return True


def mark_feed_used(feed: CalendarFeed) -> None:
    """When the feed was last fetched, so its owner can tell whether a calendar still reads it."""
    CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=timezone.now())
