"""Permission matrix entries for adopting library recommendations into action plans: those who write
their partnership's plans (business manager, review group) adopt from any entry they can read; others who
can read it are refused; a draft is not even shown to exist outside its partnership."""

from cspr.core.tests.matrix_rules import only

from .records import draft_entry, public_entry

FROM_OWN_DRAFT = only({"business_manager": 200, "review_group_member": 200, "executive_member": 403}, 404)
FROM_PUBLIC_ENTRY = only(
    {"business_manager": 200, "review_group_member": 200, "other_business_manager": 200}, 403
)


def draft_recommendation_kwargs(ctx) -> dict:
    entry = draft_entry(ctx)
    return {"pk": entry.pk, "rec_pk": entry.recommendations.first().pk}


def public_entry_kwargs(ctx) -> dict:
    return {"pk": public_entry(ctx).pk}


ENTRIES: dict = {
    "library:adopt": ("get", draft_recommendation_kwargs, FROM_OWN_DRAFT),
    "library:adopt_all": ("get", public_entry_kwargs, FROM_PUBLIC_ENTRY),
}
