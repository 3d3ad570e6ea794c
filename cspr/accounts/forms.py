from django import forms

from cspr.accounts.models import PARTNERSHIP_ROLES, Role, User
from cspr.partnerships.models import Agency, Partnership


class SignInForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address like name@example.org",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "username", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        error_messages={"required": "Enter your password"},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class CodeForm(forms.Form):
    code = forms.RegexField(
        label="Security code",
        help_text="The 6-digit code your authenticator app shows for cspr",
        regex=r"^\s*\d{6}\s*$",
        error_messages={
            "required": "Enter the 6-digit code from your authenticator app",
            "invalid": "The security code must be 6 digits",
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "class": "govuk-input--width-5"}
        ),
    )

    def clean_code(self):
        return self.cleaned_data["code"].strip()


class AccountForm(forms.ModelForm):
    """An administrator's form for one person's account: who they are, their role and where they work."""

    class Meta:
        model = User
        fields = ["full_name", "email", "job_title", "role", "partnership", "agency"]
        labels = {"full_name": "Full name", "email": "Email address", "job_title": "Job title (optional)"}
        help_texts = {
            "partnership": "Required for partnership roles; leave empty for Panel members and administrators",
            "agency": "Agency safeguarding leads only",
        }
        error_messages = {
            "full_name": {"required": "Enter the person's full name"},
            "email": {
                "required": "Enter the person's email address",
                "invalid": "Enter an email address like name@example.org",
                "unique": "An account with this email address already exists",
            },
            "role": {"required": "Select the person's role"},
        }
        widgets = {"role": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = Role.choices
        self.fields["partnership"].queryset = Partnership.objects.all()
        self.fields["partnership"].empty_label = "No partnership"
        self.fields["agency"].queryset = Agency.objects.select_related("partnership").order_by(
            "partnership__name", "name"
        )
        self.fields["agency"].label_from_instance = lambda agency: f"{agency.partnership} – {agency.name}"
        self.fields["agency"].empty_label = "No agency"

    def clean_email(self):
        return self.cleaned_data["email"].lower()

    def clean(self):
        cleaned = super().clean()
        role = cleaned.get("role")
        if role not in PARTNERSHIP_ROLES and role != Role.INDEPENDENT_REVIEWER:
            cleaned["partnership"] = None
        if role != Role.AGENCY_LEAD:
            cleaned["agency"] = None
        return cleaned


class AccountFilterForm(forms.Form):
    q = forms.CharField(label="Name or email contains", required=False)
    role = forms.ChoiceField(label="Role", required=False, choices=[("", "Any role"), *Role.choices])
    partnership = forms.ModelChoiceField(
        label="Partnership", required=False, queryset=Partnership.objects.all(), empty_label="Any partnership"
    )
