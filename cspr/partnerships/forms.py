from django import forms

from cspr.partnerships.models import Agency, Partnership


class PartnershipForm(forms.ModelForm):
    website = forms.URLField(label="Website (optional)", required=False, assume_scheme="https")
    councils = forms.CharField(
        label="Local authorities",
        help_text="One council per line, for example Wiltshire Council",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter at least one local authority the partnership covers"},
    )

    class Meta:
        model = Partnership
        fields = ["name", "slug", "integrated_care_board", "police_force", "email", "website"]
        labels = {
            "name": "Partnership name",
            "slug": "Short name for web addresses",
            "email": "Business unit email (optional)",
        }
        help_texts = {"slug": "Lower-case letters, numbers and hyphens, for example west-midshire"}
        error_messages = {
            "name": {
                "required": "Enter the partnership's name",
                "unique": "A partnership with this name exists",
            },
            "slug": {"required": "Enter a short name", "unique": "Another partnership uses this short name"},
            "integrated_care_board": {"required": "Enter the Integrated Care Board"},
            "police_force": {"required": "Enter the police force"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["councils"].initial = "\n".join(
                la.name for la in self.instance.local_authorities.all()
            )

    def clean_councils(self):
        names = [line.strip() for line in self.cleaned_data["councils"].splitlines() if line.strip()]
        if len(set(names)) != len(names):
            raise forms.ValidationError("Enter each local authority once")
        return names


class AgencyForm(forms.ModelForm):
    class Meta:
        model = Agency
        fields = ["name", "kind", "is_statutory_partner", "email", "is_active"]
        labels = {
            "name": "Agency name",
            "kind": "Type of agency",
            "is_statutory_partner": "This agency is a statutory safeguarding partner",
            "email": "Safeguarding contact email (optional)",
            "is_active": "Active: can be asked for returns",
        }
        error_messages = {
            "name": {"required": "Enter the agency's name"},
            "kind": {"required": "Select the type of agency"},
        }

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = Agency.objects.filter(partnership=self.instance.partnership, name__iexact=name)
        if clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("This partnership already has an agency with this name")
        return name
