"""Where a practice review's quality assurance stands: which final report was checked, how the points were
rated, what still stands in the way of each sign-off.

The pages, the sign-off actions, the publication gates and the demo all read these, so the rules for "may
the review group sign off now?" live in one place. `quality_summary` is the shape other parts use.
"""

from .checklists import MUST_DO, MUST_DO_CHECKLIST, QUALITY_MARKERS, QUALITY_MARKERS_CHECKLIST
from .models import QualityAssurance, QualityRating, ReportDraft


def latest_final_draft(practice_review) -> ReportDraft | None:
    """The report under quality assurance: the newest version marked final."""
    return practice_review.drafts.filter(is_final=True).order_by("-version").first()


def quality_assurance_of(practice_review) -> QualityAssurance | None:
    return QualityAssurance.objects.filter(practice_review=practice_review).first()


def is_out_of_date(quality: QualityAssurance | None, final_draft: ReportDraft | None) -> bool:
    """The answers were given on an earlier final report than the one now marked final."""
    return (
        quality is not None
        and quality.final_draft_id is not None
        and (final_draft is None or quality.final_draft_id != final_draft.pk)
    )


def counts(quality: QualityAssurance | None, checklist: str) -> dict:
    """How many points of the checklist are met, partly met, not met and not answered yet."""
    points = {MUST_DO_CHECKLIST: MUST_DO, QUALITY_MARKERS_CHECKLIST: QUALITY_MARKERS}[checklist]
    codes = {point.code for point in points}
    ratings = []
    if quality is not None:
        ratings = [
            answer.rating
            for answer in quality.answers.all()
            if answer.checklist == checklist and answer.point in codes
        ]
    return {
        "met": ratings.count(QualityRating.MET),
        "partly_met": ratings.count(QualityRating.PARTLY_MET),
        "not_met": ratings.count(QualityRating.NOT_MET),
        "unanswered": len(codes) - len(ratings),
        "total": len(codes),
    }


def review_group_sign_off_problem(practice_review, quality: QualityAssurance | None) -> str:
    """Why the review group may not sign off yet, in the words the page shows; "" when it may."""
    final_draft = latest_final_draft(practice_review)
    if final_draft is None:
        return "The final report has not been uploaded yet"
    if (
        quality is not None
        and quality.review_group_signed_off_on
        and not is_out_of_date(quality, final_draft)
    ):
        return "The review group has already signed off the final report"
    if quality is None or quality.final_draft_id != final_draft.pk:
        return f"Answer the checklist on the final report (version {final_draft.version}) first"
    unanswered = counts(quality, MUST_DO_CHECKLIST)["unanswered"]
    if unanswered:
        return f"Answer every point of what every review must do first: {unanswered} not answered"
    return ""


def executive_sign_off_problem(practice_review, quality: QualityAssurance | None) -> str:
    """Why the executive may not sign off yet; "" when it may. The review group always signs first."""
    if quality is None or not quality.review_group_signed_off_on:
        return "The review group has not signed off the final report yet"
    if is_out_of_date(quality, latest_final_draft(practice_review)):
        return "A newer final report has been uploaded since the review group signed off"
    if quality.executive_signed_off_on:
        return "The executive has already signed off the final report"
    return ""


def quality_summary(practice_review) -> dict:
    """Where quality assurance stands, for the status page, the publication gates and the demo.

    Keys: final_draft_version (the version checked, or None), out_of_date (a newer final exists),
    must_do and quality_markers (counts: met, partly_met, not_met, unanswered, total; quality_markers is
    None unless the markers are used), review_group_signed_off_on, executive_signed_off_on,
    partners_response_on, and signed_off (the executive has signed off the current final report).
    """
    quality = quality_assurance_of(practice_review)
    final_draft = latest_final_draft(practice_review)
    out_of_date = is_out_of_date(quality, final_draft)
    uses_markers = quality is not None and quality.use_quality_markers
    return {
        "final_draft_version": quality.final_draft.version if quality and quality.final_draft else None,
        "out_of_date": out_of_date,
        "must_do": counts(quality, MUST_DO_CHECKLIST),
        "quality_markers": counts(quality, QUALITY_MARKERS_CHECKLIST) if uses_markers else None,
        "review_group_signed_off_on": quality.review_group_signed_off_on if quality else None,
        "executive_signed_off_on": quality.executive_signed_off_on if quality else None,
        "partners_response_on": quality.partners_response_on if quality else None,
        "signed_off": bool(quality and quality.executive_signed_off_on and not out_of_date),
    }
