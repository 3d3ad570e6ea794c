"""The filters above the audit log."""

import datetime

from django import forms
from django.apps import apps
from django.utils import timezone

from cspr.audit.models import AuditAction
from cspr.core.forms import GovukDateField

NEWEST_FIRST = "newest"
OLDEST_FIRST = "oldest"


def object_type_choices() -> list[tuple[str, str]]:
    """Every kind of cspr record, as stored in `AuditEvent.object_type` ("partnerships.agency")."""
    kinds = [
        (model._meta.label_lower, object_type_label(model._meta.label_lower))
        for model in apps.get_models()
        if model.__module__.startswith("cspr.") and model._meta.app_label != "audit"
    ]
    return sorted(kinds, key=lambda kind: kind[1])


def object_type_label(object_type: str) -> str:
    """ "partnerships.agency" -> "Agency"; a model that no longer exists keeps its stored name."""
    if not object_type:
        return ""
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return object_type
    return str(model._meta.verbose_name).capitalize()


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(
        label="Action", required=False, choices=[("", "All actions"), *AuditAction.choices]
    )
    email = forms.CharField(
        label="Person's email address contains",
        required=False,
        max_length=254,
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
    )
    object_type = forms.ChoiceField(label="Kind of record", required=False)
    date_from = GovukDateField(
        label="From",
        required=False,
        help_text="For example, 9 5 2023",
        error_messages={"invalid": "The from date must be a real date"},
    )
    date_to = GovukDateField(
        label="To",
        required=False,
        help_text="For example, 31 5 2023",
        error_messages={"invalid": "The to date must be a real date"},
    )
    order = forms.ChoiceField(
        label="Order",
        required=False,
        choices=[(NEWEST_FIRST, "Newest first"), (OLDEST_FIRST, "Oldest first")],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["object_type"].choices = [("", "All kinds of record"), *object_type_choices()]

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_to < date_from:
            self.add_error("date_to", "The to date must be the same as or after the from date")
        return cleaned

    def filter(self, events):
        """Apply the valid filters (the invalid ones are shown as errors and ignored)."""
        if self.is_bound:
            self.is_valid()
        data = getattr(self, "cleaned_data", {})
        if data.get("action"):
            events = events.filter(action=data["action"])
        if data.get("email"):
            events = events.filter(actor_email__icontains=data["email"].strip())
        if data.get("object_type"):
            events = events.filter(object_type=data["object_type"])
        if data.get("date_from"):
            events = events.filter(at__gte=start_of_day(data["date_from"]))
        if data.get("date_to"):
            events = events.filter(at__lt=start_of_day(data["date_to"] + datetime.timedelta(days=1)))
        oldest_first = data.get("order") == OLDEST_FIRST
        return events.order_by("sequence" if oldest_first else "-sequence")

    def describe(self) -> str:
        """The filters in words, for the export's audit entry."""
        data = getattr(self, "cleaned_data", {})
        parts = []
        if data.get("action"):
            parts.append(f"action {AuditAction(data['action']).label}")
        if data.get("email"):
            parts.append(f"email contains {data['email']}")
        if data.get("object_type"):
            parts.append(f"record {object_type_label(data['object_type'])}")
        if data.get("date_from"):
            parts.append(f"from {data['date_from'].isoformat()}")
        if data.get("date_to"):
            parts.append(f"to {data['date_to'].isoformat()}")
        return ", ".join(parts) or "no filters"


def start_of_day(day: datetime.date) -> datetime.datetime:
    """Midnight in London at the start of `day` (the log's dates are London dates)."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())
