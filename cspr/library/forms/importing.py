"""The upload page's form: several reports at once, with the year and type when every file shares them.
What is in each file is checked by the importer, file by file, so one unreadable report does not turn the
others away."""

from django import forms
from django.utils import timezone

from .. import vocabulary
from ..actions.importing import EARLIEST_YEAR

MAX_FILES = 20
MAX_FILE_MB = 20
MAX_FILE_BYTES = MAX_FILE_MB * 1024 * 1024


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A list of uploaded files; each is checked here for size only (its format is the importer's)."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = [file for file in (data if isinstance(data, list | tuple) else [data]) if file]
        if not files:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if len(files) > MAX_FILES:
            raise forms.ValidationError(f"Select no more than {MAX_FILES} files at a time", code="too_many")
        errors = []
        for file in files:
            if not file.size:
                errors.append(forms.ValidationError(f"{file.name} is empty", code="empty"))
            elif file.size > MAX_FILE_BYTES:
                errors.append(
                    forms.ValidationError(
                        f"{file.name} must be smaller than {MAX_FILE_MB} MB", code="too_big"
                    )
                )
        if errors:
            raise forms.ValidationError(errors)
        return files


class ImportForm(forms.Form):
    files = MultipleFileField(
        label="Upload reports",
        help_text=(
            f"PDF, Word (.docx), web page (.html), text or Markdown files: up to {MAX_FILES} at a time, "
            f"each smaller than {MAX_FILE_MB} MB"
        ),
        error_messages={"required": "Select one or more reports to import"},
    )
    year = forms.IntegerField(
        label="Year published (optional)",
        required=False,
        help_text="Only if every report was published that year: otherwise cspr looks for it in each report",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}),
        error_messages={"invalid": "Enter the year as a number, like 2021"},
    )
    review_type = forms.ChoiceField(
        label="Type of review (optional)",
        required=False,
        choices=[("", "Work it out from each report"), *vocabulary.REVIEW_TYPES.items()],
        help_text="Only if every report is the same type",
    )

    def clean_year(self):
        year = self.cleaned_data["year"]
        latest = timezone.localdate().year
        if year is not None and not EARLIEST_YEAR <= year <= latest:
            raise forms.ValidationError(f"Enter a year between {EARLIEST_YEAR} and {latest}")
        return year
