"""The forms of a plan: starting it (which review it answers), its recommendations and the agencies'
actions under them.

Each form owns its messages in the GOV.UK voice. The records it offers (reviews, agencies, themes), the
numbers already taken and the working-day calendar are passed in, so the rules are tested without a
database.
"""

import datetime as dt

from django import forms

from cspr.clock.errors import DateOutOfRange
from cspr.clock.working_days import WorkingDayCalendar
from cspr.core.forms import GovukDateField
from cspr.core.templatetags.govuk import govuk_date

from ..models import RecommendationKind

NATIONAL_REPORT = "national"
# A due date given in working days after the plan was agreed: at most about two years.
MAX_WORKING_DAYS = 500


def _countable(day: dt.date | None, calendar: WorkingDayCalendar, what: str) -> dt.date | None:
    """Working days are shown against every due date, so it must lie within the clock's calendar."""
    if day is not None and not calendar.first <= day <= calendar.last:
        raise forms.ValidationError(
            f"{what} must be between {govuk_date(calendar.first)} and {govuk_date(calendar.last)}"
        )
    return day


class NewPlanForm(forms.Form):
    """Which review the plan answers: one of the partnership's reviews without a plan yet, or a national
    review or thematic report the partnership adopts locally."""

    review = forms.ChoiceField(
        label="Which review is the action plan for?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the review the action plan is for",
            "invalid_choice": "Select the review the action plan is for",
        },
    )
    national_report = forms.CharField(
        label="Title of the national review or report",
        required=False,
        max_length=300,
        help_text="Only for a national review or report. For example, the Panel's “Child Protection in "
        "England” (2022)",
        error_messages={"max_length": "The title must be 300 characters or fewer"},
    )
    national_report_url = forms.URLField(
        label="Where it is published (optional)",
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text="The web address of the report, starting https://",
        error_messages={
            "invalid": "Enter the web address of the report, like https://www.gov.uk/...",
            "max_length": "The web address must be 200 characters or fewer",
        },
    )
    agreed_on = GovukDateField(
        label="Date the action plan was agreed",
        help_text="For example, 26 11 2026. Due dates given in working days count from this date.",
        error_messages={"required": "Enter the date the action plan was agreed"},
    )

    def __init__(self, *args, today: dt.date, review_choices=(), **kwargs):
        """`review_choices`: (value, label) of the reviews that have no plan yet ("rapid_review-<pk>",
        "practice_review-<pk>"); the national report choice is always offered last."""
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["review"].choices = [
            *review_choices,
            (NATIONAL_REPORT, "A national Panel review or thematic report adopted locally"),
        ]

    def clean_agreed_on(self):
        agreed_on = self.cleaned_data.get("agreed_on")
        if agreed_on is not None and agreed_on > self.today:
            raise forms.ValidationError("The date the action plan was agreed must be today or in the past")
        return agreed_on

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("review") == NATIONAL_REPORT:
            if not cleaned.get("national_report", "").strip():
                self.add_error("national_report", "Enter the title of the national review or report")
        else:
            cleaned["national_report"] = ""
            cleaned["national_report_url"] = ""
        return cleaned


class RecommendationForm(forms.Form):
    """A recommendation of the review: its number, kind, text, the agencies it is addressed to, its
    themes and by when."""

    number = forms.IntegerField(
        label="Number",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        min_value=1,
        max_value=999,
        help_text="Its number in the review's report",
        error_messages={
            "required": "Enter the recommendation's number",
            "invalid": "The number must be a whole number, like 3",
            "min_value": "The number must be 1 or more",
            "max_value": "The number must be 999 or less",
        },
    )
    kind = forms.ChoiceField(
        label="Kind",
        choices=RecommendationKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the kind of recommendation",
            "invalid_choice": "Select the kind of recommendation",
        },
    )
    text = forms.CharField(
        label="The recommendation",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="As the review worded it, without names or anything that identifies the child or family",
        error_messages={"required": "Enter the recommendation"},
    )
    agencies = forms.MultipleChoiceField(
        label="Agencies it is addressed to",
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply",
        error_messages={
            "required": "Select at least one agency the recommendation is addressed to",
            "invalid_choice": "Select agencies from the list",
        },
    )
    themes = forms.MultipleChoiceField(
        label="Themes (optional)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="From the learning library, so that learning can be found across reviews",
        error_messages={"invalid_choice": "Select themes from the list"},
    )
    due_on = GovukDateField(
        label="By when",
        help_text="For example, 31 5 2027",
        error_messages={"required": "Enter the date by when the recommendation should be achieved"},
    )

    def __init__(
        self,
        *args,
        calendar: WorkingDayCalendar,
        agency_choices=(),
        theme_choices=(),
        numbers_taken=(),
        agencies_with_actions=None,
        **kwargs,
    ):
        """`agency_choices`/`theme_choices`: (pk, label); `numbers_taken`: the other recommendations'
        numbers in the plan; `agencies_with_actions`: {agency pk: name} of agencies that already have
        actions under this recommendation, which cannot be taken off it."""
        super().__init__(*args, **kwargs)
        self.calendar = calendar
        self.numbers_taken = set(numbers_taken)
        self.agencies_with_actions = agencies_with_actions or {}
        self.fields["agencies"].choices = [(str(pk), label) for pk, label in agency_choices]
        if theme_choices:
            self.fields["themes"].choices = [(str(pk), label) for pk, label in theme_choices]
        else:
            del self.fields["themes"]

    def clean_number(self):
        number = self.cleaned_data.get("number")
        if number in self.numbers_taken:
            raise forms.ValidationError(
                f"The plan already has a recommendation {number}: enter another number"
            )
        return number

    def clean_text(self):
        return self.cleaned_data["text"].strip()

    def clean_agencies(self):
        chosen = {int(pk) for pk in self.cleaned_data.get("agencies", [])}
        kept_off = [name for pk, name in self.agencies_with_actions.items() if pk not in chosen]
        if kept_off:
            raise forms.ValidationError(
                f"{', '.join(sorted(kept_off))} already has actions under this recommendation: keep it "
                "selected, or change those actions first"
            )
        return sorted(chosen)

    def clean_themes(self):
        return sorted(int(pk) for pk in self.cleaned_data.get("themes", []))

    def clean_due_on(self):
        return _countable(self.cleaned_data.get("due_on"), self.calendar, "The date")


