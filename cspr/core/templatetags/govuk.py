"""GOV.UK Design System components, each wrapped once.

    {% load govuk %}
    {% govuk_error_summary form %}                 (or several forms)
    {% govuk_field form.email label_class="govuk-label--m" classes="govuk-input--width-20" %}
    {% govuk_tag "Overdue" "red" %}
    {% govuk_summary_list rows %}
    {% govuk_pagination page_obj request %}
    {% govuk_back_link url %}  {% govuk_button "Continue" %}
    {{ review.due_date|govuk_date }}

Markup follows govuk-frontend's own Nunjucks templates (node_modules/govuk-frontend/dist/govuk/
components/*/template.njk). Hint and error ids are "<field id>-hint" and "<field id>-error".
"""

import datetime
from zoneinfo import ZoneInfo

from django import forms, template
from django.forms.widgets import Input
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from cspr.core.forms import DATE_PARTS, MONTH_NAMES, GovukDateWidget

register = template.Library()

LONDON = ZoneInfo("Europe/London")

# Tag colours of govuk-frontend 6. Version 6 renamed turquoise to teal and pink to magenta and dropped
# light-blue; blue is the default colour and has no modifier class.
TAG_COLOURS = {
    "grey": "govuk-tag--grey",
    "green": "govuk-tag--green",
    "teal": "govuk-tag--teal",
    "turquoise": "govuk-tag--teal",
    "blue": "",
    "light-blue": "",
    "purple": "govuk-tag--purple",
    "magenta": "govuk-tag--magenta",
    "pink": "govuk-tag--magenta",
    "red": "govuk-tag--red",
    "orange": "govuk-tag--orange",
    "yellow": "govuk-tag--yellow",
}


def _classes(*names: str) -> str:
    return " ".join(name for name in names if name)


def _date_error_parts(bound_field: forms.BoundField) -> list[str]:
    """The day/month/year boxes to highlight: those the field's errors name, else all three."""
    parts: list[str] = []
    for error in bound_field.errors.as_data():
        for part in (getattr(error, "params", None) or {}).get("parts", DATE_PARTS):
            if part not in parts:
                parts.append(part)
    return [part for part in DATE_PARTS if part in parts]


def _error_anchor(bound_field: forms.BoundField) -> str:
    """The id of the element an error summary link moves focus to."""
    widget = bound_field.field.widget
    if isinstance(widget, GovukDateWidget):
        return f"{bound_field.auto_id}_{(_date_error_parts(bound_field) or ['day'])[0]}"
    if isinstance(widget, forms.RadioSelect):  # CheckboxSelectMultiple too: the first option
        return widget.id_for_label(bound_field.auto_id, "0")
    return bound_field.id_for_label or bound_field.auto_id


@register.simple_tag
def govuk_error_summary(*forms_with_errors: forms.BaseForm) -> str:
    """The "There is a problem" summary, linking to each field in error; nothing when there are none."""
    errors = []
    for form in forms_with_errors:
        if form is None or not form.errors:
            continue
        errors += [{"text": error} for error in form.non_field_errors()]
        for bound_field in form.hidden_fields():
            errors += [{"text": error} for error in bound_field.errors]
        for bound_field in form.visible_fields():
            anchor = _error_anchor(bound_field)
            errors += [{"text": error, "href": f"#{anchor}"} for error in bound_field.errors]
    if not errors:
        return ""
    return render_to_string("govuk/error_summary.html", {"errors": errors})


