"""The referral form: an agency asks the partnership to consider a case (domain step 1).

One page that works without JavaScript: the case, up to `MAX_NAMED_CHILDREN` child blocks (a formset
whose untouched blocks are ignored), the agencies involved and the referrer. `RecordReferralForm` adds
what the business unit records for a referral received by email, phone or letter.
"""

from pathlib import Path

from django import forms
from django.utils import timezone

from cspr.core.forms import GovukDateField
from cspr.incidents.models import IncidentNature, IncidentPlace, ReferralChannel
from cspr.incidents.models.incident import MAX_NAMED_CHILDREN

from .incident import ChildForm, agency_choices, check_incident_dates

DOCUMENT_TYPES = {".pdf", ".doc", ".docx", ".eml", ".msg", ".txt", ".rtf", ".odt"}
DOCUMENT_MAX_BYTES = 10 * 1024 * 1024


class ReferralChildForm(ChildForm):
    """A child as a referrer describes them: the business manager assigns the pseudonym later."""

    class Meta(ChildForm.Meta):
        fields = [name for name in ChildForm.Meta.fields if name != "pseudonym"]
        help_texts = {"name": "Leave blank if you do not know it"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, show_name=True, **kwargs)


class BaseChildFormSet(forms.BaseFormSet):
    """The child blocks of a referral; blocks left untouched are not children."""

    def __init__(self, *args, incident_on=None, **kwargs):
        self.incident_on = incident_on
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"incident_on": self.incident_on}

    def filled_forms(self):
        return [form for form in self.forms if form.has_changed()]

    def clean(self):
        filled = self.filled_forms()
        if len(filled) > MAX_NAMED_CHILDREN:
            raise forms.ValidationError(
                f"You can give details of up to {MAX_NAMED_CHILDREN} children. "
                "Describe any other children under further children"
            )
        if not filled:
            raise forms.ValidationError("Give details of at least one child")

    def children(self) -> list[dict]:
        return [form.cleaned_data for form in self.filled_forms()]


ChildFormSet = forms.formset_factory(
    ReferralChildForm, formset=BaseChildFormSet, extra=MAX_NAMED_CHILDREN, max_num=MAX_NAMED_CHILDREN
)


class ReferralForm(forms.Form):
    """The case and the referrer. Agency leads refer for their own agency, so they do not choose it."""

    incident_on = GovukDateField(
        label="Date of the incident",
        help_text="For example, 21 11 2026. If you are not sure, give your best estimate",
        error_messages={"required": "Enter the date of the incident"},
    )
    place = forms.ChoiceField(
        label="Where did the incident happen?",
        choices=IncidentPlace.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select where the incident happened"},
    )
    location = forms.CharField(
        label="Where it happened (optional)",
        required=False,
        max_length=200,
        help_text="For example, family home or hospital",
        error_messages={"max_length": "Where it happened must be 200 characters or fewer"},
    )
    nature = forms.ChoiceField(
        label="What happened to the child?",
        choices=[c for c in IncidentNature.choices if c[0]],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the child died, was seriously harmed or other"},
    )
    what_happened = forms.CharField(
        label="What happened",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="The facts as you know them: what happened, when, and who was involved",
        error_messages={"required": "Enter what happened"},
    )
    further_children = forms.CharField(
        label="Further children (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=f"Any children beyond the {MAX_NAMED_CHILDREN} above: their ages and how they are involved",
    )
    agencies_involved = forms.ModelMultipleChoiceField(
        label="Agencies involved with the child or family (optional)",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select agencies from the list"},
    )
    agency_concerns = forms.CharField(
        label="Concerns about how agencies worked together (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example, information that was not shared, or a referral that was not followed up",
    )
    referrer_name = forms.CharField(
        label="Referrer's name", max_length=200, error_messages={"required": "Enter the referrer's name"}
    )
    referrer_role = forms.CharField(
        label="Referrer's role",
        max_length=200,
        help_text="For example, designated safeguarding lead",
        error_messages={"required": "Enter the referrer's role"},
    )
    referrer_agency = forms.ModelChoiceField(
        label="Referrer's agency (optional)",
        queryset=None,
        required=False,
        empty_label="Not from one of the partnership's agencies",
        error_messages={"invalid_choice": "Select an agency from the list"},
    )
    referrer_email = forms.EmailField(
        label="Referrer's email",
        required=False,
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )
    referrer_phone = forms.CharField(label="Referrer's phone", required=False, max_length=40)

    def __init__(self, *args, partnership, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fixed_agency = user.agency if user.agency_id else None
        self.fields["agencies_involved"].queryset = agency_choices(partnership)
        if self.fixed_agency:
            del self.fields["referrer_agency"]
        else:
            self.fields["referrer_agency"].queryset = agency_choices(partnership)
        self.initial.setdefault("referrer_name", user.full_name)
        self.initial.setdefault("referrer_role", user.job_title)
        self.initial.setdefault("referrer_email", user.email)
        if self.fixed_agency:
            self.initial.setdefault("agencies_involved", [self.fixed_agency.pk])

    def clean(self):
        cleaned = super().clean()
        if self.fixed_agency:
            cleaned["referrer_agency"] = self.fixed_agency
        if "referrer_email" not in self.errors and not (
            cleaned.get("referrer_email") or cleaned.get("referrer_phone", "").strip()
        ):
            self.add_error(
                "referrer_email", "Enter an email address or a phone number so the business unit can reply"
            )
        self.check_dates(cleaned)
        return cleaned

    def check_dates(self, cleaned):
        """A referral in cspr is received today, so only the incident date can be wrong."""
        check_incident_dates(self, None, cleaned.get("incident_on"))

    def received_on(self):
        return timezone.localdate()

    def channel(self):
        return ReferralChannel.PRODUCT


def validate_document(upload):
    """The original referral as it arrived: a document or an email, of a size the business unit can keep."""
    if Path(upload.name).suffix.lower() not in DOCUMENT_TYPES:
        raise forms.ValidationError(
            "The selected file must be a PDF, Word document, email (EML or MSG), text, RTF or ODT file"
        )
    if upload.size > DOCUMENT_MAX_BYTES:
        raise forms.ValidationError("The selected file must be smaller than 10MB")


class RecordReferralForm(ReferralForm):
    """A referral the business unit received by email, phone or letter, with the original attached."""

    channel_received = forms.ChoiceField(
        label="How was the referral received?",
        choices=[c for c in ReferralChannel.choices if c[0] != ReferralChannel.PRODUCT],
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the referral was received"},
    )
    received_on_date = GovukDateField(
        label="Date the referral was received",
        help_text="The local authority became aware of the incident on this date. For example, 23 11 2026",
        error_messages={"required": "Enter the date the referral was received"},
    )
    original_document = forms.FileField(
        label="Original referral (optional)",
        required=False,
        help_text="PDF, Word, email (EML or MSG), text, RTF or ODT, smaller than 10MB",
        validators=[validate_document],
        error_messages={
            "empty": "The selected file is empty",
            "invalid": "The selected file could not be read: upload it again",
        },
    )

    field_order = ["channel_received", "received_on_date", "original_document"]

    def check_dates(self, cleaned):
        check_incident_dates(
            self,
            cleaned.get("received_on_date"),
            cleaned.get("incident_on"),
            aware_field="received_on_date",
            aware_words="The date the referral was received",
        )

    def received_on(self):
        return self.cleaned_data["received_on_date"]

    def channel(self):
        return self.cleaned_data["channel_received"]
