"""Forms of the chronology pages: one entry, an upload, the integrated chronology's filters, a decision on a
flagged pair. They own their messages, in the GOV.UK voice."""

import datetime as dt

from django import forms
from django.db.models import Q
from django.utils import timezone

from cspr.core.forms import GovukDateField

from . import dates, gaps, upload
from .models import ChronologyEntry, DatePrecision, EventType


class EntryForm(forms.Form):
    """Every column of a chronology entry; the start date is text, as records give it."""

    reference = forms.CharField(label="Event reference (optional)", required=False, max_length=40)
    start_date = forms.CharField(
        label="Start date",
        max_length=40,
        help_text="For example, 22/05/2016. If the day is not certain, write ?22/05/2016; if only the month "
        "or year is known, write May 2016 or 2016",
        error_messages={"required": "Enter the date the event started"},
    )
    start_time = forms.CharField(
        label="Start time (optional)", required=False, help_text="24-hour clock, for example 14:30"
    )
    end_date = GovukDateField(
        label="End date (optional)",
        required=False,
        help_text="For an event that lasted more than a day, for example 24 5 2016",
        error_messages={"invalid": "The end date must be a real date"},
    )
    end_time = forms.CharField(label="End time (optional)", required=False, help_text="For example, 16:00")
    source_reference = forms.CharField(
        label="Source",
        max_length=200,
        help_text="The record or document the entry comes from",
        error_messages={"required": "Enter the record or document the entry comes from"},
    )
    practitioner_role = forms.CharField(
        label="Practitioner role (optional)", required=False, max_length=200, help_text="A role, never a name"
    )
    event_type = forms.ChoiceField(
        label="Event type",
        choices=[("", "Choose the event type"), *EventType.choices],
        error_messages={"required": "Select the event type"},
    )
    facts = forms.CharField(
        label="Event detail (facts)",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What happened: facts, not opinion",
        error_messages={"required": "Enter what happened"},
    )
    action_outcome = forms.CharField(
        label="Action or outcome (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    significance = forms.CharField(
        label="Significance for the child (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Your analysis, kept apart from the facts",
    )
    key_practice_episode = forms.BooleanField(label="This is a key practice episode", required=False)
    reviewer_note = forms.CharField(
        label="Reviewer note (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    @classmethod
    def for_entry(cls, entry: ChronologyEntry, data=None) -> "EntryForm":
        initial = {
            name: getattr(entry, name)
            for name in (
                "reference",
                "end_time",
                "source_reference",
                "practitioner_role",
                "event_type",
                "facts",
                "action_outcome",
                "significance",
                "key_practice_episode",
                "reviewer_note",
            )
        }
        initial["start_date"] = entry.start_as_written or dates.display_date(
            entry.start_on, entry.start_precision
        )
        initial["start_time"] = entry.start_time.strftime("%H:%M") if entry.start_time else ""
        initial["end_time"] = entry.end_time.strftime("%H:%M") if entry.end_time else ""
        initial["end_date"] = entry.end_on
        return cls(data, initial=initial)

    def clean_start_date(self):
        try:
            return dates.parse_start_date(self.cleaned_data["start_date"], today=timezone.localdate())
        except dates.DateError as error:
            raise forms.ValidationError(_sentence(f"The start date {error}")) from None

    def clean_start_time(self):
        return self._time("start_time", "start")

    def clean_end_time(self):
        return self._time("end_time", "end")

    def _time(self, name: str, which: str):
        text = self.cleaned_data[name].strip()
        if not text:
            return None
        try:
            return dates.parse_time(text)
        except dates.DateError:
            raise forms.ValidationError(
                f"The {which} time must be a real time on the 24-hour clock, like 14:30"
            ) from None

    def clean(self):
        cleaned = super().clean()
        start, end_on = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end_on and end_on < start.on:
            self.add_error("end_date", "The end date must be the same as or after the start date")
        if cleaned.get("end_time") and not end_on:
            self.add_error("end_date", "Enter the end date as well as the end time")
        start_time, end_time = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end_on == start.on and start_time and end_time and end_time < start_time:
            self.add_error("end_time", "The end time must be after the start time")
        return cleaned

    def entry_values(self) -> dict:
        """The cleaned values as `ChronologyEntry` fields."""
        data = dict(self.cleaned_data)
        start = data.pop("start_date")
        data["end_on"] = data.pop("end_date")
        return {
            **data,
            "start_on": start.on,
            "start_precision": start.precision,
            "start_as_written": start.as_written,
        }


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Upload a file",
        help_text=f"A CSV or XLSX file made from the template, {upload.LIMITS}",
        error_messages={"required": "Select a CSV or XLSX file", "empty": "The selected file is empty"},
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > upload.MAX_FILE_BYTES:
            raise forms.ValidationError(
                f"The selected file must be smaller than {upload.MAX_FILE_BYTES // (1024 * 1024)} MB"
            )
        return file


class FilterForm(forms.Form):
    """The integrated chronology's filters. Invalid filters are shown as errors and left out."""

    agency = forms.TypedChoiceField(label="Agency", required=False, coerce=int, empty_value=None)
    event_type = forms.ChoiceField(
        label="Event type", required=False, choices=[("", "All event types"), *EventType.choices]
    )
    period_from = GovukDateField(
        label="From",
        required=False,
        help_text="For example, 1 1 2016",
        error_messages={"invalid": "The from date must be a real date"},
    )
    period_to = GovukDateField(
        label="To",
        required=False,
        help_text="For example, 31 12 2016",
        error_messages={"invalid": "The to date must be a real date"},
    )
    key_only = forms.BooleanField(label="Key practice episodes only", required=False)
    gap_days = forms.IntegerField(
        label="Show gaps longer than (days)",
        required=False,
        min_value=1,
        max_value=3650,
        help_text=f"Periods with no contact from any agency; {gaps.DEFAULT_THRESHOLD_DAYS} if left empty",
        error_messages={
            "invalid": "The gap length must be a whole number of days",
            "min_value": "The gap length must be at least 1 day",
            "max_value": "The gap length must be 3650 days or fewer",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.agency_names = {agency.pk: agency.name for agency in agencies}
        self.fields["agency"].choices = [("", "All agencies"), *self.agency_names.items()]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_from"), cleaned.get("period_to")
        if start and end and end < start:
            self.add_error("period_to", "The to date must be the same as or after the from date")
        return cleaned

    def values(self) -> dict:
        """The valid filters (an invalid one counts as not set)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "", False)}

    def gap_threshold(self) -> int:
        return self.values().get("gap_days", gaps.DEFAULT_THRESHOLD_DAYS)

    def filter(self, entries):
        """Apply the filters; a period keeps every entry whose date can fall in it ("May 2016" is in a
        period from 15 May 2016)."""
        values = self.values()
        if "agency" in values:
            entries = entries.filter(agency_id=values["agency"])
        if "event_type" in values:
            entries = entries.filter(event_type=values["event_type"])
        if values.get("key_only"):
            entries = entries.filter(key_practice_episode=True)
        if "period_to" in values:
            entries = entries.filter(_may_start_on_or_before(values["period_to"]))
        if "period_from" in values:
            entries = entries.filter(_may_end_on_or_after(values["period_from"]))
        return entries

    def describe(self) -> str:
        values = self.values()
        parts = []
        if "agency" in values:
            parts.append(self.agency_names.get(values["agency"], "one agency"))
        if "event_type" in values:
            parts.append(EventType(values["event_type"]).label)
        if "period_from" in values:
            parts.append(f"from {values['period_from'].isoformat()}")
        if "period_to" in values:
            parts.append(f"to {values['period_to'].isoformat()}")
        if values.get("key_only"):
            parts.append("key practice episodes only")
        return ", ".join(parts) or "no filters"


def _may_start_on_or_before(day):
    """Entries whose date can mean `day` or earlier (see `dates.period`)."""
    approximate_to = day + dt.timedelta(days=dates.APPROXIMATE_DAYS)
    return Q(start_on__lte=day) | Q(start_precision=DatePrecision.APPROXIMATE, start_on__lte=approximate_to)


def _may_end_on_or_after(day):
    """Entries whose date (or end date) can mean `day` or later (see `dates.period`)."""
    approximate_from = day - dt.timedelta(days=dates.APPROXIMATE_DAYS)
    return (
        Q(start_on__gte=day)
        | Q(start_precision=DatePrecision.APPROXIMATE, start_on__gte=approximate_from)
        | Q(start_precision=DatePrecision.MONTH, start_on__gte=day.replace(day=1))
        | Q(start_precision=DatePrecision.YEAR, start_on__gte=day.replace(month=1, day=1))
        | Q(end_on__gte=day)
    )


class DecisionForm(forms.Form):
    MERGE, KEEP = "merge", "keep"

    first = forms.IntegerField(widget=forms.HiddenInput)
    second = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(choices=[(MERGE, "Merge into the first"), (KEEP, "Keep both")])


def _sentence(text: str) -> str:
    return text[0].upper() + text[1:]
