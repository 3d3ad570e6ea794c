"""Forms for an incident's details, its children and its links, with the checks a notification relies on.

`child_problems` holds the rules about one child (date of birth, age, unborn, placement) so that the
referral form and the child page give the same messages in the same words.
"""

import datetime as dt

from django import forms
from django.db.models import Q
from django.utils import timezone

from cspr.accounts.models import Role, User
from cspr.core.forms import GovukDateField
from cspr.incidents.models import Child, Incident, IncidentLink, LinkKind, YesNoUnknown
from cspr.incidents.models.incident import CHILD_DETAILS
from cspr.partnerships.models import Agency, AgencyKind

# Care leavers are notified up to and including age 24; everyone else named is a child (under 18).
OLDEST_AGE = 24


def age_on(date_of_birth: dt.date, day: dt.date) -> int:
    before_birthday = (day.month, day.day) < (date_of_birth.month, date_of_birth.day)
    return day.year - date_of_birth.year - before_birthday


def child_problems(
    *,
    unborn: bool,
    date_of_birth: dt.date | None,
    age_years: int | None,
    looked_after: str,
    placement_type: str,
    incident_on: dt.date | None,
    today: dt.date,
) -> dict[str, str]:
    """Field name -> message for what is wrong with one child's details; empty when nothing is.

    `incident_on` may be None when the incident date itself is missing or wrong: the checks against it
    then wait until it is corrected.
    """
    problems = {}
    if date_of_birth and date_of_birth > today:
        problems["date_of_birth"] = "The date of birth must be today or in the past"
    elif date_of_birth and incident_on and not unborn and date_of_birth > incident_on:
        problems["date_of_birth"] = (
            "The date of birth must be on or before the date of the incident, "
            "unless the child was unborn at the time"
        )
    elif date_of_birth and incident_on and unborn and date_of_birth <= incident_on:
        problems["date_of_birth"] = (
            "A child who was unborn at the time of the incident must have a date of birth after it"
        )
    if unborn and age_years is not None:
        problems["age_years"] = "Leave the age blank for a child who was unborn at the time of the incident"
    elif not unborn and date_of_birth is None and age_years is None:
        problems["date_of_birth"] = "Enter the child's date of birth or age, or select that they were unborn"
    elif date_of_birth and age_years is not None and "date_of_birth" not in problems:
        actual = age_on(date_of_birth, incident_on or today)
        if actual != age_years:
            when = "on the date of the incident" if incident_on else "today"
            problems["age_years"] = (
                f"The age does not match the date of birth: {when} the child was {actual}. "
                "Correct the age or leave it blank"
            )
    if placement_type and looked_after != YesNoUnknown.YES:
        problems["placement_type"] = (
            "Select a placement type only for a looked-after child, or answer yes to looked after"
        )
    return problems


def next_pseudonym(taken) -> str:
    """The first of "Child A", "Child B", ... "Child Z", "Child AA", ... not already used (any case)."""
    used = {name.strip().casefold() for name in taken}
    letters = [chr(code) for code in range(ord("A"), ord("Z") + 1)]
    for suffix in [*letters, *(first + second for first in letters for second in letters)]:
        if f"child {suffix}".casefold() not in used:
            return f"Child {suffix}"
    raise ValueError("No free pseudonym")  # 702 children in one incident: not a real case


class ChildForm(forms.ModelForm):
    """One child and the characteristics the national statistics count.

    The name is a field only for people who may see it (`show_name`); everyone else never receives it.
    """

    date_of_birth = GovukDateField(
        label="Date of birth",
        required=False,
        help_text="For example, 2 5 2026. Leave blank if not known",
        error_messages={"incomplete": "The date of birth must include a %(missing)s"},
    )
    age_years = forms.IntegerField(
        label="Age in years",
        required=False,
        min_value=0,
        max_value=OLDEST_AGE,
        help_text="If the date of birth is not known",
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": "Enter the age as a whole number, like 7",
            "min_value": "Enter an age of 0 or more",
            "max_value": f"Enter an age of {OLDEST_AGE} or less",
        },
    )

    class Meta:
        model = Child
        fields = list(CHILD_DETAILS)
        labels = {
            "name": "Child's full name (optional)",
            "unborn": "The child was unborn at the time of the incident",
            "disability": "Disability",
            "looked_after": "Looked after by the local authority",
            "placement_type": "Placement type",
            "child_in_need_plan": "Child in need plan",
            "child_protection_plan": "Child protection plan",
            "known_to_agencies": "Known to agencies before the incident",
        }
        help_texts = {
            "name": "Only the business unit and the notifier will see the name",
            "pseudonym": "Used on every page, export and document instead of the name, for example Baby Eva",
        }
        widgets = {"sex": forms.RadioSelect}
        error_messages = {
            "pseudonym": {"required": "Enter a pseudonym, for example Child K"},
            "sex": {"required": "Select the child's sex"},
        }

    def __init__(self, *args, incident_on=None, show_name=True, other_pseudonyms=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.incident_on = incident_on
        self.other_pseudonyms = {name.strip().casefold() for name in other_pseudonyms}
        if not show_name:
            del self.fields["name"]

    def clean_pseudonym(self):
        pseudonym = self.cleaned_data["pseudonym"].strip()
        if pseudonym.casefold() in self.other_pseudonyms:
            raise forms.ValidationError("Another child in this incident has this pseudonym")
        return pseudonym

    def clean(self):
        cleaned = super().clean()
        checked = ("date_of_birth", "age_years", "placement_type")
        if any(name in self.errors for name in checked):
            return cleaned
        problems = child_problems(
            unborn=cleaned.get("unborn", False),
            date_of_birth=cleaned.get("date_of_birth"),
            age_years=cleaned.get("age_years"),
            looked_after=cleaned.get("looked_after", ""),
            placement_type=cleaned.get("placement_type", ""),
            incident_on=self.incident_on,
            today=timezone.localdate(),
        )
        for field, message in problems.items():
            self.add_error(field, message)
        return cleaned


def notifier_choices(partnership):
    """Who may notify for the local authority: the business manager, or a children's social care lead."""
    return User.objects.filter(partnership=partnership, is_active=True).filter(
        Q(role=Role.BUSINESS_MANAGER)
        | Q(role=Role.AGENCY_LEAD, agency__kind=AgencyKind.CHILDRENS_SOCIAL_CARE)
    )


class NotifierChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.agency.name if obj.agency_id else obj.get_role_display()})"


