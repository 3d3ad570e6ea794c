"""The filters and sort order above the list of rapid reviews (a GET form, so it works without JavaScript)."""

from django import forms

from cspr.core.forms import GovukDateField

from ..lists import SORT_KEYS, ListFilters, response_choices
from ..models import RapidReviewStatus, Recommendation

ASCENDING = "asc"
DESCENDING = "desc"
# The Panel sees rapid reviews once sent, so only these statuses can be on its list.
PANEL_STATUSES = (RapidReviewStatus.SENT, RapidReviewStatus.RESPONDED)


class RapidReviewFilterForm(forms.Form):
    status = forms.ChoiceField(label="Status", required=False)
    partnership = forms.TypedChoiceField(
        label="Partnership",
        required=False,
        coerce=int,
        error_messages={"invalid_choice": "Select a partnership from the list"},
    )
    recommendation = forms.ChoiceField(
        label="Decision or recommendation",
        required=False,
        choices=[("", "All"), *Recommendation.choices],
    )
    panel_response = forms.ChoiceField(
        label="Panel response", required=False, choices=[("", "All"), *response_choices()]
    )
    sent_from = GovukDateField(
        label="Sent to the Panel from",
        required=False,
        help_text="For example, 2 11 2026",
        error_messages={"invalid": "The from date must be a real date"},
    )
    sent_to = GovukDateField(
        label="Sent to the Panel to",
        required=False,
        help_text="For example, 30 11 2026",
        error_messages={"invalid": "The to date must be a real date"},
    )
    overdue = forms.BooleanField(
        label="Only overdue: the rapid review or the Panel's response past its date", required=False
    )
    sort = forms.ChoiceField(label="Sort by", required=False, choices=list(SORT_KEYS.items()))
    direction = forms.ChoiceField(
        label="Order",
        required=False,
        choices=[(ASCENDING, "Soonest or lowest first"), (DESCENDING, "Latest or highest first")],
    )

    def __init__(self, data=None, *, partnerships=None):
        """`partnerships`: (pk, name) pairs, on the Panel's list only (a partnership sees its own)."""
        super().__init__(data)
        statuses = RapidReviewStatus.choices
        if partnerships is None:
            del self.fields["partnership"]
        else:
            self.fields["partnership"].choices = [("", "All partnerships"), *partnerships]
            statuses = [(status.value, status.label) for status in PANEL_STATUSES]
        self.fields["status"].choices = [("", "All statuses"), *statuses]

    def clean(self):
        cleaned = super().clean()
        sent_from, sent_to = cleaned.get("sent_from"), cleaned.get("sent_to")
        if sent_from and sent_to and sent_to < sent_from:
            self.add_error("sent_to", "The to date must be the same as or after the from date")
        return cleaned

    def filters(self) -> ListFilters:
        """The valid filters; an invalid one (a date that is not real, say) is shown as an error."""
        if self.is_bound:
            self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return ListFilters(
            status=data.get("status") or "",
            partnership_id=data.get("partnership") or None,
            recommendation=data.get("recommendation") or "",
            panel_response=data.get("panel_response") or "",
            sent_from=data.get("sent_from"),
            sent_to=data.get("sent_to"),
            overdue_only=bool(data.get("overdue")),
            sort=data.get("sort") or next(iter(SORT_KEYS)),
            descending=data.get("direction") == DESCENDING,
        )
