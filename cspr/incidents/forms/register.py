"""The filters and sort order above the incident register (a GET form, so it works without JavaScript)."""

from django import forms

from cspr.incidents.models import IncidentNature, IncidentStatus
from cspr.incidents.register import SORT_KEYS, RegisterFilters

ASCENDING = "asc"
DESCENDING = "desc"


class RegisterFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "All statuses"), *IncidentStatus.choices]
    )
    year = forms.TypedChoiceField(
        label="Year the local authority became aware",
        required=False,
        coerce=int,
        error_messages={"invalid_choice": "Select a year from the list"},
    )
    nature = forms.ChoiceField(
        label="Nature of the incident", required=False, choices=[("", "All"), *IncidentNature.choices]
    )
    partnership = forms.TypedChoiceField(
        label="Partnership",
        required=False,
        coerce=int,
        error_messages={"invalid_choice": "Select a partnership from the list"},
    )
    overdue = forms.BooleanField(label="Only incidents with an overdue deadline", required=False)
    sort = forms.ChoiceField(label="Sort by", required=False, choices=list(SORT_KEYS.items()))
    direction = forms.ChoiceField(
        label="Order",
        required=False,
        choices=[(ASCENDING, "Soonest or lowest first"), (DESCENDING, "Latest or highest first")],
    )

    def __init__(self, data=None, *, years=(), partnerships=None):
        """`years`: those the register holds; `partnerships`: (pk, name) pairs, on the national one only."""
        super().__init__(data)
        self.fields["year"].choices = [("", "All years"), *((year, str(year)) for year in years)]
        if partnerships is None:
            del self.fields["partnership"]
        else:
            self.fields["partnership"].choices = [("", "All partnerships"), *partnerships]

    def filters(self) -> RegisterFilters:
        """The valid filters; an invalid one (a year no longer in the list, say) is shown as an error."""
        if self.is_bound:
            self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return RegisterFilters(
            status=data.get("status") or "",
            year=data.get("year") or None,
            nature=data.get("nature") or "",
            partnership_id=data.get("partnership") or None,
            overdue_only=bool(data.get("overdue")),
            sort=data.get("sort") or next(iter(SORT_KEYS)),
            descending=data.get("direction") == DESCENDING,
        )
