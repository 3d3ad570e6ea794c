"""The forms of the serious incident notification: saving a version, recording it sent, and the copies.

Each form owns its messages in the GOV.UK voice; the dates they check against (the day the local authority
became aware, the notification due date, today) are passed in, so the rules are tested without a clock.
"""

import datetime as dt
import re

from django import forms

from cspr.core.forms import GovukDateField
from cspr.core.templatetags.govuk import govuk_date

# A UK or international telephone number: digits with spaces, brackets, dashes and a leading +.
PHONE = re.compile(r"^\+?[\d\s()-]+$")


def _required(message: str) -> dict:
    return {"required": message}


class NotificationForm(forms.Form):
    """The notifier's details and, once a version has been sent to the Panel, why it is being changed."""

    local_authority = forms.ChoiceField(
        label="Which local authority is notifying?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the local authority that is notifying",
            "invalid_choice": "Select the local authority that is notifying",
        },
    )
    notifier_name = forms.CharField(
        label="Notifier's name", max_length=200, error_messages=_required("Enter the notifier's name")
    )
    notifier_role = forms.CharField(
        label="Notifier's role",
        max_length=200,
        help_text="For example, Head of Safeguarding",
        error_messages=_required("Enter the notifier's role"),
    )
    notifier_email = forms.EmailField(
        label="Notifier's email address",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": "Enter the notifier's email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
    notifier_phone = forms.CharField(
        label="Notifier's telephone number",
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
        error_messages=_required("Enter the notifier's telephone number"),
    )
    change_reason = forms.CharField(
        label="Why are you changing the notification?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The Panel has already been sent an earlier version. Say what changed and why.",
    )

    def __init__(self, data=None, *, local_authorities: list[str], submitted_before: bool, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["local_authority"].choices = [(name, name) for name in local_authorities]
        self.submitted_before = submitted_before
        if not submitted_before:
            del self.fields["change_reason"]

    def clean_notifier_phone(self):
        phone = self.cleaned_data["notifier_phone"].strip()
        if not PHONE.match(phone) or sum(char.isdigit() for char in phone) < 10:
            raise forms.ValidationError("Enter a telephone number, like 01632 960 001 or 07700 900 982")
        return phone

    def clean_change_reason(self):
        reason = self.cleaned_data["change_reason"].strip()
        if not reason:
            raise forms.ValidationError("Enter why you are changing a notification already sent to the Panel")
        return reason

    def notifier(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["notifier_name"],
            "role": data["notifier_role"],
            "email": data["notifier_email"],
            "phone": data["notifier_phone"],
        }


def check_past_date(day: dt.date | None, what: str, *, today: dt.date, aware_on: dt.date):
    """A date something was done: not in the future, not before the local authority became aware."""
    if day is None:
        return day
    if day > today:
        raise forms.ValidationError(f"{what} must be today or in the past")
    if day < aware_on:
        raise forms.ValidationError(
            f"{what} must be on or after the date the local authority became aware ({govuk_date(aware_on)})"
        )
    return day


class SubmittedForm(forms.Form):
    """The date the notification went to the Panel through the national online form, and its reference."""

    submitted_on = GovukDateField(
        label="When was the notification submitted to the Panel?",
        help_text="For example, 27 11 2026",
        error_messages=_required("Enter the date the notification was submitted to the Panel"),
    )
    panel_reference = forms.CharField(
        label="Panel's reference",
        max_length=60,
        help_text="The reference the national online form gave when you submitted it",
        error_messages=_required("Enter the Panel's reference"),
    )
    late_reason = forms.CharField(
        label="If the notification was late, why?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, data=None, *, due_on: dt.date | None, aware_on: dt.date, today: dt.date, **kwargs):
        super().__init__(data, **kwargs)
        self.due_on = due_on
        self.aware_on = aware_on
        self.today = today
        if due_on is None:
            # Only the first submission can be late; a changed version sent again has no deadline.
            del self.fields["late_reason"]
        else:
            due = govuk_date(due_on)
            self.fields[
                "late_reason"
            ].help_text = f"Due by {due}: needed if it was submitted after that date."

    def clean_submitted_on(self):
        return check_past_date(
            self.cleaned_data["submitted_on"],
            "The date submitted to the Panel",
            today=self.today,
            aware_on=self.aware_on,
        )

    def clean(self):
        cleaned = super().clean()
        submitted_on = cleaned.get("submitted_on")
        late = self.due_on and submitted_on and submitted_on > self.due_on
        if late and not cleaned.get("late_reason", "").strip():
            self.add_error("late_reason", "Enter why the notification was late")
        return cleaned


COPY_FIELDS = {
    "partners_informed_on": (
        "When were the safeguarding partners informed?",
        "The date the safeguarding partners were informed",
    ),
    "ofsted_informed_on": ("When was Ofsted informed?", "The date Ofsted was informed"),
    "dfe_informed_on": (
        "When was DfE (the Secretary of State for Education) informed?",
        "The date DfE was informed",
    ),
}


class CopiesForm(forms.Form):
    """Dates the notification was shared beyond the Panel; one at a time is fine, but none is not.

    `shown` names the copies this case involves, `required` those the law requires for it (the view explains
    which and why). A date once recorded may be corrected but not removed.
    """

    def __init__(self, data=None, *, shown, required, aware_on: dt.date, today: dt.date, **kwargs):
        super().__init__(data, **kwargs)
        self.aware_on = aware_on
        self.today = today
        for name in shown:
            label, what = COPY_FIELDS[name]
            self.fields[name] = GovukDateField(
                label=label,
                required=False,
                help_text="Required for this case" if name in required else "If you informed them",
            )
            self.fields[name].what = what

    def clean(self):
        cleaned = super().clean()
        for name, field in self.fields.items():
            if name in self.errors:
                continue
            try:
                check_past_date(cleaned.get(name), field.what, today=self.today, aware_on=self.aware_on)
            except forms.ValidationError as error:
                self.add_error(name, error)
                continue
            if cleaned.get(name) is None and self.initial.get(name):
                what = field.what[0].lower() + field.what[1:]
                self.add_error(name, f"Enter {what}: a date already recorded cannot be removed")
        if not self.errors and not any(cleaned.get(name) for name in self.fields):
            first = next(iter(self.fields))
            self.add_error(first, "Enter the date at least one of them was informed")
        return cleaned
