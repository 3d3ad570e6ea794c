"""Publishing a practice review, or its improvements instead; withdrawing it; keeping it after 12 months;
recording the Panel's publication of a national review. Publication moves the review's stage and adds it to
the learning library, in the same transaction."""

import datetime as dt

from django.db import transaction
from django.utils.text import slugify

from cspr.audit.log import REDACTED, record
from cspr.audit.models import AuditAction
from cspr.briefings.formats import get_format
from cspr.library.actions.from_review import add_published_review
from cspr.library.models import LibraryEntry
from cspr.practice_reviews.actions.stage import refresh_stage
from cspr.practice_reviews.models import PracticeReview, PublicationDecision, ReviewKind

from ..gates import gate_statuses, outstanding_gates
from ..models import DocumentKind
from ..rules import may_withdraw_without_executive


class PublicationRefused(Exception):
    """The reasons the action cannot be done, each a sentence for the page."""

    def __init__(self, reasons: list[str]):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


def publication_blockers(review) -> list[str]:
    """Why `review` cannot be published now; empty when it can."""
    if review.kind == ReviewKind.NATIONAL_REVIEW:
        return ["The Panel publishes national reviews: record the Panel's publication instead"]
    if review.published_on is not None:
        return ["The review has already been published"]
    reasons = [f"{gate.title}: {gate.detail.lower()}" for gate in outstanding_gates(gate_statuses(review))]
    kinds = set(review.documents.values_list("kind", flat=True))
    if DocumentKind.FULL_REPORT not in kinds and (
        review.kind == ReviewKind.LOCAL_CSPR or not review.briefings.exists()
    ):
        reasons.append("Upload the full report to publish")
    reasons += _unfinished_briefings(review)
    return reasons


def _unfinished_briefings(review) -> list[str]:
    """A briefing goes public with the review, so each written one must have every section filled in."""
    reasons = []
    for briefing in review.briefings.all():
        briefing_format = get_format(briefing.format)
        empty = [
            f"{number}. {section.title}"
            for number, section in briefing_format.numbered()
            if not (briefing.sections or {}).get(section.code, "").strip()
        ]
        if empty:
            reasons.append(f"Finish the {briefing_format.name}: {', '.join(empty)} not written yet")
    return reasons


