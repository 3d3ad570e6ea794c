"""The review group's meeting, its immediate actions and the executive's decision, as forms.

Each form owns its messages in the GOV.UK voice. The dates they check against (today, when the local
authority became aware, when the review group met) and the partnership's agencies are passed in, so the
rules are tested without a clock or a database.
"""

import datetime as dt

from django import forms

from cspr.core.forms import GovukDateField
from cspr.core.templatetags.govuk import govuk_date

from ..models import Recommendation, Regulation11Criterion

# The attendee's agency select: one of the partnership's agencies, or this for anyone else.
ANOTHER_ORGANISATION = "other"
# Blank attendee rows on a new meeting record; "Add another attendee" adds one more without JavaScript.
BLANK_ATTENDEE_ROWS = 3
YES_NO = [("yes", "Yes"), ("no", "No")]


def check_done_on(day: dt.date | None, what: str, *, today: dt.date, earliest: dt.date, since: str):
    """A date something happened: not in the future and not before `earliest` (described by `since`)."""
    if day is None:
        return day
    if day > today:
        raise forms.ValidationError(f"{what} must be today or in the past")
    if day < earliest:
        raise forms.ValidationError(f"{what} must be on or after {since} ({govuk_date(earliest)})")
    return day


def agency_choices(agencies) -> list[tuple[str, str]]:
    return [(str(agency.pk), agency.name) for agency in agencies]


