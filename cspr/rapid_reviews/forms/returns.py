"""Forms of agency requests and returns: asking agencies for returns, completing one, reopening one.

Each form owns its GOV.UK error messages. The request form may add an agency to the partnership on the
way; it checks the new agency with the partnership's own `AgencyForm`, so an agency added here obeys the
same rules (and is saved by the same audited action) as one added on the partnership's page.
"""

import datetime as dt

from django import forms

from cspr.core.forms import GovukDateField
from cspr.partnerships.forms import AgencyForm
from cspr.partnerships.models import AgencyKind
from cspr.rapid_reviews.models import AgencyReturn, ReturnStatus

# The six parts of an agency return (the individual agency summary), in the order the form asks them.
RETURN_SECTIONS = (
    "summary_of_involvement",
    "key_practice_episodes",
    "analysis",
    "what_went_well",
    "learning",
    "actions_taken",
)
SECTION_HINTS = {
    "summary_of_involvement": "What your agency knew about the child and family, and when",
    "key_practice_episodes": "The moments where practice made, or could have made, a difference",
    "analysis": "Why things happened as they did",
    "what_went_well": "Practice that helped the child",
    "learning": "What your agency and the partnership could learn",
    "actions_taken": "What your agency has already done since the incident",
}
NEW_AGENCY_FIELDS = {"name": "new_agency_name", "kind": "new_agency_kind", "email": "new_agency_email"}


class AgencyChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.get_kind_display()})"


class ReturnRequestForm(forms.Form):
    """Which agencies to ask, by when, with what message; optionally one new agency added to the list."""

    agencies = AgencyChoiceField(
        label="Agencies to ask for a return",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select every agency that knew the child or family",
        error_messages={
            "invalid_choice": "Select agencies from the list: one you selected was already asked"
        },
    )
    new_agency_name = forms.CharField(label="Agency name", required=False, max_length=200)
    new_agency_kind = forms.ChoiceField(
        label="Type of agency", required=False, choices=[("", "Select a type"), *AgencyKind.choices]
    )
    new_agency_email = forms.EmailField(
        label="Safeguarding contact email (optional)",
        required=False,
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )
    due_on = GovukDateField(
        label="Date the returns are due",
        help_text="For example, 3 12 2026",
        error_messages={"required": "Enter the date the returns are due"},
    )
    message = forms.CharField(
        label="Message to the agencies (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Shown to the agencies on each return's page, not in the email. Refer to the child by "
        "their pseudonym",
    )

    def __init__(
        self, data=None, *, agencies, partnership, today: dt.date, default_due_on: dt.date, due_hint: str = ""
    ):
        """`agencies`: the active agencies not yet asked; `default_due_on`: the partnership's usual due date,
        which `due_hint` explains."""
        super().__init__(data, initial={"due_on": default_due_on})
        self.fields["agencies"].queryset = agencies
        if due_hint:
            self.fields["due_on"].help_text = due_hint
        self.partnership = partnership
        self.today = today
        self.agency_form: AgencyForm | None = None

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on < self.today:
            raise forms.ValidationError("The date the returns are due must be today or in the future")
        return due_on

    def clean(self):
        data = super().clean()
        if any(data.get(field) for field in NEW_AGENCY_FIELDS.values()):
            self._check_new_agency(data)
        elif "agencies" in data and not data["agencies"]:
            if self.fields["agencies"].queryset.exists():
                self.add_error("agencies", "Select the agencies to ask for a return, or add an agency")
            else:  # every agency has been asked, so the page shows no checkboxes to point to
                self.add_error("new_agency_name", "Enter the name of the agency to ask for a return")
        return data

    def _check_new_agency(self, data) -> None:
        """The partnership's agency form decides whether the new agency may be added; its errors show here."""
        self.agency_form = AgencyForm(
            {
                "name": data.get("new_agency_name", ""),
                "kind": data.get("new_agency_kind", ""),
                "email": data.get("new_agency_email", ""),
                "is_active": True,
            },
            partnership=self.partnership,
        )
        if self.agency_form.is_valid():
            return
        for field, errors in self.agency_form.errors.items():
            target = NEW_AGENCY_FIELDS.get(field)
            for error in errors:
                if target and target not in self.errors:
                    self.add_error(target, error)
                elif not target:
                    self.add_error(None, error)
        self.agency_form = None


def section_field(name: str) -> forms.CharField:
    return forms.CharField(
        label=AgencyReturn._meta.get_field(name).verbose_name.capitalize(),
        help_text=SECTION_HINTS[name],
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class AgencyReturnForm(forms.Form):
    """The six sections; saving a draft needs none of them, continuing to submit needs the summary."""

    SAVE_DRAFT = "draft"
    CONTINUE = "continue"

    summary_of_involvement = section_field("summary_of_involvement")
    key_practice_episodes = section_field("key_practice_episodes")
    analysis = section_field("analysis")
    what_went_well = section_field("what_went_well")
    learning = section_field("learning")
    actions_taken = section_field("actions_taken")

    def __init__(self, data=None, *, agency_return):
        super().__init__(data, initial={name: getattr(agency_return, name) for name in RETURN_SECTIONS})
        self.submitting = bool(data) and data.get("action") == self.CONTINUE

    def clean_summary_of_involvement(self):
        summary = self.cleaned_data["summary_of_involvement"]
        if self.submitting and not summary:
            raise forms.ValidationError("Enter a summary of your agency's involvement before you submit")
        return summary

    def sections(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in RETURN_SECTIONS}


class ReopenReturnForm(forms.Form):
    reason = forms.CharField(
        label="Why are you reopening this return?",
        help_text="The agency sees this reason on the return's page; it is not sent by email",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter why you are reopening the return"},
    )
    due_on = GovukDateField(
        label="New date the return is due",
        help_text="For example, 3 12 2026",
        error_messages={"required": "Enter the new date the return is due"},
    )

    def __init__(self, data=None, *, today: dt.date, default_due_on: dt.date):
        super().__init__(data, initial={"due_on": default_due_on})
        self.today = today

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on < self.today:
            raise forms.ValidationError("The date the return is due must be today or in the future")
        return due_on


class MyReturnsFilterForm(forms.Form):
    """The filters above an agency lead's list of returns (a GET form, so it works without JavaScript)."""

    SORTS = {"due": ("due_on", "pk"), "-due": ("-due_on", "-pk")}

    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "All statuses"), *ReturnStatus.choices],
        error_messages={"invalid_choice": "Select a status from the list"},
    )
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[("due", "Due date, soonest first"), ("-due", "Due date, latest first")],
        error_messages={"invalid_choice": "Select an order from the list"},
    )

    def apply(self, returns):
        """The returns filtered and sorted as asked; an invalid choice is ignored (and shown as an error)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        if data.get("status"):
            returns = returns.filter(status=data["status"])
        return returns.order_by(*self.SORTS[data.get("sort") or "due"])