@register.simple_tag
def govuk_field(
    bound_field: forms.BoundField,
    label_class: str = "",
    label_is_heading: bool = False,
    classes: str = "",
) -> str:
    """The whole form group of one field (label, hint, error message, control), chosen by widget.

    `label_class` sizes the label ("govuk-label--l"; on a fieldset's legend it becomes
    "govuk-fieldset__legend--l"),
    `label_is_heading` wraps it in an <h1> for question pages, `classes` goes on the control
    (a width such as "govuk-input--width-10", or "govuk-radios--inline").
    """
    widget = bound_field.field.widget
    if widget.is_hidden:
        return str(bound_field)
    field_id = bound_field.auto_id
    has_errors = bool(bound_field.errors)
    hint_id = f"{field_id}-hint" if bound_field.help_text else ""
    error_id = f"{field_id}-error" if has_errors else ""
    described_by = _classes(hint_id, error_id)
    if label_is_heading and not label_class:
        label_class = "govuk-label--l"
    context = {
        "field": bound_field,
        "id": field_id,
        "label": bound_field.label,
        "label_class": _classes("govuk-label", label_class),
        "legend_class": _classes(
            "govuk-fieldset__legend", label_class.replace("govuk-label--", "govuk-fieldset__legend--")
        ),
        "label_is_heading": label_is_heading,
        "hint": bound_field.help_text,
        "hint_id": hint_id,
        "errors": bound_field.errors,
        "error_id": error_id,
        "described_by": described_by,
        "classes": classes,
    }
    own_class = widget.attrs.get("class", "")
    attrs = {"aria-describedby": described_by} if described_by else {}

    if isinstance(widget, GovukDateWidget):
        widget_context = widget.get_context(bound_field.html_name, bound_field.value(), {"id": field_id})
        error_parts = _date_error_parts(bound_field)
        for part, subwidget in zip(DATE_PARTS, widget_context["widget"]["subwidgets"], strict=True):
            if part in error_parts:
                subwidget["attrs"]["class"] += " govuk-input--error"
        widget_context["widget"]["classes"] = classes
        # The form renderer's templates autoescape, as Widget.render() relies on.
        html = bound_field.form.renderer.render(widget.template_name, widget_context)
        context["control"] = mark_safe(html)  # noqa: S308
        return render_to_string("govuk/field_date.html", context)

    if isinstance(widget, forms.RadioSelect):  # and its subclass CheckboxSelectMultiple
        kind = "checkboxes" if isinstance(widget, forms.CheckboxSelectMultiple) else "radios"
        context["kind"] = kind
        context["items"] = [
            {
                "id": option.data["attrs"]["id"],
                "name": option.data["name"],
                "value": option.data["value"],
                "label": option.choice_label,
                "checked": option.data["selected"],
            }
            for option in bound_field.subwidgets
        ]
        return render_to_string("govuk/field_choices.html", context)

    if isinstance(widget, forms.CheckboxInput):
        attrs["class"] = _classes("govuk-checkboxes__input", own_class)
        context["control"] = bound_field.as_widget(attrs=attrs)
        return render_to_string("govuk/field_checkbox.html", context)

    if isinstance(widget, forms.FileInput):
        # A plain file input: ClearableFileInput's "Currently/Clear" markup is not a GOV.UK pattern.
        file_widget = forms.FileInput(attrs=widget.attrs)
        file_widget.allow_multiple_selected = widget.allow_multiple_selected
        error_class = "govuk-file-upload--error" if has_errors else ""
        attrs["class"] = _classes("govuk-file-upload", own_class, classes, error_class)
        context["control"] = bound_field.as_widget(widget=file_widget, attrs=attrs)
    elif isinstance(widget, forms.Textarea):
        attrs["class"] = _classes(
            "govuk-textarea", own_class, classes, has_errors and "govuk-textarea--error"
        )
        context["control"] = bound_field.as_widget(attrs=attrs)
    elif isinstance(widget, forms.Select):
        attrs["class"] = _classes("govuk-select", own_class, classes, has_errors and "govuk-select--error")
        context["control"] = bound_field.as_widget(attrs=attrs)
    elif isinstance(widget, Input):
        attrs["class"] = _classes("govuk-input", own_class, classes, has_errors and "govuk-input--error")
        if isinstance(widget, forms.EmailInput) and "spellcheck" not in widget.attrs:
            attrs["spellcheck"] = "false"
        context["control"] = bound_field.as_widget(attrs=attrs)
    else:
        raise TypeError(f"govuk_field cannot render a {type(widget).__name__}")
    return render_to_string("govuk/field.html", context)


@register.simple_tag
def govuk_tag(text: str, colour: str = "") -> SafeString:
    """A status tag; `colour` is one of TAG_COLOURS (blue when left out)."""
    if colour not in TAG_COLOURS and colour:
        raise ValueError(f"govuk_tag colour must be one of {', '.join(TAG_COLOURS)}, not {colour!r}")
    return format_html('<strong class="{}">{}</strong>', _classes("govuk-tag", TAG_COLOURS.get(colour)), text)


@register.inclusion_tag("govuk/summary_list.html")
def govuk_summary_list(rows: list[dict]) -> dict:
    """rows: [{"key", "value", "action_url" (optional), "action_label" (visually hidden, optional),
    "action_text" (optional, default "Change")}]."""
    return {"rows": rows, "any_actions": any(row.get("action_url") for row in rows)}


@register.inclusion_tag("govuk/pagination.html")
def govuk_pagination(page_obj, request) -> dict:
    """Previous, numbered and next links that keep the request's other query parameters."""
    paginator = page_obj.paginator

    def href(number: int) -> str:
        query = request.GET.copy()
        query["page"] = number
        return f"?{query.urlencode()}"

    if paginator.num_pages <= 1:
        return {"show": False}
    items = [
        {"ellipsis": True}
        if number == paginator.ELLIPSIS
        else {"number": number, "href": href(number), "current": number == page_obj.number}
        for number in paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1)
    ]
    return {
        "show": True,
        "items": items,
        "previous": href(page_obj.previous_page_number()) if page_obj.has_previous() else "",
        "next": href(page_obj.next_page_number()) if page_obj.has_next() else "",
    }


@register.simple_tag
def govuk_back_link(url: str, text: str = "Back") -> SafeString:
    # Inside a navigation landmark: it sits before <main>, and all content must be in a landmark.
    return format_html('<nav aria-label="Back"><a href="{}" class="govuk-back-link">{}</a></nav>', url, text)


@register.simple_tag
def govuk_button(
    text: str, secondary: bool = False, warning: bool = False, name: str = "", value: str = ""
) -> SafeString:
    """A submit button; `name`/`value` tell apart several buttons in one form."""
    variant = "govuk-button--secondary" if secondary else "govuk-button--warning" if warning else ""
    return format_html(
        '<button type="submit" class="{}" data-module="govuk-button"{}>{}</button>',
        _classes("govuk-button", variant),
        format_html(' name="{}" value="{}"', name, value) if name else "",
        text,
    )


@register.filter
def govuk_date(value: datetime.date | datetime.datetime | None) -> str:
    """A date as "9 May 2023"; an aware datetime as its date in London."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        value = value.astimezone(LONDON)
    return f"{value.day} {MONTH_NAMES[value.month - 1]} {value.year}"
