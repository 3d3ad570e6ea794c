"""The upload form of the action plan spreadsheet; what is in the file is checked by `spreadsheet`."""

from django import forms

from .. import spreadsheet


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Upload the spreadsheet",
        help_text=f"The XLSX spreadsheet you downloaded and filled in, {spreadsheet.LIMITS}",
        error_messages={"required": "Select the XLSX spreadsheet", "empty": "The selected file is empty"},
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > spreadsheet.MAX_FILE_BYTES:
            raise forms.ValidationError(
                f"The selected file must be smaller than {spreadsheet.MAX_FILE_BYTES // (1024 * 1024)} MB"
            )
        return file
