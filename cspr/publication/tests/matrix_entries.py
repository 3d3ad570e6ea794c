"""Permission matrix entries (tests/test_permission_matrix.py) for this part's URLs: name -> (method,
kwargs(ctx) or None, expected status per persona), written with `cspr.core.tests.matrix_rules`."""

from django.utils import timezone

from cspr.core.tests.matrix_rules import everyone, only
from cspr.practice_reviews.tests.records import practice_review, practice_review_kwargs
from cspr.publication.models import AnonymisationCheck, CheckOutcome, DeclaredName, DeclaredNameKind

from .records import add_document, add_finding, published_review


def document_kwargs(ctx) -> dict:
    review = practice_review(ctx)
    if not review.documents.exists():
        add_document(review)
    return {"pk": review.pk, "kind": "full_report"}


def finding_kwargs(ctx) -> dict:
    review = practice_review(ctx)
    check = AnonymisationCheck.objects.create(
        partnership=review.partnership,
        practice_review=review,
        subject="full_report",
        outcome=CheckOutcome.FOUND,
        checked_at=timezone.now(),
    )
    finding = add_finding(check, "postcode", "NS1 1AA")
    return {"pk": review.pk, "finding_pk": finding.pk}


def declared_name_kwargs(ctx) -> dict:
    review = practice_review(ctx)
    declared = DeclaredName.objects.create(
        partnership=review.partnership,
        practice_review=review,
        kind=DeclaredNameKind.ALLOWED,
        name=f"Northshire Family Hub {DeclaredName.objects.count()}",
        reason="A public service",
    )
    return {"pk": review.pk, "name_pk": declared.pk}


def published(ctx):
    return ctx["partnership"].practicereview_set.filter(title="Baby Eva").first() or published_review(
        ctx["partnership"]
    )


def published_kwargs(ctx) -> dict:
    return {"pk": published(ctx).pk}


def public_review_kwargs(ctx) -> dict:
    return {"partnership": ctx["partnership"].slug, "review": published(ctx).public_slug}


# The partnership's decision makers read the publication page; the review's reviewer and review panel see
# the review but not its publication; the Panel has not been told of this review, so it does not exist.
PUBLICATION_READERS = only(
    {
        "business_manager": 200,
        "review_group_member": 200,
        "executive_member": 200,
        "agency_lead": 403,
        "independent_reviewer": 403,
    },
    404,
)
REVIEW_SEERS_403 = {
    "business_manager": 403,
    "review_group_member": 403,
    "executive_member": 403,
    "agency_lead": 403,
    "independent_reviewer": 403,
}
BUSINESS_MANAGER = only({**REVIEW_SEERS_403, "business_manager": 200}, 404)
EXECUTIVE = only({**REVIEW_SEERS_403, "executive_member": 200}, 404)
# The published review has no reviewer or panel of the personas: only the partnership-wide roles see it.
PUBLISHED_PARTNERSHIP = {"business_manager": 403, "review_group_member": 403, "executive_member": 403}

ENTRIES: dict = {
    "publication:prepare": ("get", practice_review_kwargs, PUBLICATION_READERS),
    "publication:document-upload": ("get", document_kwargs, BUSINESS_MANAGER),
    "publication:document-download": ("get", document_kwargs, PUBLICATION_READERS),
    "publication:copies": ("get", practice_review_kwargs, BUSINESS_MANAGER),
    "publication:anonymisation": ("get", practice_review_kwargs, PUBLICATION_READERS),
    # Changing a decision opens its form on the findings page; the business manager decides.
    "publication:finding-decision": ("get", finding_kwargs, BUSINESS_MANAGER),
    "publication:declared-names": ("get", practice_review_kwargs, PUBLICATION_READERS),
    "publication:declared-name-remove": (
        "post",
        declared_name_kwargs,
        only({**REVIEW_SEERS_403, "business_manager": 302}, 404),
    ),
    "publication:waive": (
        "get",
        lambda ctx: {**practice_review_kwargs(ctx), "gate": "copy_to_panel"},
        EXECUTIVE,
    ),
    # The business manager is shown why it cannot be published yet (the gates), not refused access.
    "publication:publish": ("get", practice_review_kwargs, BUSINESS_MANAGER),
    "publication:not-publishing": ("get", practice_review_kwargs, BUSINESS_MANAGER),
    "publication:panel-publication": ("get", practice_review_kwargs, BUSINESS_MANAGER),
    # Published a month ago: the executive may withdraw with a reason; the business manager is told why not.
    "publication:withdraw": (
        "get",
        published_kwargs,
        only({**PUBLISHED_PARTNERSHIP, "business_manager": 200, "executive_member": 200}, 404),
    ),
    "publication:keep": (
        "post",
        published_kwargs,
        only({**PUBLISHED_PARTNERSHIP, "business_manager": 302}, 404),
    ),
    "publication:submission-pack": (
        "get",
        published_kwargs,
        only({**PUBLISHED_PARTNERSHIP, "business_manager": 200}, 404),
    ),
    # The public pages: no sign-in, the same for everyone.
    "public:index": ("get", None, everyone(200)),
    "public:partnership": ("get", lambda ctx: {"partnership": ctx["partnership"].slug}, everyone(200)),
    "public:review": ("get", public_review_kwargs, everyone(200)),
    "public:document": (
        "get",
        lambda ctx: {**public_review_kwargs(ctx), "kind": "full_report"},
        everyone(200),
    ),
}
