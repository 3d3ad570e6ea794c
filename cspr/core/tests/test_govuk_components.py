"""The GOV.UK component wrappers in cspr/core/templatetags/govuk.py, cspr/core/forms.py and base.html."""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from django import forms
from django.core.paginator import Paginator
from django.test import RequestFactory

from cspr.core.forms import GovukDateField
from cspr.core.tests.html import by_id, classes, elements, field_html, render


class ReferralForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        help_text="We will send the receipt here",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "class": "govuk-input--width-20"}),
        error_messages={"required": "Enter your email address"},
    )
    summary = forms.CharField(label="Summary of the incident", widget=forms.Textarea, required=False)
    agency = forms.ChoiceField(label="Agency", choices=[("", "Choose agency"), ("police", "Police")])
    report = forms.FileField(label="Upload the report", required=False)
    password = forms.CharField(label="Password", widget=forms.PasswordInput, required=False)
    notifiable = forms.ChoiceField(
        label="Is the incident notifiable?",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if the incident is notifiable"},
    )
    harms = forms.MultipleChoiceField(
        label="Which harms were involved?",
        choices=[("neglect", "Neglect"), ("physical", "Physical abuse")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    confirm = forms.BooleanField(
        label="I have told the Panel", error_messages={"required": "Confirm that you have told the Panel"}
    )
    became_aware = GovukDateField(
        label="When did the local authority become aware?",
        help_text="For example, 27 3 2024",
        error_messages={"required": "Enter the date the local authority became aware of the incident"},
    )

    def clean(self):
        if self.cleaned_data.get("agency") == "police" and self.cleaned_data.get("notifiable") == "no":
            raise forms.ValidationError("The police must notify the Panel")
        return self.cleaned_data


VALID = {
    "email": "lead@example.org",
    "agency": "police",
    "notifiable": "yes",
    "harms": ["physical"],
    "confirm": "on",
    "became_aware_day": "9",
    "became_aware_month": "5",
    "became_aware_year": "2023",
}


def test_valid_form_renders_no_error_summary_or_error_classes():
    form = ReferralForm(data=VALID)
    assert form.is_valid(), form.errors
    assert render("{% govuk_error_summary form %}", form=form).strip() == ""
    html = "".join(field_html(bound_field) for bound_field in form)
    assert "govuk-form-group--error" not in html
    assert "govuk-error-message" not in html
    assert "--error" not in html


def test_text_input_has_label_hint_and_widget_attrs():
    html = field_html(ReferralForm()["email"])
    [group] = elements(html, "div", "govuk-form-group")
    assert classes(group) == {"govuk-form-group"}
    assert elements(html, "label") == [{"class": "govuk-label", "for": "id_email"}]
    assert by_id(html, "id_email-hint")["class"] == "govuk-hint"
    field = by_id(html, "id_email")
    assert classes(field) == {"govuk-input", "govuk-input--width-20"}
    assert field["type"] == "email"
    assert field["autocomplete"] == "email"
    assert field["spellcheck"] == "false"
    assert field["aria-describedby"] == "id_email-hint"


def test_text_input_with_error_links_hint_and_error_message():
    form = ReferralForm(data={"email": ""})
    html = field_html(form["email"])
    assert "govuk-form-group--error" in classes(elements(html, "div", "govuk-form-group")[0])
    field = by_id(html, "id_email")
    assert "govuk-input--error" in classes(field)
    assert field["aria-describedby"] == "id_email-hint id_email-error"
    assert by_id(html, "id_email-error")["class"] == "govuk-error-message"
    assert '<span class="govuk-visually-hidden">Error:</span> Enter your email address</p>' in " ".join(
        html.split()
    )


def test_label_class_classes_and_label_as_page_heading():
    html = field_html(
        ReferralForm()["email"],
        label_class="govuk-label--l",
        label_is_heading=True,
        classes="govuk-!-width-full",
    )
    assert '<h1 class="govuk-label-wrapper"><label class="govuk-label govuk-label--l" for="id_email">' in html
    assert "govuk-!-width-full" in classes(by_id(html, "id_email"))


def test_textarea_select_file_and_password_use_their_govuk_classes():
    form = ReferralForm(data={"summary": "<b>Not bold</b>", "agency": "", "password": "secret-password"})
    form.is_valid()
    assert by_id(field_html(form["summary"]), "id_summary")["class"] == "govuk-textarea"
    assert "&lt;b&gt;Not bold&lt;/b&gt;" in field_html(form["summary"])

    select = field_html(form["agency"])
    assert classes(by_id(select, "id_agency")) == {"govuk-select", "govuk-select--error"}
    assert by_id(select, "id_agency")["aria-describedby"] == "id_agency-error"

    upload = field_html(form["report"])
    assert by_id(upload, "id_report")["type"] == "file"
    assert by_id(upload, "id_report")["class"] == "govuk-file-upload"
    assert "Clear" not in upload and "Currently" not in upload

    password = by_id(field_html(form["password"]), "id_password")
    assert password["type"] == "password"
    assert "value" not in password


def test_radios_in_fieldset_with_legend_and_checked_value():
    form = ReferralForm(data={"notifiable": "no"})
    html = field_html(form["notifiable"], label_class="govuk-label--l", label_is_heading=True)
    [fieldset] = elements(html, "fieldset")
    assert fieldset["class"] == "govuk-fieldset"
    assert "aria-describedby" not in fieldset
    assert elements(html, "legend") == [{"class": "govuk-fieldset__legend govuk-fieldset__legend--l"}]
    assert '<h1 class="govuk-fieldset__heading">Is the incident notifiable?</h1>' in html
    assert elements(html, "div", "govuk-radios")[0]["data-module"] == "govuk-radios"
    radios = elements(html, "input", "govuk-radios__input")
    assert [(radio["id"], radio["value"], "checked" in radio) for radio in radios] == [
        ("id_notifiable_0", "yes", False),
        ("id_notifiable_1", "no", True),
    ]
    assert all(radio["type"] == "radio" and radio["name"] == "notifiable" for radio in radios)
    assert elements(html, "label", "govuk-radios__label")[1]["for"] == "id_notifiable_1"


def test_radios_with_error_describe_the_fieldset_and_summary_links_to_first_radio():
    form = ReferralForm(data={})
    html = field_html(form["notifiable"])
    assert elements(html, "fieldset")[0]["aria-describedby"] == "id_notifiable-error"
    assert "Select yes if the incident is notifiable" in html
    summary = render("{% govuk_error_summary form %}", form=form)
    assert '<a href="#id_notifiable_0">Select yes if the incident is notifiable</a>' in summary


def test_checkboxes_and_single_checkbox():
    form = ReferralForm(data={"harms": ["neglect", "physical"]})
    html = field_html(form["harms"], classes="govuk-checkboxes--small")
    assert classes(elements(html, "div", "govuk-checkboxes")[0]) == {
        "govuk-checkboxes",
        "govuk-checkboxes--small",
    }
    boxes = elements(html, "input", "govuk-checkboxes__input")
    assert [(box["type"], box["name"], box["value"], "checked" in box) for box in boxes] == [
        ("checkbox", "harms", "neglect", True),
        ("checkbox", "harms", "physical", True),
    ]
    assert "<legend" in html

    single = field_html(form["confirm"])
    assert "<fieldset" not in single
    confirm = by_id(single, "id_confirm")
    assert classes(confirm) == {"govuk-checkboxes__input"}
    assert confirm["type"] == "checkbox"
    assert confirm["aria-describedby"] == "id_confirm-error"
    assert "Confirm that you have told the Panel" in single
    assert elements(single, "label") == [
        {"class": "govuk-label govuk-checkboxes__label", "for": "id_confirm"}
    ]
    assert "checked" in by_id(field_html(ReferralForm(data={"confirm": "on"})["confirm"]), "id_confirm")


def test_error_summary_lists_errors_of_several_forms_with_links_in_field_order():
    class ContactForm(forms.Form):
        phone = forms.CharField(label="Phone", error_messages={"required": "Enter a phone number"})

    referral = ReferralForm(data={**VALID, "email": "", "notifiable": "no", "became_aware_month": ""})
    contact = ContactForm(data={}, prefix="contact")
    html = render(
        "{% govuk_error_summary referral contact valid %}",
        referral=referral,
        contact=contact,
        valid=ReferralForm(data=VALID),
    )
    assert '<h2 class="govuk-error-summary__title">There is a problem</h2>' in html
    assert elements(html, "div", "govuk-error-summary")[0]["data-module"] == "govuk-error-summary"
    assert [link["href"] for link in elements(html, "a")] == [
        "#id_email",
        "#id_became_aware_month",
        "#id_contact-phone",
    ]
    # The non-field error is listed first, without a link.
    items = [" ".join(item.split()) for item in html.split("<li>")[1:]]
    assert items[0].startswith("The police must notify the Panel</li>")
    assert "Enter your email address" in items[1]
    assert "The date must include a month" in items[2]
    assert "Enter a phone number" in items[3]


def test_error_summary_renders_nothing_for_unbound_forms():
    assert render("{% govuk_error_summary form %}", form=ReferralForm()) == ""


@pytest.mark.parametrize(
    ("colour", "expected"),
    [
        ("", "govuk-tag"),
        ("blue", "govuk-tag"),
        ("grey", "govuk-tag govuk-tag--grey"),
        ("red", "govuk-tag govuk-tag--red"),
        ("turquoise", "govuk-tag govuk-tag--teal"),
        ("pink", "govuk-tag govuk-tag--magenta"),
        ("yellow", "govuk-tag govuk-tag--yellow"),
    ],
)
def test_tag_colours(colour, expected):
    html = render("{% govuk_tag text colour %}", text="Overdue <now>", colour=colour)
    assert html == f'<strong class="{expected}">Overdue &lt;now&gt;</strong>'


def test_tag_rejects_an_unknown_colour():
    with pytest.raises(ValueError, match="colour must be one of"):
        render('{% govuk_tag "Done" "gren" %}')


def test_summary_list_with_and_without_actions():
    rows = [
        {
            "key": "Child's initials",
            "value": "A.B.",
            "action_url": "/change/initials",
            "action_label": "initials",
        },
        {"key": "Date notified", "value": "9 May 2023"},
    ]
    html = " ".join(render("{% govuk_summary_list rows %}", rows=rows).split())
    assert elements(html, "dl") == [{"class": "govuk-summary-list"}]
    assert [classes(row) for row in elements(html, "div")] == [
        {"govuk-summary-list__row"},
        {"govuk-summary-list__row", "govuk-summary-list__row--no-actions"},
    ]
    assert '<dt class="govuk-summary-list__key">Child&#x27;s initials</dt>' in html
    assert '<dd class="govuk-summary-list__value">9 May 2023</dd>' in html
    change = (
        '<a class="govuk-link" href="/change/initials">Change<span class="govuk-visually-hidden"> initials'
    )
    assert f"{change}</span></a>" in html
    assert "--no-actions" not in render("{% govuk_summary_list rows %}", rows=rows[1:])


def pagination(page_number, count=100, query=None):
    request = RequestFactory().get("/reviews/", {**(query or {}), "page": page_number})
    page = Paginator(list(range(count)), 10).page(page_number)
    return render("{% govuk_pagination page request %}", page=page, request=request)


def test_pagination_keeps_other_query_parameters():
    html = pagination(5, query={"status": "open", "q": "rapid review"})
    links = elements(html, "a", "govuk-pagination__link")
    queries = [parse_qs(urlsplit(link["href"]).query) for link in links]
    assert all(query["status"] == ["open"] and query["q"] == ["rapid review"] for query in queries)
    assert [query["page"] for query in queries] == [["4"], ["1"], ["4"], ["5"], ["6"], ["10"], ["6"]]
    assert links[0]["rel"] == "prev" and links[-1]["rel"] == "next"
    [current] = [link for link in links if "aria-current" in link]
    assert current["aria-label"] == "Page 5"
    assert len(elements(html, "li", "govuk-pagination__item--ellipsis")) == 2
    assert elements(html, "nav") == [{"class": "govuk-pagination", "aria-label": "Pagination"}]


def test_pagination_first_and_last_pages_and_single_page():
    assert "govuk-pagination__prev" not in pagination(1)
    assert "govuk-pagination__next" in pagination(1)
    assert "govuk-pagination__next" not in pagination(10)
    assert pagination(1, count=10).strip() == ""


def test_back_link_and_buttons():
    assert render("{% govuk_back_link url %}", url="/reviews/?a=1&b=2") == (
        '<nav aria-label="Back"><a href="/reviews/?a=1&amp;b=2" class="govuk-back-link">Back</a></nav>'
    )
    assert render("{% govuk_button text %}", text="Save & continue") == (
        '<button type="submit" class="govuk-button" data-module="govuk-button">Save &amp; continue</button>'
    )
    assert 'class="govuk-button govuk-button--secondary"' in render(
        '{% govuk_button "Save" secondary=True %}'
    )
    warning = render('{% govuk_button "Delete" warning=True name="action" value="delete" %}')
    assert warning == (
        '<button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button"'
        ' name="action" value="delete">Delete</button>'
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime.date(2023, 5, 9), "9 May 2023"),
        (datetime.datetime(2023, 5, 9, 23, 30, tzinfo=datetime.UTC), "10 May 2023"),  # 00:30 BST
        (datetime.datetime(2023, 12, 31, 23, 30, tzinfo=datetime.UTC), "31 December 2023"),  # GMT
        (datetime.datetime(2023, 5, 9, 23, 30), "9 May 2023"),  # naive: as given
        (None, ""),
    ],
)
def test_govuk_date_filter(value, expected):
    assert render("{{ value|govuk_date }}", value=value) == expected
