"""Records the permission matrix (tests/test_permission_matrix.py) needs for the deadlines URLs."""

import datetime as dt

from cspr.deadlines.models import BankHolidayChange, CalendarFeed


def bank_holiday_change_kwargs(ctx) -> dict:
    change = BankHolidayChange.objects.create(
        date=dt.date(2027, 6, 14), change="add", name="One-off bank holiday", source="https://www.gov.uk/"
    )
    return {"pk": change.pk}


def calendar_feed_kwargs(ctx) -> dict:
    """The business manager's feed: its secret address works for whoever holds it, signed in or not."""
    token = CalendarFeed.new_token()
    user = ctx["business_manager_account"]
    CalendarFeed.objects.create(user=user, token_hash=CalendarFeed.hash_token(token))
    return {"token": token}
