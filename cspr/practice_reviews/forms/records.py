"""The practice review record's forms: commissioning it (from a rapid review, or not), its details, its
terms of reference, and the list's filters.

Each form owns its messages in the GOV.UK voice. Today, the decision date and the records offered
(further rapid reviews, incidents, themes) are passed in, so the rules are tested without a database.
"""

import datetime as dt

from django import forms

from cspr.core.forms import GovukDateField
from cspr.core.templatetags.govuk import govuk_date

from ..models import LearningReviewMethod, Methodology, ReviewKind, Stage

TITLE_HINT = "The anonymised name it will be known and published by, for example Child K or Bella and Ben"

# The list's sort keys -> labels; the first is the default.
SORT_KEYS = {
    "decided": "Date of the decision",
    "due": "Next deadline",
    "reference": "Reference",
}
ASCENDING = "asc"
DESCENDING = "desc"


def _past_date(day: dt.date | None, what: str, *, today: dt.date) -> dt.date | None:
    if day is not None and day > today:
        raise forms.ValidationError(f"{what} must be today or in the past")
    return day


class DecisionForm(forms.Form):
    """The partners' decision to initiate a review: it starts the review's clock."""

    kind = forms.ChoiceField(
        label="What kind of review is it?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select what kind of review it is",
            "invalid_choice": "Select what kind of review it is",
        },
    )
    learning_method = forms.ChoiceField(
        label="Kind of learning review",
        required=False,
        choices=[("", "Select"), *LearningReviewMethod.choices],
        help_text="Only for other learning reviews",
        error_messages={"invalid_choice": "Select the kind of learning review from the list"},
    )
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text=TITLE_HINT,
        error_messages={
            "required": "Enter the review's title",
            "max_length": "The title must be 200 characters or fewer",
        },
    )
    decided_on = GovukDateField(
        label="Date of the decision to initiate the review",
        help_text="For example, 26 11 2026. The review's deadlines count from this date.",
        error_messages={"required": "Enter the date of the decision to initiate the review"},
    )
    decided_by = forms.CharField(
        label="Who decided",
        max_length=200,
        help_text="For example, the safeguarding partners' executive",
        error_messages={
            "required": "Enter who decided to initiate the review",
            "max_length": "Who decided must be 200 characters or fewer",
        },
    )
    decision_notes = forms.CharField(
        label="Reasons for the decision (optional)", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, today: dt.date, kinds=ReviewKind.choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["kind"].choices = kinds

    def clean_decided_on(self):
        return _past_date(self.cleaned_data.get("decided_on"), "The date of the decision", today=self.today)

    def clean(self):
        cleaned = super().clean()
        kind, method = cleaned.get("kind"), cleaned.get("learning_method")
        if kind == ReviewKind.LEARNING_REVIEW and not method:
            self.add_error("learning_method", "Select the kind of learning review")
        elif kind and kind != ReviewKind.LEARNING_REVIEW:
            cleaned["learning_method"] = ""
        return cleaned


class CommissionForm(DecisionForm):
    """Commissioning from a rapid review: its kind preset from the decision; other rapid reviews of the
    partnership may be ticked to make it a thematic review."""

    further_rapid_reviews = forms.MultipleChoiceField(
        label="Further rapid reviews this review looks at (optional)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick them for a thematic review of several incidents",
        error_messages={"invalid_choice": "Select rapid reviews from the list"},
    )

    def __init__(self, *args, further_choices=(), **kwargs):
        """`further_choices`: (pk, label) of the partnership's other rapid reviews."""
        super().__init__(*args, **kwargs)
        if further_choices:
            self.fields["further_rapid_reviews"].choices = [(str(pk), label) for pk, label in further_choices]
        else:
            del self.fields["further_rapid_reviews"]


class NewReviewForm(DecisionForm):
    """A local CSPR or learning review that did not come from a rapid review in cspr."""

    incidents = forms.MultipleChoiceField(
        label="Incidents it looks at (optional)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select incidents from the list"},
    )

    def __init__(self, *args, incident_choices=(), **kwargs):
        kinds = [(k.value, k.label) for k in (ReviewKind.LOCAL_CSPR, ReviewKind.LEARNING_REVIEW)]
        super().__init__(*args, kinds=kinds, **kwargs)
        if incident_choices:
            self.fields["incidents"].choices = [(str(pk), label) for pk, label in incident_choices]
        else:
            del self.fields["incidents"]