def public_slug_for(review) -> str:
    """The review's web address: its title, made unique among its partnership's published reviews."""
    base = (slugify(review.title) or "review")[:70]
    taken = set(
        PracticeReview.objects.filter(partnership_id=review.partnership_id)
        .exclude(pk=review.pk)
        .values_list("public_slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _mark_published(review, *, decision: str, published_on: dt.date, acting_user, request, extra=None):
    before = {"published_on": None, "publication_decision": review.publication_decision or None}
    review.public_slug = review.public_slug or public_slug_for(review)
    review.publication_decision = decision
    review.published_on = published_on
    review.published_by = acting_user
    fields = ["public_slug", "publication_decision", "published_on", "published_by", "updated_at"]
    for name, value in (extra or {}).items():
        setattr(review, name, value)
        fields.append(name)
    review.save(update_fields=fields)
    changes = {
        "published_on": [before["published_on"], published_on.isoformat()],
        "publication_decision": [before["publication_decision"], decision],
        "public_slug": [None, review.public_slug],
    }
    changes.update({name: [None, REDACTED] for name in extra or {} if name != "panel_publication_url"})
    if "panel_publication_url" in (extra or {}):
        changes["panel_publication_url"] = [None, review.panel_publication_url]
    record(AuditAction.CHANGE, actor=acting_user, request=request, obj=review, changes=changes)
    refresh_stage(review, actor=acting_user, request=request)


@transaction.atomic
def do_publish(review, *, published_on: dt.date, acting_user, request=None) -> PracticeReview:
    """Publish the report in full once every gate is met or waived; add it to the learning library."""
    reasons = publication_blockers(review)
    if reasons:
        raise PublicationRefused(reasons)
    _mark_published(
        review,
        decision=PublicationDecision.PUBLISH_REPORT,
        published_on=published_on,
        acting_user=acting_user,
        request=request,
    )
    _add_to_library(review, acting_user=acting_user, request=request)
    return review


def _add_to_library(review, *, acting_user, request) -> LibraryEntry:
    entry = add_published_review(review, acting_user=acting_user)
    record(AuditAction.CREATE, actor=acting_user, request=request, obj=entry)
    return entry


@transaction.atomic
def do_publish_improvements_only(
    review, *, reasons: str, statement: str, published_on: dt.date, acting_user, request=None
) -> PracticeReview:
    """The partners decide not to publish the report: they publish the improvements to be made instead
    (WT 2023). The reasons stay private; the statement goes on the public page."""
    if review.published_on is not None:
        raise PublicationRefused(["The review has already been published"])
    _mark_published(
        review,
        decision=PublicationDecision.IMPROVEMENTS_ONLY,
        published_on=published_on,
        acting_user=acting_user,
        request=request,
        extra={"not_publishing_reasons": reasons, "improvements_statement": statement},
    )
    return review


@transaction.atomic
def do_record_panel_publication(
    review, *, published_on: dt.date, url: str, acting_user, request=None
) -> PracticeReview:
    """A national review is published by the Panel: the partnership records when and where."""
    if review.kind != ReviewKind.NATIONAL_REVIEW:
        raise PublicationRefused(["Only a national review is published by the Panel"])
    if review.published_on is not None:
        raise PublicationRefused(["The review has already been published"])
    _mark_published(
        review,
        decision=PublicationDecision.PUBLISH_REPORT,
        published_on=published_on,
        acting_user=acting_user,
        request=request,
        extra={"panel_publication_url": url},
    )
    return review


def withdrawal_refusal(review, user, *, reason: str, today: dt.date) -> str:
    """Why this person may not withdraw the review today ("" when they may): the 12-month rule."""
    from cspr.accounts.models import Role

    if not review.is_published:
        return "The review is not published"
    if may_withdraw_without_executive(review.published_on, today):
        return ""
    if user.role != Role.EXECUTIVE_MEMBER:
        return (
            "A published review stays on the website for at least 12 months: before then only an "
            "executive member may withdraw it, with a reason"
        )
    if not reason.strip():
        return "Enter the reason for withdrawing the review before 12 months, for example a court order"
    return ""


@transaction.atomic
def do_withdraw(review, *, reason: str, withdrawn_on: dt.date, acting_user, request=None) -> PracticeReview:
    """Take the review off the public pages (and out of the learning library)."""
    refusal = withdrawal_refusal(review, acting_user, reason=reason, today=withdrawn_on)
    if refusal:
        raise PublicationRefused([refusal])
    review.withdrawn_on = withdrawn_on
    review.withdrawn_reason = reason
    review.withdrawn_by = acting_user
    review.save(update_fields=["withdrawn_on", "withdrawn_reason", "withdrawn_by", "updated_at"])
    record(
        AuditAction.CHANGE,
        actor=acting_user,
        request=request,
        obj=review,
        changes={"withdrawn_on": [None, withdrawn_on.isoformat()], "withdrawn_reason": [None, REDACTED]},
    )
    entry = LibraryEntry.objects.filter(practice_review=review).first()
    if entry is not None:
        record(AuditAction.DELETE, actor=acting_user, request=request, obj=entry)
        entry.delete()
    refresh_stage(review, actor=acting_user, request=request)
    return review


@transaction.atomic
def do_set_keep_published(review, *, keep: bool, acting_user, request=None) -> PracticeReview:
    """Keep the review on the website after its 12 months, or let it move to "available on request"."""
    if review.keep_published != keep:
        review.keep_published = keep
        review.save(update_fields=["keep_published", "updated_at"])
        record(
            AuditAction.CHANGE,
            actor=acting_user,
            request=request,
            obj=review,
            changes={"keep_published": [not keep, keep]},
        )
    return review
