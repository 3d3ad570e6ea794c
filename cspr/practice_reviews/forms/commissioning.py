"""Commissioning a practice review, as forms: the notices, the independent reviewer and their declaration,
the review panel and the processes running in parallel.

Each form owns its messages in the GOV.UK voice. The dates they check against (today, the decision to
initiate) and the accounts and agencies offered are passed in, so the rules are tested without a clock.
"""

import datetime as dt

from django import forms

from cspr.core.forms import GovukDateField
from cspr.core.templatetags.govuk import govuk_date

from ..models import Declaration, ParallelProcessKind, ParallelProcessStatus

# The panel member's agency select: one of the partnership's agencies, or this for anyone else.
ANOTHER_ORGANISATION = "other"


def check_not_before(day, what: str, *, today: dt.date, earliest: dt.date, since: str):
    """A date something happened: not in the future and not before `earliest` (described by `since`)."""
    if day is None:
        return day
    if day > today:
        raise forms.ValidationError(f"{what} must be today or in the past")
    if day < earliest:
        raise forms.ValidationError(f"{what} must be on or after {since} ({govuk_date(earliest)})")
    return day


def _account_choices(accounts, blank: str) -> list[tuple[str, str]]:
    return [("", blank), *((str(user.pk), f"{user.full_name} ({user.email})") for user in accounts)]


class NoticeForm(forms.Form):
    """The letter or email telling the Panel, Ofsted or DfE of the review, and the day it went."""

    letter = forms.CharField(
        label="Text of the letter or email",
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text="Change it as you need: it names the reviewer and the date of the decision",
        error_messages={"required": "Enter the text of the letter or email"},
    )
    sent_on = GovukDateField(
        label="When was it sent?",
        help_text="For example, 14 12 2026",
        error_messages={"required": "Enter the date the notice was sent"},
    )

    def __init__(self, data=None, *, today: dt.date, decided_on: dt.date, **kwargs):
        super().__init__(data, **kwargs)
        self.today = today
        self.decided_on = decided_on

    def clean_sent_on(self):
        return check_not_before(
            self.cleaned_data["sent_on"],
            "The date the notice was sent",
            today=self.today,
            earliest=self.decided_on,
            since="the decision to initiate the review",
        )


class ReviewerForm(forms.Form):
    """Appointing an independent reviewer: one of the partnership's reviewer accounts, named as published."""

    reviewer = forms.ChoiceField(
        label="Independent reviewer",
        help_text="Their cspr account. They are emailed a link to declare any conflict of interest.",
        error_messages={
            "required": "Select the independent reviewer",
            "invalid_choice": "Select the independent reviewer from the list",
        },
    )
    published_name = forms.CharField(
        label="Name as published",
        max_length=200,
        required=False,
        help_text="The report names its reviewer. Leave blank to use the name on their account.",
    )
    organisation = forms.CharField(label="Organisation", max_length=200, required=False)
    is_lead = forms.BooleanField(label="This is the lead reviewer", required=False)
    appointed_on = GovukDateField(
        label="When were they appointed?",
        help_text="For example, 3 12 2026",
        error_messages={"required": "Enter the date the reviewer was appointed"},
    )

    def __init__(self, data=None, *, reviewers, today: dt.date, decided_on: dt.date, **kwargs):
        super().__init__(data, **kwargs)
        self.reviewers = {str(user.pk): user for user in reviewers}
        self.fields["reviewer"].choices = _account_choices(reviewers, "Select a reviewer")
        self.today = today
        self.decided_on = decided_on

    def clean_reviewer(self):
        return self.reviewers[self.cleaned_data["reviewer"]]

    def clean_appointed_on(self):
        return check_not_before(
            self.cleaned_data["appointed_on"],
            "The date the reviewer was appointed",
            today=self.today,
            earliest=self.decided_on,
            since="the decision to initiate the review",
        )

    def assignment_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "reviewer": data["reviewer"],
            "published_name": data["published_name"].strip() or data["reviewer"].full_name,
            "organisation": data["organisation"].strip(),
            "is_lead": data["is_lead"],
            "appointed_on": data["appointed_on"],
        }


class EndReviewerForm(forms.Form):
    ended_on = GovukDateField(
        label="When does their access end?",
        help_text="From this date they see nothing more of the review. For example, 20 5 2027",
        error_messages={"required": "Enter the date their access ends"},
    )

    def __init__(self, data=None, *, today: dt.date, appointed_on: dt.date, **kwargs):
        super().__init__(data, **kwargs)
        self.today = today
        self.appointed_on = appointed_on

    def clean_ended_on(self):
        return check_not_before(
            self.cleaned_data["ended_on"],
            "The date access ends",
            today=self.today,
            earliest=self.appointed_on,
            since="the date they were appointed",
        )


class DeclarationForm(forms.Form):
    """The reviewer's conflict-of-interest declaration (WT 2023: no involvement in the case or the
    agencies). "No conflict" needs both confirmations; a conflict needs its description."""

    no_involvement_with_case = forms.BooleanField(
        label="I have had no involvement with the child, the family or the case", required=False
    )
    no_involvement_with_agencies = forms.BooleanField(
        label="I have had no involvement with the agencies concerned", required=False
    )
    interests = forms.CharField(
        label="Interests or past work to declare",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="For example, past work for one of the agencies, or a personal link to the area",
    )
    declaration = forms.ChoiceField(
        label="Your declaration",
        choices=[
            (Declaration.NO_CONFLICT, "I have no conflict of interest in this review"),
            (Declaration.CONFLICT, "I have a conflict of interest in this review"),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether you have a conflict of interest",
            "invalid_choice": "Select whether you have a conflict of interest",
        },
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("declaration") == Declaration.NO_CONFLICT:
            if not cleaned.get("no_involvement_with_case"):
                self.add_error(
                    "no_involvement_with_case",
                    "Confirm you have had no involvement with the child, the family or the case, or "
                    "declare a conflict of interest",
                )
            if not cleaned.get("no_involvement_with_agencies"):
                self.add_error(
                    "no_involvement_with_agencies",
                    "Confirm you have had no involvement with the agencies concerned, or declare a "
                    "conflict of interest",
                )
        if cleaned.get("declaration") == Declaration.CONFLICT and not cleaned.get("interests", "").strip():
            self.add_error("interests", "Describe the conflict of interest")
        return cleaned

    def declaration_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "declaration": data["declaration"],
            "no_involvement_with_case": data["no_involvement_with_case"],
            "no_involvement_with_agencies": data["no_involvement_with_agencies"],
            "interests": data["interests"].strip(),
        }


