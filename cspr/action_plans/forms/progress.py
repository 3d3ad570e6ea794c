"""An action's progress as forms: the agency's update (status, note and, if it has some, evidence),
evidence on its own, and the assurance decision.

The action's current status and today are passed in, so the rules are checked without a database.
Messages are in the GOV.UK voice.
"""

import datetime as dt

from django import forms

from cspr.core.forms import GovukDateField

from .. import rules
from ..evidence_files import ALLOWED, validate_evidence
from ..models import EvidenceKind

ASSURE = "assure"
SEND_BACK = "send_back"


def _evidence_file(*, required: bool) -> forms.FileField:
    return forms.FileField(
        label="Evidence file" if required else "Evidence file (optional)",
        required=required,
        help_text=f"For example, an audit report or training figures: {ALLOWED}, smaller than 20MB. "
        "Do not send files that name the child or family members.",
        validators=[validate_evidence],
        error_messages={
            "required": "Select the evidence file",
            "empty": "The selected file is empty",
            "invalid": "The selected file could not be read: upload it again",
        },
    )


def _evidence_kind(*, required: bool) -> forms.ChoiceField:
    return forms.ChoiceField(
        label="What kind of evidence is it?",
        choices=EvidenceKind.choices,
        required=required,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what kind of evidence it is"},
    )


def _evidence_description(*, required: bool) -> forms.CharField:
    return forms.CharField(
        label="What does it show?",
        max_length=300,
        required=required,
        help_text="For example, 92% of officers trained by 31 March",
        error_messages={
            "required": "Enter what the evidence shows",
            "max_length": "What the evidence shows must be 300 characters or fewer",
        },
    )


class EvidenceForm(forms.Form):
    file = _evidence_file(required=True)
    kind = _evidence_kind(required=True)
    description = _evidence_description(required=True)


class UpdateForm(forms.Form):
    """The agency's update: the status it reports (never assured or overdue), a note, and evidence."""

    status = forms.ChoiceField(
        label="How is the action going?",
        choices=[(status, rules.STATUS_LABELS[status]) for status in rules.AGENCY_STATUSES],
        widget=forms.RadioSelect,
        help_text="Choose complete when the change has been made: the business manager or review group "
        "will then review the evidence and assure it",
        error_messages={
            "required": "Select how the action is going",
            "invalid_choice": "Select not started, on track, at risk or complete",
        },
    )
    note = forms.CharField(
        label="Progress note",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What has been done since the last update, and what happens next. "
        "Do not write the child's or family members' names.",
        error_messages={"required": "Enter a progress note"},
    )
    file = _evidence_file(required=False)
    kind = _evidence_kind(required=False)
    description = _evidence_description(required=False)

    def __init__(self, *args, current_status: str, **kwargs):
        if current_status in rules.AGENCY_STATUSES:
            kwargs.setdefault("initial", {"status": current_status})
        super().__init__(*args, **kwargs)
        self.current_status = current_status

    def clean_status(self):
        status = self.cleaned_data["status"]
        error = rules.agency_update_error(self.current_status, status)
        if error:
            raise forms.ValidationError(error)
        return status

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("file"):
            if not cleaned.get("kind") and "kind" not in self.errors:
                self.add_error("kind", "Select what kind of evidence it is")
            if not cleaned.get("description") and "description" not in self.errors:
                self.add_error("description", "Enter what the evidence shows")
        elif "file" not in self.errors and (cleaned.get("kind") or cleaned.get("description")):
            self.add_error("file", "Select the evidence file, or leave the evidence questions empty")
        return cleaned

    @property
    def has_evidence(self) -> bool:
        return bool(self.cleaned_data.get("file"))


class AssuranceForm(forms.Form):
    """Assure a complete action as embedded (evidence reviewed, re-test date) or send it back (reasons)."""

    outcome = forms.ChoiceField(
        label="What is your decision?",
        choices=[
            (ASSURE, "Assure as embedded"),
            (SEND_BACK, "Send back to the agency"),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select assure as embedded or send back to the agency",
            "invalid_choice": "Select assure as embedded or send back to the agency",
        },
    )
    evidence_reviewed = forms.CharField(
        label="If you assure it: what evidence did you review?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example, the training figures and an audit of 20 cases",
    )
    retest_on = GovukDateField(
        label="If you assure it: when should it be re-tested to check the change is embedded?",
        required=False,
        help_text="A date after today, for example, 14 9 2027",
    )
    reasons = forms.CharField(
        label="If you send it back: why?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The agency sees these reasons on the action's page",
    )

    def __init__(self, *args, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean(self):
        cleaned = super().clean()
        outcome = cleaned.get("outcome")
        if outcome == ASSURE:
            if not cleaned.get("evidence_reviewed", "").strip():
                self.add_error("evidence_reviewed", "Enter the evidence you reviewed")
            retest_on = cleaned.get("retest_on")
            if retest_on is None and "retest_on" not in self.errors:
                self.add_error("retest_on", "Enter the date to re-test that the change is embedded")
            elif retest_on is not None and retest_on <= self.today:
                self.add_error("retest_on", "The re-test date must be in the future")
        elif outcome == SEND_BACK and not cleaned.get("reasons", "").strip():
            self.add_error("reasons", "Enter the reasons for sending it back")
        return cleaned