class ReviewDetailsForm(forms.Form):
    """What the business manager keeps up to date: title, decision, planned publication, themes, summary."""

    title = DecisionForm.base_fields["title"]
    decided_on = DecisionForm.base_fields["decided_on"]
    decided_by = DecisionForm.base_fields["decided_by"]
    decision_notes = DecisionForm.base_fields["decision_notes"]
    planned_publication_on = GovukDateField(
        label="Planned publication date (optional)",
        required=False,
        help_text="Copies to the Panel and the Secretary of State and the family's reading of the report "
        "are due before this date",
    )
    themes = forms.MultipleChoiceField(
        label="Themes (optional)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Shown on the public page and in the learning library",
        error_messages={"invalid_choice": "Select themes from the list"},
    )
    public_summary = forms.CharField(
        label="Summary for the public page (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One or two sentences, without names or anything that identifies the child or family",
    )

    def __init__(self, *args, today: dt.date, theme_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["themes"].choices = [(str(pk), label) for pk, label in theme_choices]

    def clean_decided_on(self):
        return _past_date(self.cleaned_data.get("decided_on"), "The date of the decision", today=self.today)

    def clean(self):
        cleaned = super().clean()
        decided_on, planned = cleaned.get("decided_on"), cleaned.get("planned_publication_on")
        if decided_on and planned and planned < decided_on:
            self.add_error(
                "planned_publication_on",
                f"The planned publication date must be after the decision ({govuk_date(decided_on)})",
            )
        return cleaned


class TermsForm(forms.Form):
    """The terms of reference: the period the review looks at, what it asks and how (WT 2023)."""

    scope_start_on = GovukDateField(
        label="Scope period from",
        help_text="For example, 1 1 2025",
        error_messages={"required": "Enter the start of the period the review looks at"},
    )
    scope_end_on = GovukDateField(
        label="Scope period to",
        help_text="For example, 31 10 2026",
        error_messages={"required": "Enter the end of the period the review looks at"},
    )
    key_lines_of_enquiry = forms.CharField(
        label="Key lines of enquiry",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="One per line",
        error_messages={"required": "Enter the key lines of enquiry"},
    )
    methodology = forms.ChoiceField(
        label="Methodology",
        choices=Methodology.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the methodology",
            "invalid_choice": "Select the methodology",
        },
    )
    methodology_other = forms.CharField(
        label="If other, which methodology",
        required=False,
        max_length=200,
        error_messages={"max_length": "The methodology must be 200 characters or fewer"},
    )
    terms_agreed_on = GovukDateField(
        label="Date the terms of reference were agreed (optional)",
        required=False,
        help_text="Leave blank while they are a draft",
    )

    def __init__(self, *args, today: dt.date, decided_on: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.decided_on = decided_on

    def clean_terms_agreed_on(self):
        agreed = _past_date(self.cleaned_data.get("terms_agreed_on"), "The date agreed", today=self.today)
        if agreed is not None and agreed < self.decided_on:
            raise forms.ValidationError(
                f"The date agreed must be on or after the decision ({govuk_date(self.decided_on)})"
            )
        return agreed

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("scope_start_on"), cleaned.get("scope_end_on")
        if start and end and end < start:
            self.add_error("scope_end_on", "The end of the scope period must be after its start")
        if cleaned.get("methodology") == Methodology.OTHER and not cleaned.get("methodology_other"):
            self.add_error("methodology_other", "Enter the methodology")
        elif cleaned.get("methodology") != Methodology.OTHER:
            cleaned["methodology_other"] = ""
        return cleaned


class PracticeReviewFilterForm(forms.Form):
    """The filters and sort order above the list (a GET form: works without JavaScript)."""

    kind = forms.ChoiceField(label="Kind", required=False, choices=[("", "All kinds"), *ReviewKind.choices])
    stage = forms.ChoiceField(label="Stage", required=False, choices=[("", "All stages"), *Stage.choices])
    late = forms.BooleanField(label="Only reviews with a deadline passed", required=False)
    sort = forms.ChoiceField(label="Sort by", required=False, choices=list(SORT_KEYS.items()))
    direction = forms.ChoiceField(
        label="Order",
        required=False,
        choices=[(DESCENDING, "Latest or highest first"), (ASCENDING, "Soonest or lowest first")],
    )

    def filters(self) -> dict:
        """The valid filters (an invalid choice is shown as an error and ignored)."""
        if self.is_bound:
            self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "kind": data.get("kind") or "",
            "stage": data.get("stage") or "",
            "late": bool(data.get("late")),
            "sort": data.get("sort") or next(iter(SORT_KEYS)),
            "descending": (data.get("direction") or DESCENDING) == DESCENDING,
        }
