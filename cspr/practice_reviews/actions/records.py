"""Recording a practice review: the decision that commissions it, its details and its terms of reference.

Each write is one transaction with its audit row. The audit says which fields changed but never what the
free text says (reasons, key lines of enquiry, the public summary) nor who decided (a person's name): those
are redacted. The title is the anonymised name chosen for publication, so it is logged. Agreeing the terms
may move the review on to "Review under way", so it refreshes the stage in the same transaction.
"""

from django.db import transaction

from cspr.audit.log import changes_between, record, snapshot
from cspr.audit.models import AuditAction
from cspr.partnerships.models import Partnership

from ..models import LearningReviewMethod, PracticeReview
from .stage import refresh_stage

DECISION_FIELDS = ["kind", "learning_method", "title", "decided_on", "decided_by", "decision_notes"]
DETAIL_FIELDS = [
    "title",
    "decided_on",
    "decided_by",
    "decision_notes",
    "planned_publication_on",
    "public_summary",
]
TERMS_FIELDS = [
    "scope_start_on",
    "scope_end_on",
    "key_lines_of_enquiry",
    "methodology",
    "methodology_other",
    "terms_agreed_on",
]
REDACT = ["decided_by", "decision_notes", "public_summary", "key_lines_of_enquiry", "methodology_other"]


@transaction.atomic
def do_commission_practice_review(
    partnership, *, fields: dict, rapid_reviews=(), incidents=(), acting_user, request=None
) -> PracticeReview:
    """Record the partners' decision to initiate a review, linked to the rapid reviews and incidents it
    looks at (each rapid review's incident too). Several rapid reviews, or a thematic local review, make
    it thematic. The reference is the partnership's next "PR YYYY/NN" for the year of the decision."""
    # Locking the partnership's row serialises references: two reviews recorded at once get two numbers.
    Partnership.objects.select_for_update().get(pk=partnership.pk)
    rapid_reviews = list(rapid_reviews)
    incident_ids = {incident.pk for incident in incidents} | {rr.incident_id for rr in rapid_reviews}
    values = {name: fields[name] for name in DECISION_FIELDS}
    review = PracticeReview.objects.create(
        partnership=partnership,
        reference=PracticeReview.next_reference(partnership, values["decided_on"].year),
        is_thematic=len(rapid_reviews) > 1
        or len(incident_ids) > 1
        or values["learning_method"] == LearningReviewMethod.THEMATIC_LOCAL_REVIEW,
        created_by=acting_user,
        **values,
    )
    review.rapid_reviews.set(rapid_reviews)
    review.incidents.set(incident_ids)
    logged = [*DECISION_FIELDS, "reference", "is_thematic", "rapid_reviews", "incidents"]
    record(
        AuditAction.CREATE,
        actor=acting_user,
        request=request,
        obj=review,
        changes=changes_between({}, snapshot(review, logged), redact=REDACT),
    )
    return review


@transaction.atomic
def do_update_practice_review(
    review: PracticeReview, *, fields: dict, theme_ids, acting_user, request=None
) -> PracticeReview:
    """Correct the decision, set the planned publication date (which moves the deadlines counted back
    from publication), the themes and the public summary."""
    review = PracticeReview.objects.select_for_update().get(pk=review.pk)
    logged = [*DETAIL_FIELDS, "themes"]
    before = snapshot(review, logged)
    for name in DETAIL_FIELDS:
        setattr(review, name, fields[name])
    review.save()
    review.themes.set(theme_ids)
    changes = changes_between(before, snapshot(review, logged), redact=REDACT)
    if changes:
        record(AuditAction.CHANGE, actor=acting_user, request=request, obj=review, changes=changes)
    return review


@transaction.atomic
def do_record_terms_of_reference(
    review: PracticeReview, *, fields: dict, acting_user, request=None
) -> PracticeReview:
    """Record or correct the terms of reference; once agreed (and a reviewer has declared no conflict)
    the review is under way."""
    review = PracticeReview.objects.select_for_update().get(pk=review.pk)
    before = snapshot(review, TERMS_FIELDS)
    for name in TERMS_FIELDS:
        setattr(review, name, fields[name])
    review.save()
    changes = changes_between(before, snapshot(review, TERMS_FIELDS), redact=REDACT)
    if changes:
        record(AuditAction.CHANGE, actor=acting_user, request=request, obj=review, changes=changes)
    refresh_stage(review, actor=acting_user, request=request)
    return review
