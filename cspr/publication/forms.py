"""Forms of the publication part, with their messages in the GOV.UK voice."""

from pathlib import PurePath

from django import forms
from django.utils import timezone

from cspr.core.forms import GovukDateField

from .models import DeclaredNameKind, DocumentKind, FindingDecision

UPLOAD_MAX_BYTES = 20 * 1024 * 1024
# Reports and summaries are published as PDF or Word; slides may also be PowerPoint.
UPLOAD_TYPES = {
    DocumentKind.FULL_REPORT: {".pdf": "PDF", ".docx": "Word document"},
    DocumentKind.EXECUTIVE_SUMMARY: {".pdf": "PDF", ".docx": "Word document"},
    DocumentKind.SLIDES: {".pdf": "PDF", ".pptx": "PowerPoint file"},
}


def _not_in_future(day, what: str):
    if day and day > timezone.localdate():
        raise forms.ValidationError(f"The date {what} must be today or in the past")
    return day


class DocumentUploadForm(forms.Form):
    file = forms.FileField(
        label="Upload a file",
        error_messages={"required": "Select a file", "empty": "The selected file is empty"},
    )

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        names = " or ".join(UPLOAD_TYPES[kind].values())
        self.fields["file"].help_text = f"A {names}, anonymised as it will be published, up to 20MB"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        allowed = UPLOAD_TYPES[self.kind]
        if PurePath(upload.name).suffix.lower() not in allowed:
            raise forms.ValidationError(f"The selected file must be a {' or '.join(allowed.values())}")
        if upload.size > UPLOAD_MAX_BYTES:
            raise forms.ValidationError("The selected file must be smaller than 20MB")
        return upload


class CopiesForm(forms.Form):
    panel = GovukDateField(
        label="Date the final report was sent to the Child Safeguarding Practice Review Panel",
        required=False,
        help_text="Leave blank if not sent yet. For example, 3 6 2027",
    )
    secretary_of_state = GovukDateField(
        label="Date the final report was sent to the Secretary of State for Education",
        required=False,
        help_text="Leave blank if not sent yet. For example, 3 6 2027",
    )

    def clean_panel(self):
        return _not_in_future(self.cleaned_data["panel"], "the report was sent to the Panel")

    def clean_secretary_of_state(self):
        return _not_in_future(
            self.cleaned_data["secretary_of_state"], "the report was sent to the Secretary of State"
        )


class ReasonForm(forms.Form):
    reason = forms.CharField(label="Reason", widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, label: str, hint: str, required_message: str, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        field.label, field.help_text = label, hint
        field.error_messages["required"] = required_message


class PublishForm(forms.Form):
    published_on = GovukDateField(
        label="Date of publication",
        help_text="The date the report goes on the partnership's public page. For example, 3 6 2027",
        error_messages={"required": "Enter the date of publication"},
    )


class NotPublishingForm(forms.Form):
    reasons = forms.CharField(
        label="Why will the report not be published?",
        help_text="Kept within the partnership: it is not shown on the public page",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the reasons for not publishing the report"},
    )
    statement = forms.CharField(
        label="The improvements to be made",
        help_text="Published on the partnership's page instead of the report. "
        "Do not name the child or the family",
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Enter the improvements to be made"},
    )
    published_on = GovukDateField(
        label="Date the statement is published",
        help_text="For example, 3 6 2027",
        error_messages={"required": "Enter the date the statement is published"},
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Reason for withdrawing the review",
        required=False,
        help_text="Needed before the review has been published for 12 months, for example a court order",
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class PanelPublicationForm(forms.Form):
    published_on = GovukDateField(
        label="Date the Panel published the review",
        help_text="For example, 3 6 2027",
        error_messages={"required": "Enter the date the Panel published the review"},
    )
    url = forms.URLField(
        label="Address of the published report",
        help_text="For example, https://www.gov.uk/government/publications/…",
        assume_scheme="https",
        error_messages={
            "required": "Enter the address of the published report",
            "invalid": "Enter a web address, like https://www.gov.uk/…",
        },
    )

    def clean_published_on(self):
        return _not_in_future(self.cleaned_data["published_on"], "the Panel published the review")


REDACTED_TEXT = "[redacted]"


class FindingDecisionForm(forms.Form):
    """The decision on one detail found (every place it was found in the check): redact it, replaced by a
    declared pseudonym or "[redacted]", or allow it with the reason."""

    decision = forms.ChoiceField(
        label="What should happen to it?",
        choices=[(FindingDecision.REDACT.value, "Redact"), (FindingDecision.ALLOWED.value, "Allowed")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select redact or allowed"},
    )
    replacement = forms.ChoiceField(label="Replace with", required=False)
    reason = forms.CharField(
        label="Why may it be published?",
        required=False,
        max_length=1000,
        help_text="For example: the partnership's own switchboard number",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "The reason must be 1,000 characters or fewer"},
    )

    def __init__(self, *args, pseudonyms: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(name, name) for name in pseudonyms] + [(REDACTED_TEXT, REDACTED_TEXT)]
        self.fields["replacement"].choices = choices
        self.fields["replacement"].error_messages["invalid_choice"] = "Select a pseudonym or [redacted]"

    def clean(self):
        data = super().clean()
        if data.get("decision") == FindingDecision.REDACT and not data.get("replacement"):
            self.add_error("replacement", "Select what replaces it")
        if data.get("decision") == FindingDecision.ALLOWED and not (data.get("reason") or "").strip():
            self.add_error("reason", "Enter why it may be published")
        return data


class DeclaredNameForm(forms.Form):
    kind = forms.ChoiceField(
        label="What kind of name is it?",
        choices=[
            (DeclaredNameKind.PSEUDONYM.value, "A pseudonym used in place of a real name, such as Child K"),
            (
                DeclaredNameKind.ALLOWED.value,
                "A real name published by design, such as the reviewer or an agency",
            ),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select a pseudonym or a name published by design"},
    )
    name = forms.CharField(
        label="The name as written in the documents",
        max_length=200,
        error_messages={
            "required": "Enter the name as written in the documents",
            "max_length": "The name must be 200 characters or fewer",
        },
    )
    stands_for = forms.CharField(
        label="For a pseudonym: the real name it stands for",
        help_text="The check then finds the real name wherever it is left, and suggests the pseudonym",
        max_length=200,
        required=False,
        error_messages={"max_length": "The real name must be 200 characters or fewer"},
    )
    reason = forms.CharField(
        label="For a name published by design: why it may be published",
        help_text="For example: the lead reviewer is named in the report",
        max_length=300,
        required=False,
        error_messages={"max_length": "The reason must be 300 characters or fewer"},
    )

    def __init__(self, *args, taken: set[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.taken = {name.casefold() for name in taken}

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if name.casefold() in self.taken:
            raise forms.ValidationError("This name is already declared for the review")
        return name

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == DeclaredNameKind.PSEUDONYM and not data.get("stands_for", "").strip():
            self.add_error("stands_for", "Enter the real name the pseudonym stands for")
        if kind == DeclaredNameKind.ALLOWED and not data.get("reason", "").strip():
            self.add_error("reason", "Enter why the name may be published")
        if kind == DeclaredNameKind.ALLOWED:
            data["stands_for"] = ""
        if kind == DeclaredNameKind.PSEUDONYM:
            data["reason"] = ""
        return data
