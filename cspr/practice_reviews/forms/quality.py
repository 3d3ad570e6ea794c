"""The quality assurance checklist and the partners' written response, as forms.

Every point may be left unanswered and saved for later (the review group signs off only once the must-do
points are all answered), but a note or report reference typed against a point needs its rating, so
nothing typed is kept without the answer it belongs to. Quality marker answers are only read when the
markers are in use, and unticking them keeps what was answered before.
"""

import datetime as dt

from django import forms

from cspr.core.forms import GovukDateField

from ..checklists import (
    MARKER_GROUPS,
    MUST_DO,
    MUST_DO_CHECKLIST,
    QUALITY_MARKERS,
    QUALITY_MARKERS_CHECKLIST,
    Point,
    markers_in,
)
from ..models import QualityRating


def field_name(checklist: str, code: str, part: str) -> str:
    return f"{checklist}-{code}-{part}"


class QualityChecklistForm(forms.Form):
    use_quality_markers = forms.BooleanField(
        label="Also check the report against the 18 quality markers",
        required=False,
        help_text="The NSPCC and SCIE quality markers: optional",
    )

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        for checklist, points in ((MUST_DO_CHECKLIST, MUST_DO), (QUALITY_MARKERS_CHECKLIST, QUALITY_MARKERS)):
            for point in points:
                self.fields[field_name(checklist, point.code, "rating")] = forms.ChoiceField(
                    label=point.question,
                    choices=QualityRating.choices,
                    widget=forms.RadioSelect,
                    required=False,
                    error_messages={
                        "invalid_choice": f"Select met, partly met or not met for “{point.title}”"
                    },
                )
                self.fields[field_name(checklist, point.code, "section")] = forms.CharField(
                    label="Where in the report",
                    max_length=200,
                    required=False,
                    help_text="For example, section 4 or paragraphs 4.2 to 4.6",
                    error_messages={"max_length": "Where in the report must be 200 characters or fewer"},
                )
                self.fields[field_name(checklist, point.code, "comment")] = forms.CharField(
                    label="Comment", required=False, widget=forms.Textarea(attrs={"rows": 2})
                )

    def _row(self, checklist: str, point: Point) -> dict:
        return {
            "point": point,
            "rating": self[field_name(checklist, point.code, "rating")],
            "section": self[field_name(checklist, point.code, "section")],
            "comment": self[field_name(checklist, point.code, "comment")],
        }

    def must_do_rows(self) -> list[dict]:
        return [self._row(MUST_DO_CHECKLIST, point) for point in MUST_DO]

    def marker_groups(self) -> list[dict]:
        return [
            {
                "group": group,
                "rows": [self._row(QUALITY_MARKERS_CHECKLIST, p) for p in markers_in(group.code)],
            }
            for group in MARKER_GROUPS
        ]

    def _checked(self) -> list[tuple[str, Point]]:
        """The points this submission answers: the must-do points, and the markers when they are used."""
        checked = [(MUST_DO_CHECKLIST, point) for point in MUST_DO]
        if self.cleaned_data.get("use_quality_markers"):
            checked += [(QUALITY_MARKERS_CHECKLIST, point) for point in QUALITY_MARKERS]
        return checked

    def clean(self):
        cleaned = super().clean()
        for checklist, point in self._checked():
            rating = cleaned.get(field_name(checklist, point.code, "rating"))
            typed = (
                cleaned.get(field_name(checklist, point.code, "section"), "").strip()
                or cleaned.get(field_name(checklist, point.code, "comment"), "").strip()
            )
            if typed and not rating:
                self.add_error(
                    field_name(checklist, point.code, "rating"),
                    f"Select met, partly met or not met for “{point.title}”, or clear what you typed",
                )
        return cleaned

    def answers(self) -> dict[tuple[str, str], dict | None]:
        """(checklist, code) -> the answer's fields, or None for a point left unanswered."""
        data = self.cleaned_data
        answers = {}
        for checklist, point in self._checked():
            rating = data[field_name(checklist, point.code, "rating")]
            answers[(checklist, point.code)] = (
                {
                    "rating": rating,
                    "report_section": data[field_name(checklist, point.code, "section")].strip(),
                    "comment": data[field_name(checklist, point.code, "comment")].strip(),
                }
                if rating
                else None
            )
        return answers


def initial_answers(quality) -> dict:
    """The form's initial data from the stored answers."""
    if quality is None:
        return {}
    initial = {"use_quality_markers": quality.use_quality_markers}
    for answer in quality.answers.all():
        initial[field_name(answer.checklist, answer.point, "rating")] = answer.rating
        initial[field_name(answer.checklist, answer.point, "section")] = answer.report_section
        initial[field_name(answer.checklist, answer.point, "comment")] = answer.comment
    return initial


class PartnersResponseForm(forms.Form):
    partners_response = forms.CharField(
        label="The partners' written response",
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="What the safeguarding partners will do in response to the report's findings",
        error_messages={"required": "Enter the partners' written response"},
    )
    partners_response_on = GovukDateField(
        label="Date of the response",
        help_text="For example, 12 3 2027",
        error_messages={"required": "Enter the date of the response"},
    )

    def __init__(self, data=None, *, today: dt.date, **kwargs):
        super().__init__(data, **kwargs)
        self.today = today

    def clean_partners_response_on(self):
        day = self.cleaned_data["partners_response_on"]
        if day is not None and day > self.today:
            raise forms.ValidationError("The date of the response must be today or in the past")
        return day
