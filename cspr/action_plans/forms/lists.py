"""The filters above the action plan dashboard, and the sort of the list of reviews.

GET forms, so a filtered list has an address that can be bookmarked, shared and handed to the XLSX export.
The review, agency and theme are numbers: the drop-downs offer what the user can see, but the form
accepts any number, because the rows are always scoped to the user afterwards (a review they cannot see
simply finds nothing), and so the export can read the same query string without knowing the user.
"""

from django import forms

from cspr.core.forms import GovukDateField

from .. import rules

# The dashboard's sort keys -> labels; the first is the default ("overdue first").
ACTION_SORTS = {
    "overdue": "Overdue first",
    "due": "Due date",
    "agency": "Agency",
    "review": "Review",
    "status": "Status",
}
DEFAULT_ACTION_SORT = next(iter(ACTION_SORTS))

# The list of reviews' sort keys -> labels; the first is the default.
PLAN_SORTS = {
    "overdue": "Most overdue actions first",
    "agreed": "Most recently agreed first",
    "title": "Review",
}
DEFAULT_PLAN_SORT = next(iter(PLAN_SORTS))

STATUS_CHOICES = [
    ("", "All statuses"),
    *((code, rules.STATUS_LABELS[code]) for code in rules.DISPLAY_STATUSES),
]


def _record_field(label: str, message: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=1,
        widget=forms.Select,
        error_messages={"invalid": message, "min_value": message},
    )


class ActionFilterForm(forms.Form):
    """Which actions to list and in what order. `plans`, `agencies` and `themes` are the records the
    drop-downs offer (left empty when only the query string is being read)."""

    plan = _record_field("Review", "Select a review from the list")
    agency = _record_field("Agency", "Select an agency from the list")
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=STATUS_CHOICES,
        error_messages={"invalid_choice": "Select a status from the list"},
    )
    theme = _record_field("Theme", "Select a theme from the list")
    due_before = GovukDateField(
        label="Due before",
        required=False,
        help_text="For example, 31 3 2027",
        error_messages={
            "incomplete": "The due before date must include a %(missing)s",
            "year": "The due before year must include 4 numbers",
            "invalid": "The due before date must be a real date",
        },
    )
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=list(ACTION_SORTS.items()),
        error_messages={"invalid_choice": "Select how to sort the actions from the list"},
    )

    def __init__(self, *args, plans=(), agencies=(), themes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].widget.choices = [("", "All reviews"), *((plan.pk, plan.title) for plan in plans)]
        self.fields["agency"].widget.choices = [
            ("", "All agencies"),
            *((agency.pk, agency.name) for agency in agencies),
        ]
        self.fields["theme"].widget.choices = [
            ("", "All themes"),
            *((theme.pk, theme.label) for theme in themes),
        ]

    def filters(self) -> dict:
        """The valid filters; one that is not valid is shown as an error on the page and ignored."""
        if self.is_bound:
            self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "plan": data.get("plan"),
            "agency": data.get("agency"),
            "status": data.get("status") or "",
            "theme": data.get("theme"),
            "due_before": data.get("due_before"),
            "sort": data.get("sort") or DEFAULT_ACTION_SORT,
        }


class PlanSortForm(forms.Form):
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=list(PLAN_SORTS.items()),
        error_messages={"invalid_choice": "Select how to sort the reviews from the list"},
    )

    def chosen(self) -> str:
        if self.is_bound and self.is_valid():
            return self.cleaned_data["sort"] or DEFAULT_PLAN_SORT
        return DEFAULT_PLAN_SORT
