"""Presentation of audit entries."""

import datetime
from zoneinfo import ZoneInfo

from django import template

from cspr.audit.forms import object_type_label as _object_type_label
from cspr.core.templatetags.govuk import govuk_date

register = template.Library()

LONDON = ZoneInfo("Europe/London")


@register.filter
def govuk_datetime(value: datetime.datetime | None) -> str:
    """ "9 May 2023, 2:05pm" in London time, as the GOV.UK style guide writes times."""
    if value is None:
        return ""
    local = value.astimezone(LONDON)
    hour = local.hour % 12 or 12
    return f"{govuk_date(local)}, {hour}:{local.minute:02d}{'am' if local.hour < 12 else 'pm'}"


@register.filter
def object_type_label(object_type: str) -> str:
    return _object_type_label(object_type)


@register.filter
def change_value(value) -> str:
    """One side of a change, in words."""
    if value is None or value == "" or value == []:
        return "(blank)"
    if value is True:
        return "Yes"
    if value is False:
        return "No"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)