class PanelMemberForm(forms.Form):
    """An agency representative on the review panel; with an account, they read the review's documents."""

    agency = forms.ChoiceField(
        label="Agency",
        error_messages={
            "required": "Select the member's agency, or another organisation",
            "invalid_choice": "Select the member's agency from the list",
        },
    )
    organisation = forms.CharField(
        label="Organisation, if not one of the agencies", max_length=200, required=False
    )
    name = forms.CharField(
        label="Name",
        max_length=200,
        required=False,
        help_text="Leave blank to use the name on their account, if you choose one below",
    )
    role = forms.CharField(label="Role", max_length=200, required=False)
    user = forms.ChoiceField(
        label="Their cspr account (optional)",
        required=False,
        help_text="An agency safeguarding lead of the partnership: they can then read the review and "
        "comment on drafts",
        error_messages={"invalid_choice": "Select the account from the list"},
    )
    added_on = GovukDateField(
        label="When did they join the panel?",
        help_text="For example, 10 12 2026",
        error_messages={"required": "Enter the date they joined the panel"},
    )

    def __init__(self, data=None, *, agencies, accounts, taken_user_ids=(), today: dt.date, **kwargs):
        super().__init__(data, **kwargs)
        self.agencies = {str(agency.pk): agency for agency in agencies}
        self.accounts = {str(user.pk): user for user in accounts}
        self.taken_user_ids = set(taken_user_ids)
        self.today = today
        self.fields["agency"].choices = [
            ("", "Select an agency"),
            *((key, agency.name) for key, agency in self.agencies.items()),
            (ANOTHER_ORGANISATION, "Another organisation"),
        ]
        self.fields["user"].choices = _account_choices(accounts, "No account")

    def clean_added_on(self):
        added_on = self.cleaned_data["added_on"]
        if added_on is not None and added_on > self.today:
            raise forms.ValidationError("The date they joined the panel must be today or in the past")
        return added_on

    def clean_user(self):
        key = self.cleaned_data["user"]
        if not key:
            return None
        user = self.accounts[key]
        if user.pk in self.taken_user_ids:
            raise forms.ValidationError(f"{user.full_name} is already on the review panel")
        return user

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("agency") == ANOTHER_ORGANISATION and not cleaned.get("organisation", "").strip():
            self.add_error("organisation", "Enter the member's organisation")
        if not cleaned.get("name", "").strip() and not cleaned.get("user") and "user" not in self.errors:
            self.add_error("name", "Enter the member's name")
        return cleaned

    def member_fields(self) -> dict:
        data = self.cleaned_data
        other = data["agency"] == ANOTHER_ORGANISATION
        user = data["user"]
        return {
            "agency": None if other else self.agencies[data["agency"]],
            "organisation": data["organisation"].strip() if other else "",
            "name": data["name"].strip() or user.full_name,
            "role": data["role"].strip(),
            "user": user,
            "added_on": data["added_on"],
        }


class ParallelProcessForm(forms.Form):
    """A criminal, coroner's, disciplinary or other process alongside the review."""

    kind = forms.ChoiceField(
        label="What kind of process?",
        choices=ParallelProcessKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the kind of process",
            "invalid_choice": "Select the kind of process",
        },
    )
    description = forms.CharField(
        label="Details",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Who runs it and what it means for the review, without names of the family",
    )
    status = forms.ChoiceField(
        label="Is it still going on?",
        choices=ParallelProcessStatus.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether the process is ongoing or concluded",
            "invalid_choice": "Select whether the process is ongoing or concluded",
        },
    )
    expected_conclusion_on = GovukDateField(
        label="When is it expected to conclude?", required=False, help_text="If known. For example, 1 9 2027"
    )
    concluded_on = GovukDateField(
        label="When did it conclude?", required=False, help_text="Only once it has concluded"
    )
    affects_publication = forms.BooleanField(label="It may delay publication of the report", required=False)

    def __init__(self, data=None, *, today: dt.date, **kwargs):
        super().__init__(data, **kwargs)
        self.today = today

    def clean_concluded_on(self):
        concluded_on = self.cleaned_data["concluded_on"]
        if concluded_on is not None and concluded_on > self.today:
            raise forms.ValidationError("The date it concluded must be today or in the past")
        return concluded_on

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        concluded_on = cleaned.get("concluded_on")
        if (
            status == ParallelProcessStatus.CONCLUDED
            and not concluded_on
            and "concluded_on" not in self.errors
        ):
            self.add_error("concluded_on", "Enter the date the process concluded")
        if status == ParallelProcessStatus.ONGOING and concluded_on:
            self.add_error("concluded_on", "Leave the date concluded blank while the process is ongoing")
        return cleaned

    def process_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "description": data["description"].strip(),
            "status": data["status"],
            "expected_conclusion_on": data["expected_conclusion_on"],
            "concluded_on": data["concluded_on"],
            "affects_publication": data["affects_publication"],
        }
