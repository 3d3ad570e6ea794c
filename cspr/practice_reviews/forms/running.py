"""Running a practice review, as forms: a step of the family's or practitioners' involvement, the partners'
monitoring (a progress check, or a written request for a draft), a report draft and a comment on one.

The dates the forms check against (today, the decision to initiate) are passed in, so the rules are tested
without a clock or a database. Messages are in the GOV.UK voice.
"""

import datetime as dt
from pathlib import Path

from django import forms

from cspr.core.forms import GovukDateField
from cspr.core.templatetags.govuk import govuk_date

from ..models import InvolvementKind, InvolvementTrack, MonitoringKind, TimeAssessment

# Report drafts: Word or PDF, as reviewers write them; 20MB holds a long report with its appendices.
DRAFT_TYPES = {".docx": b"PK\x03\x04", ".pdf": b"%PDF-"}
DRAFT_MAX_BYTES = 20 * 1024 * 1024
# Steps that belong to one track only: practitioners meet at events; everything else applies to both.
STEPS_OF_ONE_TRACK = {InvolvementKind.EVENT_HELD: InvolvementTrack.PRACTITIONERS}


def check_happened_on(day: dt.date | None, what: str, *, today: dt.date, decided_on: dt.date):
    """A date in the running of the review: not in the future, not before the decision to initiate it."""
    if day is None:
        return day
    if day > today:
        raise forms.ValidationError(f"{what} must be today or in the past")
    if day < decided_on:
        raise forms.ValidationError(
            f"{what} must be on or after the decision to initiate the review ({govuk_date(decided_on)})"
        )
    return day


class RunningForm(forms.Form):
    """Forms about one review: they know today and the date the review was decided."""

    def __init__(self, *args, today: dt.date, decided_on: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.decided_on = decided_on


class InvolvementForm(RunningForm):
    track = forms.ChoiceField(
        label="Whose involvement is it?",
        choices=InvolvementTrack.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the family or the practitioners"},
    )
    step = forms.ChoiceField(
        label="What happened?",
        choices=InvolvementKind.choices,
        widget=forms.RadioSelect,
        help_text="A practitioner event is for practitioners only",
        error_messages={"required": "Select what happened"},
    )
    happened_on = GovukDateField(
        label="When did it happen?",
        help_text="For example, 14 1 2027",
        error_messages={"required": "Enter the date it happened"},
    )
    notes = forms.CharField(
        label="Notes (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example, who took part, how they were invited or what they asked for. "
        "Do not write the child's or family members' names.",
    )

    def clean_happened_on(self):
        return check_happened_on(
            self.cleaned_data["happened_on"], "The date", today=self.today, decided_on=self.decided_on
        )

    def clean(self):
        cleaned = super().clean()
        track, step = cleaned.get("track"), cleaned.get("step")
        only = STEPS_OF_ONE_TRACK.get(step)
        if track and only and track != only:
            self.add_error("step", "A practitioner event is for practitioners: select another step")
        return cleaned


class MonitoringKindForm(forms.Form):
    """The first question of the monitoring page, asked by GET: which of the two entries to record."""

    kind = forms.ChoiceField(
        label="What do you want to record?",
        choices=MonitoringKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select a progress check or a request for a draft",
            "invalid_choice": "Select a progress check or a request for a draft",
        },
    )


class ProgressCheckForm(RunningForm):
    """The partners' regular check of the review's time and quality (WT 2023: they must monitor it)."""

    entry_on = GovukDateField(
        label="When did you check progress?",
        help_text="For example, 14 1 2027",
        error_messages={"required": "Enter the date you checked progress"},
    )
    time_assessment = forms.ChoiceField(
        label="Is the review on track to finish in time?",
        choices=TimeAssessment.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the review is on track, at risk or behind"},
    )
    quality_notes = forms.CharField(
        label="Notes on progress and quality",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter notes on the review's progress and quality"},
    )

    def clean_entry_on(self):
        return check_happened_on(
            self.cleaned_data["entry_on"], "The date", today=self.today, decided_on=self.decided_on
        )


class DraftRequestForm(RunningForm):
    """A written request to the reviewer for a draft by a date (WT 2023: partners may request drafts)."""

    entry_on = GovukDateField(
        label="Date of the request",
        help_text="For example, 14 1 2027",
        error_messages={"required": "Enter the date of the request"},
    )
    draft_due_on = GovukDateField(
        label="When should the draft be sent by?",
        help_text="For example, 28 1 2027",
        error_messages={"required": "Enter the date the draft should be sent by"},
    )
    request_letter = forms.CharField(
        label="Text of the request (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Leave this empty to send the standard request, which names the reviewer, the review and "
        "the date. The reviewer is sent it by email.",
    )

    def clean_entry_on(self):
        return check_happened_on(
            self.cleaned_data["entry_on"],
            "The date of the request",
            today=self.today,
            decided_on=self.decided_on,
        )

    def clean(self):
        cleaned = super().clean()
        requested, due = cleaned.get("entry_on"), cleaned.get("draft_due_on")
        if requested and due and due <= requested:
            self.add_error("draft_due_on", "The date the draft is due must be after the date of the request")
        return cleaned


def validate_draft(upload) -> None:
    """A Word (DOCX) or PDF file under 20MB whose first bytes match its type, so a renamed file is refused."""
    suffix = Path(upload.name).suffix.lower()
    if suffix not in DRAFT_TYPES:
        raise forms.ValidationError("The selected file must be a Word document (DOCX) or a PDF")
    if upload.size > DRAFT_MAX_BYTES:
        raise forms.ValidationError("The selected file must be smaller than 20MB")
    upload.seek(0)
    start = upload.read(len(DRAFT_TYPES[suffix]))
    upload.seek(0)
    if start != DRAFT_TYPES[suffix]:
        raise forms.ValidationError(
            f"The selected file is not a real {suffix[1:].upper()} file: upload it again"
        )


class DraftUploadForm(forms.Form):
    file = forms.FileField(
        label="Upload a draft of the report",
        help_text="A Word document (DOCX) or a PDF, smaller than 20MB",
        validators=[validate_draft],
        error_messages={
            "required": "Select the draft to upload",
            "empty": "The selected file is empty",
            "invalid": "The selected file could not be read: upload it again",
        },
    )
    note = forms.CharField(
        label="What changed in this version? (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    is_final = forms.BooleanField(
        label="This is the final report",
        required=False,
        help_text="The final report goes to quality assurance and the review moves on to that stage",
    )


class CommentForm(forms.Form):
    section = forms.CharField(
        label="Page or section (optional)",
        max_length=100,
        required=False,
        help_text="For example, page 12 or section 4.2",
        error_messages={"max_length": "The page or section must be 100 characters or fewer"},
    )
    text = forms.CharField(
        label="Comment",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter your comment"},
    )