class MeetingForm(forms.Form):
    """What the review group made of the returns, and the next step it recommends (WT 2023, chapter 5)."""

    met_on = GovukDateField(
        label="When did the review group meet?",
        help_text="For example, 8 12 2026",
        error_messages={"required": "Enter the date the review group met"},
    )
    facts = forms.CharField(
        label="The facts, including key practice episodes",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter the facts the review group established"},
    )
    learning = forms.CharField(
        label="Learning identified", required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    inequalities = forms.CharField(
        label="Impact of racism, disability and other inequalities",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What the review group considered, including where it found no impact",
    )
    good_practice = forms.CharField(
        label="Good practice", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    recommendation = forms.ChoiceField(
        label="What does the review group recommend?",
        choices=Recommendation.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select what the review group recommends",
            "invalid_choice": "Select what the review group recommends",
        },
    )
    criteria = forms.MultipleChoiceField(
        label="Which regulation 11 criteria does the case meet?",
        choices=Regulation11Criterion.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Select all that apply. A local review needs at least one.",
        error_messages={"invalid_choice": "Select the regulation 11 criteria from the list"},
    )
    reasons = forms.CharField(
        label="Reasons for the recommendation",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Refer to the regulation 11 criteria",
        error_messages={"required": "Enter the reasons for the recommendation"},
    )

    def __init__(self, data=None, *, today: dt.date, aware_on: dt.date, **kwargs):
        super().__init__(data, **kwargs)
        self.today = today
        self.aware_on = aware_on

    def clean_met_on(self):
        return check_done_on(
            self.cleaned_data["met_on"],
            "The date the review group met",
            today=self.today,
            earliest=self.aware_on,
            since="the date the local authority became aware",
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("recommendation") == Recommendation.LOCAL_CSPR and not cleaned.get("criteria"):
            self.add_error(
                "criteria",
                "Select at least one regulation 11 criterion the case meets, to recommend a local child "
                "safeguarding practice review",
            )
        return cleaned


class AttendeeForm(forms.Form):
    """One person at the meeting; a row left blank is ignored, a row marked "Remove" is dropped."""

    agency = forms.ChoiceField(label="Agency", required=False)
    organisation = forms.CharField(
        label="Organisation, if not one of the agencies", max_length=200, required=False
    )
    name = forms.CharField(label="Name", max_length=200, required=False)
    role = forms.CharField(label="Role", max_length=200, required=False)
    remove = forms.BooleanField(label="Remove this attendee", required=False)

    def __init__(self, *args, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [
            ("", "Select an agency"),
            *agency_choices(agencies),
            (ANOTHER_ORGANISATION, "Another organisation"),
        ]

    @property
    def is_blank(self) -> bool:
        data = self.cleaned_data
        return not any(data.get(name) for name in ("agency", "organisation", "name", "role"))

    @property
    def is_kept(self) -> bool:
        return not self.is_blank and not self.cleaned_data.get("remove")

    def clean(self):
        cleaned = super().clean()
        if self.is_blank or cleaned.get("remove"):
            return cleaned
        if not cleaned.get("name", "").strip():
            self.add_error("name", "Enter the attendee's name")
        agency = cleaned.get("agency")
        if not agency:
            self.add_error("agency", "Select the attendee's agency, or another organisation")
        elif agency == ANOTHER_ORGANISATION and not cleaned.get("organisation", "").strip():
            self.add_error("organisation", "Enter the attendee's organisation")
        return cleaned

    def attendee(self) -> dict:
        """The row as the action saves it: an agency's pk, or the other organisation's name."""
        data = self.cleaned_data
        other = data["agency"] == ANOTHER_ORGANISATION
        return {
            "agency_id": None if other else int(data["agency"]),
            "organisation": data["organisation"].strip() if other else "",
            "name": data["name"].strip(),
            "role": data["role"].strip(),
        }


class BaseAttendeeFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        if not any(form.is_kept for form in self.forms):
            message = "Add at least one attendee of the meeting"
            if not self.forms:
                raise forms.ValidationError(message)
            # On the first row's name, so the error summary links to a box the user can fill in.
            self.forms[0].add_error("name", message)

    def attendees(self) -> list[dict]:
        return [form.attendee() for form in self.forms if form.is_kept]

    def typed_rows(self) -> list[dict]:
        """The rows as typed, unchecked: what the page shows again after "Add another attendee"."""
        return [{name: form[name].value() for name in form.fields} for form in self.forms]


AttendeeFormSet = forms.formset_factory(AttendeeForm, formset=BaseAttendeeFormSet, extra=0)


def attendee_formset(data=None, *, agencies, initial: list[dict]) -> BaseAttendeeFormSet:
    """The attendee rows: those given in `initial`, or blank ones for a new meeting record."""
    return AttendeeFormSet(
        data,
        prefix="attendees",
        initial=initial or [{}] * BLANK_ATTENDEE_ROWS,
        form_kwargs={"agencies": list(agencies)},
    )


class ImmediateActionForm(forms.Form):
    """An immediate safety action: what, which agency and who, by when. It becomes an action in the rapid
    review's action plan, so it needs an agency to report on it."""

    description = forms.CharField(
        label="What needs to be done?",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what needs to be done"},
    )
    owner_agency = forms.ChoiceField(
        label="Which agency will do it?",
        help_text="Its safeguarding leads report progress on the action",
        error_messages={"required": "Select the agency that will do it"},
    )
    owner = forms.CharField(
        label="Who in the agency will do it?",
        max_length=200,
        help_text="A named person or a role",
        error_messages={"required": "Enter who will do it"},
    )
    due_on = GovukDateField(
        label="When is it due?",
        help_text="For example, 4 12 2026",
        error_messages={"required": "Enter the date the action is due"},
    )

    def __init__(self, data=None, *, agencies, today: dt.date, opened_on: dt.date, **kwargs):
        super().__init__(data, **kwargs)
        self.agencies = {str(agency.pk): agency for agency in agencies}
        self.fields["owner_agency"].choices = [("", "Select an agency"), *agency_choices(agencies)]
        self.today = today
        self.opened_on = opened_on

    def clean_owner_agency(self):
        return self.agencies[self.cleaned_data["owner_agency"]]

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on < self.opened_on:
            raise forms.ValidationError("The date the action is due must be after the rapid review opened")
        return due_on


class ExecutiveDecisionForm(forms.Form):
    """The partners' decision on the review group's recommendation.

    Disagreeing means deciding a different next step: an executive that accepts the next step but not
    every reason agrees, and says so in its rationale. So a disagreement must name another decision.
    """

    decided_by_name = forms.CharField(
        label="Who made the decision?",
        max_length=200,
        error_messages={"required": "Enter the name of the person who made the decision"},
    )
    decided_by_role = forms.CharField(
        label="Their role",
        max_length=200,
        help_text="For example, Director of Children's Services",
        error_messages={"required": "Enter the role of the person who made the decision"},
    )
    decided_on = GovukDateField(
        label="When was the decision made?",
        help_text="For example, 10 12 2026",
        error_messages={"required": "Enter the date of the decision"},
    )
    agrees = forms.ChoiceField(
        label="Does the executive agree with the review group's recommendation?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select yes if the executive agrees with the recommendation",
            "invalid_choice": "Select yes if the executive agrees with the recommendation",
        },
    )
    decision = forms.ChoiceField(
        label="If not, what did the executive decide?",
        choices=Recommendation.choices,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": "Select what the executive decided"},
    )
    rationale = forms.CharField(
        label="Rationale",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter the rationale for the decision"},
    )

    def __init__(self, data=None, *, recommendation: str, met_on: dt.date, today: dt.date, **kwargs):
        super().__init__(data, **kwargs)
        self.recommendation = recommendation
        self.met_on = met_on
        self.today = today
        label = Recommendation(recommendation).label
        self.fields["agrees"].help_text = f"The review group recommended: {label}"

    def clean_decided_on(self):
        return check_done_on(
            self.cleaned_data["decided_on"],
            "The date of the decision",
            today=self.today,
            earliest=self.met_on,
            since="the date the review group met",
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("agrees") == "yes":
            cleaned["decision"] = self.recommendation
        elif cleaned.get("agrees") == "no":
            if not cleaned.get("decision"):
                self.add_error("decision", "Select what the executive decided")
            elif cleaned["decision"] == self.recommendation:
                self.add_error(
                    "decision",
                    "Select a decision different from the review group's recommendation, or answer yes "
                    "to agreeing with it",
                )
        return cleaned

    def decision_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "decided_by_name": data["decided_by_name"].strip(),
            "decided_by_role": data["decided_by_role"].strip(),
            "decided_on": data["decided_on"],
            "agrees": data["agrees"] == "yes",
            "decision": data["decision"],
            "rationale": data["rationale"].strip(),
        }
