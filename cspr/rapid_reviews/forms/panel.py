"""Forms of the Panel's side: its response to a rapid review, and its thematic reviews."""

import datetime as dt

from django import forms
from django.utils import timezone

from cspr.core.forms import GovukDateField
from cspr.core.templatetags.govuk import govuk_date

from ..lists import response_choices
from ..models import PanelResponseKind, Recommendation, ThematicReview

# Reasons the partnership must read when the Panel does not simply agree, in the GOV.UK voice.
REASONS_REQUIRED = {
    PanelResponseKind.DISAGREE: "Enter the reasons the Panel disagrees with the decision",
    PanelResponseKind.NATIONAL_REVIEW: "Enter the reasons the Panel will carry out a national review",
}


class PanelResponseForm(forms.Form):
    response = forms.ChoiceField(
        label="What is the Panel's response?",
        choices=PanelResponseKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the Panel's response"},
    )
    reasons = forms.CharField(
        label="Reasons",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Needed when the Panel disagrees with the decision or will carry out a national review. "
        "The partnership reads them on its rapid review.",
    )
    responded_on = GovukDateField(
        label="Date of the Panel's response",
        help_text="For example, 8 12 2026",
        error_messages={"required": "Enter the date of the Panel's response"},
    )

    def __init__(self, data=None, *, sent_on: dt.date, initial=None):
        super().__init__(data, initial=initial)
        self.sent_on = sent_on

    def clean_responded_on(self):
        day = self.cleaned_data["responded_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("The date of the Panel's response must be today or in the past")
        if day < self.sent_on:
            raise forms.ValidationError(
                "The date of the Panel's response must be the same as or after the date the rapid review "
                f"was sent ({govuk_date(self.sent_on)})"
            )
        return day

    def clean(self):
        cleaned = super().clean()
        reasons = cleaned.get("reasons", "").strip()
        cleaned["reasons"] = reasons
        message = REASONS_REQUIRED.get(cleaned.get("response"))
        if message and not reasons:
            self.add_error("reasons", message)
        return cleaned


class ThematicReviewForm(forms.ModelForm):
    class Meta:
        model = ThematicReview
        fields = ["title", "description"]
        labels = {"title": "Title", "description": "Description"}
        help_texts = {
            "title": "For example, Safeguarding children under 1 from physical abuse",
            "description": "What the thematic review looks at, and why",
        }
        error_messages = {
            "title": {
                "required": "Enter a title for the thematic review",
                "max_length": "The title must be 200 characters or fewer",
                "unique": "There is already a thematic review with this title",
            },
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}


class PickFilterForm(forms.Form):
    """Narrows the rapid reviews offered for adding to a thematic review (GET)."""

    partnership = forms.TypedChoiceField(
        label="Partnership",
        required=False,
        coerce=int,
        error_messages={"invalid_choice": "Select a partnership from the list"},
    )
    recommendation = forms.ChoiceField(
        label="Decision", required=False, choices=[("", "All"), *Recommendation.choices]
    )
    panel_response = forms.ChoiceField(
        label="Panel response", required=False, choices=[("", "All"), *response_choices()]
    )
    reference = forms.CharField(label="Incident reference contains", required=False, max_length=20)

    def __init__(self, data=None, *, partnerships=()):
        super().__init__(data)
        self.fields["partnership"].choices = [("", "All partnerships"), *partnerships]

    def values(self) -> dict:
        """The valid filters (an invalid one is shown as an error and ignored)."""
        if not self.is_bound or not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}


class PickIncidentsForm(forms.Form):
    """The incidents ticked in the list of rapid reviews offered."""

    incidents = forms.TypedMultipleChoiceField(
        coerce=int, error_messages={"required": "Select at least one incident to add"}
    )

    def __init__(self, data=None, *, incident_ids=()):
        super().__init__(data)
        self.fields["incidents"].choices = [(pk, pk) for pk in incident_ids]
        self.fields["incidents"].error_messages["invalid_choice"] = (
            "Select incidents from the list: one of them cannot be added"
        )


class IncidentByReferenceForm(forms.Form):
    """One incident named by its partnership and reference, as the Panel's own papers refer to it."""

    partnership = forms.TypedChoiceField(
        label="Partnership",
        coerce=int,
        error_messages={
            "required": "Select the partnership",
            "invalid_choice": "Select a partnership from the list",
        },
    )
    reference = forms.CharField(
        label="Incident reference",
        max_length=20,
        help_text="The partnership's own reference, for example 2026/004",
        error_messages={"required": "Enter the incident reference"},
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
    )

    def __init__(self, data=None, *, partnerships=(), find=None):
        """`find(partnership_id, reference)`: the incident that may be added, or None."""
        super().__init__(data, prefix="by_reference")
        self.fields["partnership"].choices = [("", "Select a partnership"), *partnerships]
        self.find = find
        self.incident = None

    def clean(self):
        cleaned = super().clean()
        partnership, reference = cleaned.get("partnership"), cleaned.get("reference", "").strip()
        if partnership and reference:
            self.incident = self.find(partnership, reference)
            if self.incident is None:
                self.add_error(
                    "reference",
                    f"No rapid review of incident {reference} from this partnership has been sent to the "
                    "Panel, or it is already in this thematic review",
                )
        return cleaned