def agency_choices(partnership, selected=()):
    """The partnership's active agencies, and any inactive ones the record already names."""
    return Agency.objects.filter(partnership=partnership).filter(
        Q(is_active=True) | Q(pk__in=[agency.pk for agency in selected])
    )


def check_incident_dates(form, aware_on, incident_on, *, aware_field="aware_on", aware_words="The date"):
    """Shared date rules: nothing in the future, and no awareness before the incident happened."""
    today = timezone.localdate()
    if incident_on and incident_on > today:
        form.add_error("incident_on", "The date of the incident must be today or in the past")
    if aware_on and aware_on > today:
        form.add_error(aware_field, f"{aware_words} must be today or in the past")
    elif aware_on and incident_on and aware_on < incident_on:
        form.add_error(aware_field, f"{aware_words} must be the same as or after the date of the incident")


class IncidentForm(forms.ModelForm):
    aware_on = GovukDateField(
        label="Date the local authority became aware",
        help_text="For example, 23 11 2026",
        error_messages={"required": "Enter the date the local authority became aware"},
    )
    incident_on = GovukDateField(
        label="Date of the incident",
        help_text="For example, 21 11 2026",
        error_messages={"required": "Enter the date of the incident"},
    )

    class Meta:
        model = Incident
        fields = [
            "aware_on",
            "incident_on",
            "place",
            "location",
            "nature",
            "summary",
            "further_children",
            "agencies_involved",
            "notifier",
        ]
        labels = {
            "place": "Where did the incident happen?",
            "location": "Where it happened (optional)",
            "nature": "What happened to the child?",
            "summary": "Summary of what happened",
            "further_children": "Further children (optional)",
            "agencies_involved": "Agencies involved (optional)",
            "notifier": "Notifier (optional)",
        }
        help_texts = {
            "further_children": "Children beyond the 4 a notification can name: describe them without names",
            "notifier": "The business manager or a children's social care lead completes the notification",
        }
        widgets = {
            "place": forms.RadioSelect,
            "nature": forms.RadioSelect,
            "agencies_involved": forms.CheckboxSelectMultiple,
            "summary": forms.Textarea(attrs={"rows": 6}),
            "further_children": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "place": {"required": "Select where the incident happened"},
            "nature": {"required": "Select whether the child died, was seriously harmed or other"},
            "summary": {"required": "Enter a summary of what happened"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        incident = self.instance
        self.fields["nature"].required = True
        self.fields["nature"].choices = [c for c in self.fields["nature"].choices if c[0]]
        self.fields["summary"].required = True
        self.fields["agencies_involved"].queryset = agency_choices(
            incident.partnership, incident.agencies_involved.all()
        )
        self.fields["notifier"] = NotifierChoiceField(
            label=self.fields["notifier"].label,
            help_text=self.fields["notifier"].help_text,
            required=False,
            empty_label="Not chosen yet",
            queryset=(
                notifier_choices(incident.partnership) | User.objects.filter(pk=incident.notifier_id)
            ).distinct(),
        )

    def clean(self):
        cleaned = super().clean()
        aware_on, incident_on = cleaned.get("aware_on"), cleaned.get("incident_on")
        check_incident_dates(
            self, aware_on, incident_on, aware_words="The date the local authority became aware"
        )
        if incident_on and "incident_on" not in self.errors:
            for child in self.instance.children.all():
                born = child.date_of_birth
                if born and not child.unborn and born > incident_on:
                    self.add_error(
                        "incident_on",
                        f"The date of the incident must be on or after {child.pseudonym}'s date of birth",
                    )
                elif born and child.unborn and born <= incident_on:
                    self.add_error(
                        "incident_on",
                        f"The date of the incident must be before {child.pseudonym}'s date of birth: "
                        "they were unborn at the time",
                    )
        return cleaned


class IncidentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.reference}, incident on {obj.incident_on:%d/%m/%Y} ({obj.get_status_display()})"


class LinkForm(forms.Form):
    """Link another incident of the partnership to this one (siblings, the same household, other)."""

    other = IncidentChoiceField(
        label="Incident to link",
        queryset=Incident.objects.none(),
        empty_label="Select an incident",
        error_messages={"required": "Select the incident to link", "invalid_choice": "Select an incident"},
    )
    kind = forms.ChoiceField(
        label="How are the incidents linked?",
        choices=LinkKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the incidents are linked"},
    )

    def __init__(self, *args, incident, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        linked = IncidentLink.objects.filter(Q(from_incident=incident) | Q(to_incident=incident))
        already = {pk for pair in linked.values_list("from_incident", "to_incident") for pk in pair}
        self.fields["other"].queryset = candidates.exclude(pk__in=already | {incident.pk}).order_by(
            "-incident_on", "-pk"
        )