class ActionForm(forms.Form):
    """One agency's action: what will change, who owns it, when it is due (a date, or working days after
    the plan was agreed) and how success will be known."""

    agency = forms.TypedChoiceField(
        label="Agency",
        coerce=int,
        error_messages={
            "required": "Select the agency that will take the action",
            "invalid_choice": "Select the agency that will take the action",
        },
    )
    what_will_change = forms.CharField(
        label="What will change",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what will change"},
    )
    owner = forms.CharField(
        label="Owner",
        max_length=200,
        help_text="The person in the agency who will make it happen, and their role",
        error_messages={
            "required": "Enter who owns the action",
            "max_length": "The owner must be 200 characters or fewer",
        },
    )
    due_on = GovukDateField(
        label="Due date",
        required=False,
        help_text="For example, 30 4 2027. Or leave it blank and give a number of working days below.",
    )
    due_working_days = forms.IntegerField(
        label="Or: working days after the plan was agreed",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}),
        required=False,
        min_value=1,
        max_value=MAX_WORKING_DAYS,
        error_messages={
            "invalid": "The number of working days must be a whole number, like 40",
            "min_value": "The number of working days must be 1 or more",
            "max_value": f"The number of working days must be {MAX_WORKING_DAYS} or fewer",
        },
    )
    success_measure = forms.CharField(
        label="Success measure and evidence expected",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="How everyone will know the change has happened, for example the findings of an audit",
        error_messages={"required": "Enter the success measure and the evidence expected"},
    )

    def __init__(
        self, *args, agreed_on: dt.date, calendar: WorkingDayCalendar, agency_choices=None, **kwargs
    ):
        """`agency_choices`: grouped choices of agencies (the recommendation's, then the partnership's
        other active ones); None when the agency cannot be changed (an existing action)."""
        super().__init__(*args, **kwargs)
        self.agreed_on = agreed_on
        self.calendar = calendar
        self.fields[
            "due_working_days"
        ].help_text = f"The plan was agreed on {govuk_date(agreed_on)}. For example, 40 for about two months."
        if agency_choices is None:
            del self.fields["agency"]
        else:
            self.fields["agency"].choices = [("", "Select an agency"), *agency_choices]

    def clean_what_will_change(self):
        return self.cleaned_data["what_will_change"].strip()

    def clean_owner(self):
        return self.cleaned_data["owner"].strip()

    def clean_success_measure(self):
        return self.cleaned_data["success_measure"].strip()

    def clean_due_on(self):
        return _countable(self.cleaned_data.get("due_on"), self.calendar, "The due date")

    def clean(self):
        """Exactly one of the date and the working days; working days become the date by the clock."""
        cleaned = super().clean()
        if self.has_error("due_on") or self.has_error("due_working_days"):
            return cleaned
        due_on, working_days = cleaned.get("due_on"), cleaned.get("due_working_days")
        if due_on is None and working_days is None:
            self.add_error("due_on", "Enter the due date, or the number of working days after the plan")
        elif due_on is not None and working_days is not None:
            self.add_error(
                "due_working_days", "Enter either the due date or the number of working days, not both"
            )
        elif working_days is not None:
            try:
                cleaned["due_on"] = self.calendar.add_working_days(self.agreed_on, working_days)
            except DateOutOfRange:
                self.add_error(
                    "due_working_days",
                    f"That is after {govuk_date(self.calendar.last)}, the last date the clock counts: "
                    "enter a due date instead",
                )
        return cleaned
