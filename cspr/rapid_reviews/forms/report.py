"""The rapid review report's forms: editing its sections, and recording it sent to the Panel."""

import datetime as dt

from django import forms

from cspr.core.forms import GovukDateField
from cspr.core.templatetags.govuk import govuk_date

from ..report_content import SECTION_TITLES
from .review_group import check_done_on


class ReportForm(forms.Form):
    """One text box per section of the report, prefilled with what is built from the data."""

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        for key, title in SECTION_TITLES.items():
            self.fields[key] = forms.CharField(
                label=title,
                widget=forms.Textarea(attrs={"rows": 12}),
                error_messages={"required": f"Enter the {title.lower()}, or rebuild it from the data"},
            )


class SentForm(forms.Form):
    """The date the rapid review went to the Panel, and why it was late when it was."""

    sent_on = GovukDateField(
        label="When was the rapid review sent to the Panel?",
        help_text="For example, 14 12 2026",
        error_messages={"required": "Enter the date the rapid review was sent to the Panel"},
    )
    late_reason = forms.CharField(
        label="If the rapid review was late, why?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, data=None, *, due_on: dt.date, notified_on: dt.date, today: dt.date, **kwargs):
        super().__init__(data, **kwargs)
        self.due_on = due_on
        self.notified_on = notified_on
        self.today = today
        self.fields[
            "late_reason"
        ].help_text = f"Due by {govuk_date(due_on)}: needed if it was sent after that date."

    def clean_sent_on(self):
        return check_done_on(
            self.cleaned_data["sent_on"],
            "The date sent to the Panel",
            today=self.today,
            earliest=self.notified_on,
            since="the date the notification was sent",
        )

    def clean(self):
        cleaned = super().clean()
        sent_on = cleaned.get("sent_on")
        if sent_on and sent_on > self.due_on and not cleaned.get("late_reason", "").strip():
            self.add_error("late_reason", "Enter why the rapid review was late")
        return cleaned
