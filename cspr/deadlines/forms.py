"""Forms of the statutory clock's pages, each owning its GOV.UK-voice messages."""

import datetime as dt

from django import forms

from cspr.clock import STEPS, Change
from cspr.clock.working_days import FIRST_YEAR, LAST_YEAR
from cspr.core.forms import GovukDateField
from cspr.core.templatetags.govuk import govuk_date
from cspr.partnerships.models import Partnership

from .clock import current_calendar
from .models import BankHolidayChange

MAX_STEP_LENGTH = 365


class BankHolidayChangeForm(forms.ModelForm):
    """A bank holiday added or removed by proclamation; refuses changes that would do nothing."""

    date = GovukDateField(
        label="Date",
        help_text="For example, 19 9 2022",
        error_messages={"required": "Enter the date of the bank holiday"},
    )
    change = forms.ChoiceField(
        label="Change",
        choices=[(Change.ADD.value, "Add a bank holiday"), (Change.REMOVE.value, "Remove a bank holiday")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether to add or remove a bank holiday"},
    )
    source = forms.URLField(
        label="Where it was announced",
        help_text="A web address, for example https://www.gov.uk/bank-holidays",
        assume_scheme="https",
        error_messages={
            "required": "Enter the web address where the change was announced",
            "invalid": "Enter a web address, like https://www.gov.uk/bank-holidays",
        },
    )

    class Meta:
        model = BankHolidayChange
        fields = ["date", "change", "name", "source"]
        labels = {"name": "Name of the bank holiday"}
        help_texts = {"name": "For example, Bank holiday for the State Funeral of Queen Elizabeth II"}
        error_messages = {"name": {"required": "Enter the name of the bank holiday"}}

    def clean_date(self):
        date = self.cleaned_data["date"]
        first, last = dt.date(FIRST_YEAR, 1, 1), dt.date(LAST_YEAR, 12, 31)
        if not first <= date <= last:
            raise forms.ValidationError(
                f"The date must be between {govuk_date(first)} and {govuk_date(last)}, "
                "the years whose bank holidays cspr knows"
            )
        if BankHolidayChange.objects.filter(date=date).exists():
            raise forms.ValidationError(
                "There is already a change for this date: delete it first if it is wrong"
            )
        return date

    def clean(self):
        cleaned = super().clean()
        date, change = cleaned.get("date"), cleaned.get("change")
        if date is None or change is None:
            return cleaned
        is_bank_holiday = date in current_calendar().bank_holidays
        if change == Change.ADD and date.weekday() >= 5:
            self.add_error("date", f"{govuk_date(date)} is a {date:%A}: bank holidays fall on weekdays")
        elif change == Change.ADD and is_bank_holiday:
            self.add_error("date", f"{govuk_date(date)} is already a bank holiday")
        elif change == Change.REMOVE and not is_bank_holiday:
            self.add_error("date", f"{govuk_date(date)} is not a bank holiday, so it cannot be removed")
        return cleaned


class StepLengthsForm(forms.Form):
    """One box per step the partnership may change; blank means the default in the steps table."""

    def __init__(self, *args, lengths: dict[str, int], **kwargs):
        super().__init__(*args, **kwargs)
        for step in STEPS:
            if not step.partnership_may_change:
                continue
            message = f"Enter a whole number from 1 to {MAX_STEP_LENGTH} for “{step.title}”, or leave blank"
            self.fields[step.code] = forms.IntegerField(
                label=step.title,
                help_text=f"In {step.unit.value}{' before' if step.before else ''}. "
                f"Leave blank for the default of {step.length}.",
                required=False,
                min_value=1,
                max_value=MAX_STEP_LENGTH,
                initial=lengths.get(step.code),
                error_messages={
                    "invalid": message,
                    "min_value": message,
                    "max_value": message,
                },
                widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
            )

    def lengths(self) -> dict[str, int | None]:
        """The partnership's own length per step code; None for the default."""
        return {code: self.cleaned_data[code] for code in self.fields}


class PanelFilterForm(forms.Form):
    partnership = forms.ModelChoiceField(
        label="Partnership",
        queryset=Partnership.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="All partnerships",
    )
