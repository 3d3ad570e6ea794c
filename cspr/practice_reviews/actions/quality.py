"""Quality assurance of the final report: the checklist answers, the two sign-offs and the partners'
written response.

Each write is atomic and audited in the same transaction; the comments, report references and the
response are free text, so the audit log says they changed but not what they say. Answers given on an
earlier final report are re-checked on the new one: saving them then withdraws both sign-offs, since they
were given on a different report, and the executive's sign-off is what moves the review to "preparing to
publish" (`refresh_stage`).
"""

import datetime as dt

from django.db import transaction

from cspr.audit.log import changes_between, record, snapshot
from cspr.audit.models import AuditAction

from ..models import PracticeReview, QualityAnswer, QualityAssurance, ReportDraft
from ..quality import executive_sign_off_problem, review_group_sign_off_problem
from .stage import refresh_stage

QUALITY_FIELDS = [
    "final_draft",
    "use_quality_markers",
    "review_group_signed_off_on",
    "review_group_signed_off_by",
    "executive_signed_off_on",
    "executive_signed_off_by",
]
ANSWER_FIELDS = ["checklist", "point", "rating", "report_section", "comment"]
ANSWER_REDACT = ["report_section", "comment"]
RESPONSE_FIELDS = ["partners_response", "partners_response_on"]
RESPONSE_REDACT = ["partners_response"]


class SignOffRefused(Exception):
    """A sign-off the rules do not allow yet; the message says why, for the page."""


def _locked(practice_review: PracticeReview) -> PracticeReview:
    """The review's row locked for this transaction, so two sign-offs cannot interleave."""
    return PracticeReview.objects.select_for_update().get(pk=practice_review.pk)


def _quality_for(practice_review: PracticeReview, acting_user, request) -> QualityAssurance:
    quality = QualityAssurance.objects.filter(practice_review=practice_review).first()
    if quality is None:
        quality = QualityAssurance.objects.create(
            partnership_id=practice_review.partnership_id, practice_review=practice_review
        )
        record(AuditAction.CREATE, actor=acting_user, request=request, obj=quality)
    return quality


def _save_quality(quality: QualityAssurance, before: dict, *, acting_user, request) -> None:
    quality.save()
    changes = changes_between(before, snapshot(quality, QUALITY_FIELDS))
    if changes:
        record(AuditAction.CHANGE, actor=acting_user, request=request, obj=quality, changes=changes)


@transaction.atomic
def do_save_quality_answers(
    practice_review: PracticeReview,
    *,
    final_draft: ReportDraft,
    use_quality_markers: bool,
    answers: dict[tuple[str, str], dict | None],
    acting_user,
    request=None,
) -> QualityAssurance:
    """Store the answers on `final_draft`: `answers` maps (checklist, point code) to the answer's fields
    (rating, report_section, comment), or to None for a point left unanswered (its old answer goes)."""
    practice_review = _locked(practice_review)
    quality = _quality_for(practice_review, acting_user, request)
    before = snapshot(quality, QUALITY_FIELDS)
    if quality.final_draft_id not in (None, final_draft.pk):
        for name in QUALITY_FIELDS[2:]:
            setattr(quality, name, None)
    quality.final_draft = final_draft
    quality.use_quality_markers = use_quality_markers
    _save_quality(quality, before, acting_user=acting_user, request=request)

    existing = {(answer.checklist, answer.point): answer for answer in quality.answers.all()}
    for key, fields in answers.items():
        answer = existing.get(key)
        if fields is None:
            if answer is not None:
                record(AuditAction.DELETE, actor=acting_user, request=request, obj=answer)
                answer.delete()
            continue
        is_new = answer is None
        if is_new:
            answer = QualityAnswer(
                partnership_id=practice_review.partnership_id,
                quality_assurance=quality,
                checklist=key[0],
                point=key[1],
            )
        answer_before = {} if is_new else snapshot(answer, ANSWER_FIELDS)
        for name, value in fields.items():
            setattr(answer, name, value)
        changes = changes_between(answer_before, snapshot(answer, ANSWER_FIELDS), redact=ANSWER_REDACT)
        if changes:
            answer.save()
            action = AuditAction.CREATE if is_new else AuditAction.CHANGE
            record(action, actor=acting_user, request=request, obj=answer, changes=changes)
    refresh_stage(practice_review, actor=acting_user, request=request)
    return quality


def do_sign_off_for_review_group(
    practice_review: PracticeReview, *, signed_on: dt.date, acting_user, request=None
) -> QualityAssurance:
    """The review group accepts the quality-assured final report; refused while a must-do point is open."""
    return _sign_off(
        practice_review, "review_group", review_group_sign_off_problem, signed_on, acting_user, request
    )


def do_sign_off_for_executive(
    practice_review: PracticeReview, *, signed_on: dt.date, acting_user, request=None
) -> QualityAssurance:
    """The executive signs off after the review group; the review moves on to preparing to publish."""
    return _sign_off(
        practice_review, "executive", executive_sign_off_problem, signed_on, acting_user, request
    )


@transaction.atomic
def _sign_off(practice_review, who: str, problem_of, signed_on, acting_user, request) -> QualityAssurance:
    """Record `who`'s sign-off (review_group or executive) unless `problem_of` says why it cannot be."""
    practice_review = _locked(practice_review)
    quality = QualityAssurance.objects.filter(practice_review=practice_review).first()
    problem = problem_of(practice_review, quality)
    if problem:
        raise SignOffRefused(problem)
    before = snapshot(quality, QUALITY_FIELDS)
    setattr(quality, f"{who}_signed_off_on", signed_on)
    setattr(quality, f"{who}_signed_off_by", acting_user)
    _save_quality(quality, before, acting_user=acting_user, request=request)
    refresh_stage(practice_review, actor=acting_user, request=request)
    return quality


@transaction.atomic
def do_record_partners_response(
    practice_review: PracticeReview, *, text: str, responded_on: dt.date, acting_user, request=None
) -> QualityAssurance:
    """The partners' written response to the report (WT 2023), kept with its date."""
    practice_review = _locked(practice_review)
    quality = _quality_for(practice_review, acting_user, request)
    before = snapshot(quality, RESPONSE_FIELDS)
    quality.partners_response = text
    quality.partners_response_on = responded_on
    quality.save(update_fields=[*RESPONSE_FIELDS, "updated_at"])
    changes = changes_between(before, snapshot(quality, RESPONSE_FIELDS), redact=RESPONSE_REDACT)
    if changes:
        record(AuditAction.CHANGE, actor=acting_user, request=request, obj=quality, changes=changes)
    return quality
