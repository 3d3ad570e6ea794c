"""Showing chronology dates as the chronology writes them: "22 May 2016", "about 22 May 2016", "May 2016"."""

from django import template

from ..dates import display_date

register = template.Library()


@register.filter
def start_date(entry) -> str:
    return display_date(entry.start_on, entry.start_precision)
