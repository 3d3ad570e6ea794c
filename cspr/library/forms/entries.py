"""The forms of an entry's pages: correcting its details (each field showing what the importer guessed and
where from), and deciding its themes.

Each form owns its messages in the GOV.UK voice. The entry's guesses, the themes on offer and today's date
are passed in, so the rules are tested without a database.
"""

import datetime as dt

from django import forms

from cspr.core.forms import GovukDateField

from ..models import AgeBand, Harm, ReviewType

# The national case review repository's oldest reports date from 1945.
FIRST_YEAR = 1945
NOT_KNOWN = ("", "Not known")


def _shown(value, choices: dict):
    return choices.get(value, value) if isinstance(value, str) else value


def guess_hint(guess: dict | None, choices: dict) -> str:
    """ "The importer guessed 2021 from: “published March 2021”", or "" without a guess. `choices` turns
    a stored code into its label (an age band "1_4" reads "1 to 4")."""
    if not guess or guess.get("value") in (None, ""):
        return ""
    shown = _shown(guess["value"], choices)
    source = str(guess.get("source") or "").strip()
    return f"The importer guessed {shown} from: “{source}”" if source else f"The importer guessed {shown}"


def guess_rows(guesses: dict) -> list[dict]:
    """What the importer guessed and from where, as the entry page lists it: the field's label, the value
    as users read it (a review type's name, not its code) and the sentence or file name it came from."""
    rows = []
    for name, guess in guesses.items():
        if not isinstance(guess, dict) or guess.get("value") in (None, ""):
            continue
        field = EntryForm.base_fields.get(name)
        choices = dict(getattr(field, "choices", ()))
        rows.append(
            {
                "label": field.label if field else name.replace("_", " ").capitalize(),
                "value": _shown(guess["value"], choices),
                "source": str(guess.get("source") or ""),
            }
        )
    return rows


class EntryForm(forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=200,
        error_messages={
            "required": "Enter the title of the review",
            "max_length": "The title must be 200 characters or fewer",
        },
    )
    area = forms.CharField(
        label="Area",
        max_length=200,
        help_text="The partnership or council area the review covers",
        error_messages={
            "required": "Enter the area the review covers",
            "max_length": "The area must be 200 characters or fewer",
        },
    )
    year = forms.IntegerField(
        label="Year published",
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={"invalid": "Enter the year as 4 numbers, like 2021"},
    )
    review_type = forms.ChoiceField(
        label="Type of review",
        required=False,
        choices=[*ReviewType.choices, NOT_KNOWN],
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Select the type of review"},
    )
    age_band = forms.ChoiceField(
        label="Child's age",
        required=False,
        choices=[*AgeBand.choices, NOT_KNOWN],
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Select the child's age band"},
    )
    harm = forms.ChoiceField(
        label="Harm",
        required=False,
        choices=[*Harm.choices, NOT_KNOWN],
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Select whether the child died or was seriously harmed"},
    )
    summary = forms.CharField(
        label="Summary",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What happened and the main learning, in a few sentences. Do not use the child's name.",
    )
    reviewer = forms.CharField(
        label="Reviewer's name",
        required=False,
        max_length=200,
        help_text="The independent reviewer or author, as published",
        error_messages={"max_length": "The reviewer's name must be 200 characters or fewer"},
    )
    published_on = GovukDateField(
        label="Date published",
        required=False,
        help_text="For example, 27 3 2024",
    )

    def __init__(self, *args, guesses: dict, today: dt.date, is_public: bool, **kwargs):
        """`guesses`: the entry's `{"year": {"value": 2021, "source": "..."}}`; each guess is added to its
        field's hint. A public entry must keep its year and type of review."""
        super().__init__(*args, **kwargs)
        self.today = today
        self.is_public = is_public
        for name, field in self.fields.items():
            choices = dict(getattr(field, "choices", ()))
            hint = guess_hint(guesses.get(name), choices)
            if hint:
                field.help_text = f"{field.help_text}. {hint}" if field.help_text else hint

    def clean_title(self):
        return self.cleaned_data["title"].strip()

    def clean_area(self):
        return self.cleaned_data["area"].strip()

    def clean_summary(self):
        return self.cleaned_data["summary"].strip()

    def clean_reviewer(self):
        return self.cleaned_data["reviewer"].strip()

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year is None:
            if self.is_public:
                raise forms.ValidationError("Enter the year the review was published")
            return None
        if not FIRST_YEAR <= year <= self.today.year:
            raise forms.ValidationError(f"The year must be between {FIRST_YEAR} and {self.today.year}")
        return year

    def clean_review_type(self):
        review_type = self.cleaned_data["review_type"]
        if not review_type and self.is_public:
            raise forms.ValidationError("Select the type of review")
        return review_type

    def clean_published_on(self):
        published_on = self.cleaned_data["published_on"]
        if published_on is not None and published_on > self.today:
            raise forms.ValidationError("The date published must be today or in the past")
        return published_on


class ThemeDecisionForm(forms.Form):
    """Confirming or removing one theme on the entry (the button pressed says which)."""

    CONFIRM = "confirm"
    REMOVE = "remove"

    entry_theme = forms.ModelChoiceField(
        queryset=None,
        widget=forms.HiddenInput,
        error_messages={
            "required": "Select a theme",
            "invalid_choice": "That theme is no longer on this review: reload the page",
        },
    )
    decision = forms.ChoiceField(
        choices=[(CONFIRM, "Confirm"), (REMOVE, "Remove")],
        widget=forms.HiddenInput,
        error_messages={"required": "Choose confirm or remove", "invalid_choice": "Choose confirm or remove"},
    )

    def __init__(self, *args, entry_themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry_theme"].queryset = entry_themes


class AddThemeForm(forms.Form):
    """Adding a theme by hand: one the tagger did not suggest, or one removed earlier."""

    theme = forms.ModelChoiceField(
        label="Add another theme",
        queryset=None,
        empty_label="Choose a theme",
        help_text="It is added as confirmed",
        error_messages={
            "required": "Select a theme to add",
            "invalid_choice": "Select a theme from the list",
        },
    )

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = themes
