"""The GOV.UK date input: three boxes (day, month, year) and a field that makes them a date.

    became_aware = GovukDateField(
        label="When did the local authority become aware of the incident?",
        help_text="For example, 27 3 2024",
        error_messages={"required": "Enter the date the local authority became aware of the incident"},
    )

Render it with `{% govuk_field form.became_aware %}`. Error messages may use %(missing)s ("day",
"month and year", ...) as the defaults do.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError

DATE_PARTS = ("day", "month", "year")

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# GOV.UK asks services to accept month names as well as numbers ("Mar", "march", "Sept").
MONTHS_BY_NAME = {
    name: number for number, month in enumerate(MONTH_NAMES, 1) for name in (month.lower(), month[:3].lower())
} | {"sept": 9}


class GovukDateWidget(forms.MultiWidget):
    """Day, month and year text boxes (inputmode numeric, as GOV.UK advises instead of type=number).

    The sub-fields are named <name>_day, <name>_month, <name>_year and have ids <id>_day, ...
    """

    template_name = "govuk/widgets/date_input.html"

    def __init__(self, attrs=None):
        def box(width: int) -> forms.TextInput:
            classes = f"govuk-input govuk-date-input__input govuk-input--width-{width}"
            return forms.TextInput(attrs={"class": classes, "inputmode": "numeric"})

        super().__init__({"day": box(2), "month": box(2), "year": box(4)}, attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for part, subwidget in zip(DATE_PARTS, context["widget"]["subwidgets"], strict=True):
            subwidget["label"] = part.capitalize()
            if context["widget"]["attrs"].get("id"):
                subwidget["attrs"]["id"] = f"{context['widget']['attrs']['id']}_{part}"
        return context


class GovukDateField(forms.Field):
    """A `datetime.date` from a GOV.UK date input, with errors in the GOV.UK voice.

    Errors about particular boxes carry params["parts"], so that only those boxes are highlighted.
    """

    widget = GovukDateWidget
    default_error_messages = {
        "required": "Enter the date",
        "incomplete": "The date must include a %(missing)s",
        "year": "The year must include 4 numbers",
        "invalid": "The date must be a real date",
    }

    def to_python(self, value):
        if isinstance(value, datetime.date) or value is None:
            return value
        parts = dict(zip(DATE_PARTS, (str(item or "").strip() for item in value), strict=True))
        if not any(parts.values()):
            return None
        missing = [part for part in DATE_PARTS if not parts[part]]
        if missing:
            raise ValidationError(
                self.error_messages["incomplete"],
                code="incomplete",
                params={"missing": " and ".join(missing), "parts": missing},
            )
        if not (parts["year"].isdigit() and len(parts["year"]) == 4):
            raise ValidationError(self.error_messages["year"], code="year", params={"parts": ["year"]})
        month = MONTHS_BY_NAME.get(parts["month"].lower(), parts["month"])
        try:
            return datetime.date(int(parts["year"]), int(month), int(parts["day"]))
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
