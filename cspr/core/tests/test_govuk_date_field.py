"""The GOV.UK date input: parsing, messages and which boxes an error highlights."""

import datetime

import pytest
from django import forms

from cspr.core.forms import GovukDateField
from cspr.core.tests.html import by_id, classes, elements, field_html, render


class DateForm(forms.Form):
    became_aware = GovukDateField(
        label="When did the local authority become aware?",
        error_messages={"required": "Enter the date the local authority became aware of the incident"},
    )
    closed = GovukDateField(label="Date closed", required=False)


def date_form(day="", month="", year=""):
    return DateForm(data={"became_aware_day": day, "became_aware_month": month, "became_aware_year": year})


@pytest.mark.parametrize(
    ("day", "month", "year", "expected"),
    [
        ("9", "5", "2023", datetime.date(2023, 5, 9)),
        (" 09 ", "05", "2023", datetime.date(2023, 5, 9)),
        ("9", "May", "2023", datetime.date(2023, 5, 9)),
        ("30", "sept", "2024", datetime.date(2024, 9, 30)),
        ("29", "February", "2024", datetime.date(2024, 2, 29)),
    ],
)
def test_date_field_gives_a_date(day, month, year, expected):
    form = date_form(day, month, year)
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"became_aware": expected, "closed": None}


@pytest.mark.parametrize(
    ("day", "month", "year", "message", "highlighted"),
    [
        (
            "",
            "",
            "",
            "Enter the date the local authority became aware of the incident",
            ["day", "month", "year"],
        ),
        ("9", "", "2023", "The date must include a month", ["month"]),
        ("", "5", "", "The date must include a day and year", ["day", "year"]),
        ("9", "5", "23", "The year must include 4 numbers", ["year"]),
        ("29", "2", "2023", "The date must be a real date", ["day", "month", "year"]),
        ("9", "13", "2023", "The date must be a real date", ["day", "month", "year"]),
        ("nine", "5", "2023", "The date must be a real date", ["day", "month", "year"]),
    ],
)
def test_date_field_errors_and_the_boxes_they_highlight(day, month, year, message, highlighted):
    form = date_form(day, month, year)
    assert not form.is_valid()
    assert form.errors["became_aware"] == [message]
    html = field_html(form["became_aware"])
    assert "govuk-form-group--error" in classes(elements(html, "div", "govuk-form-group")[0])
    assert f"Error:</span> {message}" in html
    errored = [
        part
        for part in ("day", "month", "year")
        if "govuk-input--error" in classes(by_id(html, f"id_became_aware_{part}"))
    ]
    assert errored == highlighted
    summary = render("{% govuk_error_summary form %}", form=form)
    assert elements(summary, "a") == [{"href": f"#id_became_aware_{highlighted[0]}"}]


def test_date_field_error_messages_are_customisable():
    class Form(forms.Form):
        born = GovukDateField(
            label="Date of birth",
            error_messages={
                "incomplete": "Date of birth must include a %(missing)s",
                "invalid": "Date of birth must be a real date",
            },
        )

    form = Form(data={"born_day": "1", "born_month": "", "born_year": ""})
    assert form.errors["born"] == ["Date of birth must include a month and year"]
    form = Form(data={"born_day": "31", "born_month": "4", "born_year": "2020"})
    assert form.errors["born"] == ["Date of birth must be a real date"]


def test_date_input_markup_in_a_fieldset():
    form = DateForm(initial={"became_aware": datetime.date(2024, 3, 27)})
    html = field_html(form["became_aware"], label_class="govuk-label--m")
    [fieldset] = elements(html, "fieldset")
    assert fieldset == {"class": "govuk-fieldset", "role": "group"}
    assert elements(html, "legend") == [{"class": "govuk-fieldset__legend govuk-fieldset__legend--m"}]
    assert by_id(html, "id_became_aware")["class"] == "govuk-date-input"
    for part, value, width in [("day", "27", 2), ("month", "3", 2), ("year", "2024", 4)]:
        box = by_id(html, f"id_became_aware_{part}")
        assert box["name"] == f"became_aware_{part}"
        assert box["value"] == value
        assert box["type"] == "text"
        assert box["inputmode"] == "numeric"
        assert classes(box) == {"govuk-input", "govuk-date-input__input", f"govuk-input--width-{width}"}
    labels = elements(html, "label", "govuk-date-input__label")
    assert [label["for"] for label in labels] == [
        f"id_became_aware_{part}" for part in ("day", "month", "year")
    ]


def test_date_fieldset_is_described_by_hint_and_error():
    class Form(forms.Form):
        when = GovukDateField(label="When?", help_text="For example, 27 3 2024")

    assert elements(field_html(Form()["when"]), "fieldset")[0]["aria-describedby"] == "id_when-hint"
    html = field_html(Form(data={})["when"])
    assert elements(html, "fieldset")[0]["aria-describedby"] == "id_when-hint id_when-error"
    assert by_id(html, "id_when-error")["class"] == "govuk-error-message"
