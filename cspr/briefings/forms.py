"""The briefing form: a title and one box per section of the chosen format, in the format's order.

Sections may be left empty while the briefing is being written (the documents say "Not written yet"),
but no box may contain a real name of the child: the briefing is published with the review.
"""

from django import forms

from .formats import Format
from .names import contains_a_name

NAME_ERROR = (
    "{title} contains the child's real name: use the name the review is published under, "
    "for example {published}"
)


class BriefingForm(forms.Form):
    title = forms.CharField(
        label="Title of the briefing",
        max_length=200,
        help_text="For example, Learning from the review of Bella and Ben",
        error_messages={
            "required": "Enter the title of the briefing",
            "max_length": "Title of the briefing must be 200 characters or fewer",
        },
    )

    def __init__(self, data=None, *, briefing_format: Format, names: list[str], published_as: str, **kwargs):
        super().__init__(data, **kwargs)
        self.briefing_format = briefing_format
        self.names = names
        self.published_as = published_as
        for number, section in briefing_format.numbered():
            self.fields[section.code] = forms.CharField(
                label=f"{number}. {section.title}",
                help_text=section.hint,
                required=False,
                widget=forms.Textarea(attrs={"rows": 6 if section.is_list else 5}),
            )

    def clean(self):
        cleaned = super().clean()
        for name, field in self.fields.items():
            if contains_a_name(cleaned.get(name, ""), self.names):
                title = "The title" if name == "title" else field.label.split(". ", 1)[1]
                self.add_error(name, NAME_ERROR.format(title=title, published=self.published_as))
        return cleaned

    def sections(self) -> dict[str, str]:
        """The section texts to store, by code, with surrounding blank space removed."""
        return {code: self.cleaned_data[code].strip() for code in self.briefing_format.codes()}
