"""Screening forms: one question a page, the outcome with its reasons, and a partner's decision.

The questions and their answers come from `cspr.incidents.screening_rules`; these forms only turn them into
GOV.UK radios or checkboxes with the question's own error message.
"""

from django import forms
from django.utils import timezone

from cspr.core.forms import GovukDateField
from cspr.incidents import screening_rules as rules
from cspr.incidents.models import StatutoryPartner

YES_NO = [("yes", "Yes"), ("no", "No")]


class ScreeningQuestionForm(forms.Form):
    """One screening question: radios, or checkboxes when several answers apply."""

    def __init__(self, question: rules.Question, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.question = question
        choices = [(choice.code, choice.label) for choice in question.choices]
        field_class, widget = (
            (forms.MultipleChoiceField, forms.CheckboxSelectMultiple)
            if question.multiple
            else (forms.ChoiceField, forms.RadioSelect)
        )
        self.fields["answer"] = field_class(
            label=question.text,
            help_text=question.hint,
            choices=choices,
            widget=widget,
            error_messages={"required": question.error, "invalid_choice": question.error},
        )


class ScreeningOutcomeForm(forms.Form):
    """The business manager confirms the outcome and says why in their own words."""

    reasons = forms.CharField(
        label="Reasons for the outcome",
        help_text="We have written these from your answers. Change or add to them as you need.",
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": "Enter the reasons for the screening outcome"},
    )

    def __init__(self, *args, outcome: rules.Outcome, **kwargs):
        super().__init__(*args, **kwargs)
        self.outcome = outcome
        if outcome == rules.Outcome.NOT_NOTIFIABLE:
            self.fields["other_learning_review"] = forms.ChoiceField(
                label="Should the case go to another learning review?",
                choices=YES_NO,
                widget=forms.RadioSelect,
                error_messages={"required": "Select whether the case should go to another learning review"},
            )
            self.fields["learning_review_reason"] = forms.CharField(
                label="Why should it go to another learning review? (only if it should)",
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
            )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("other_learning_review") == "yes" and not cleaned.get("learning_review_reason"):
            self.add_error(
                "learning_review_reason", "Enter why the case should go to another learning review"
            )
        return cleaned

    @property
    def goes_to_learning_review(self) -> bool:
        return self.cleaned_data.get("other_learning_review") == "yes"

    @property
    def reasons_to_store(self) -> str:
        """The reasons with the reason for another learning review as their last paragraph."""
        reason = self.cleaned_data.get("learning_review_reason", "") if self.goes_to_learning_review else ""
        return rules.join_learning_review_reason(self.cleaned_data["reasons"], reason)


class PartnerDecisionForm(forms.Form):
    """One safeguarding partner's agreement, or not, to notify the Panel."""

    partner = forms.ChoiceField(
        label="Which safeguarding partner?",
        choices=StatutoryPartner.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select which safeguarding partner made the decision"},
    )
    agrees = forms.ChoiceField(
        label="Does the partner agree to notify the Panel?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the partner agrees to notify the Panel"},
    )
    person_name = forms.CharField(
        label="Name of the person who decided",
        max_length=200,
        error_messages={"required": "Enter the name of the person who decided"},
    )
    person_role = forms.CharField(
        label="Their role",
        max_length=200,
        help_text="For example, Director of Children's Services",
        error_messages={"required": "Enter the role of the person who decided"},
    )
    decided_on = GovukDateField(
        label="Date of the decision",
        help_text="For example, 24 11 2026",
        error_messages={"required": "Enter the date of the decision"},
    )
    comment = forms.CharField(
        label="Comments",
        required=False,
        help_text="Required if the partner does not agree: say why",
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def clean_decided_on(self):
        decided_on = self.cleaned_data["decided_on"]
        if decided_on > timezone.localdate():
            raise forms.ValidationError("The date of the decision must be today or in the past")
        return decided_on

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("agrees") == "no" and not cleaned.get("comment", "").strip():
            self.add_error("comment", "Enter why the partner does not agree to notify the Panel")
        return cleaned
