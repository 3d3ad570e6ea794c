"""Forms of the publication part, with their messages in the GOV.UK voice."""

from pathlib import PurePath

from django import forms
from django.utils import timezone

from cspr.core.forms import GovukDateField

from .models import DocumentKind

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
