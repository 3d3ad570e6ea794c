"""The theme administration form: a theme's label, what it covers, its extra cue phrases and whether the
tagger suggests it. Cues are plain phrases (one a line, `*` for any ending) so that administrators need no
regular expressions; each is checked to be one line of words."""

from django import forms

from ..models import Theme

CUE_MAX_CHARS = 100


class ThemeForm(forms.ModelForm):
    class Meta:
        model = Theme
        fields = ["label", "description", "cues", "is_active"]
        labels = {
            "label": "Theme",
            "description": "What the theme covers",
            "cues": "Cue phrases",
            "is_active": "Suggest this theme when tagging reports",
        }
        help_texts = {
            "label": "As it will be shown on reviews and in search filters, for example ‘young carers’",
            "cues": (
                "Words or phrases that suggest the theme, one a line, for example ‘young carer’. "
                "Use * for any ending: ‘exploit*’. cspr's own cues for the starting themes are used as well."
            ),
        }
        error_messages = {
            "label": {
                "required": "Enter the theme",
                "unique": "There is already a theme with this name",
            },
        }
        widgets = {"cues": forms.Textarea(attrs={"rows": 6})}

    def clean_label(self):
        return " ".join(self.cleaned_data["label"].split()).lower()

    def clean_cues(self):
        cues = [" ".join(line.split()) for line in self.cleaned_data["cues"].splitlines()]
        cues = [cue for cue in cues if cue]
        for cue in cues:
            if len(cue) > CUE_MAX_CHARS:
                raise forms.ValidationError(f"Each cue phrase must be {CUE_MAX_CHARS} characters or fewer")
            if not any(character.isalnum() for character in cue):
                raise forms.ValidationError("Each cue phrase must contain a word, for example ‘young carer’")
        return "\n".join(dict.fromkeys(cues))
