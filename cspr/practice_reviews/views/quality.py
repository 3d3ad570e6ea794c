"""Quality assurance of the final report: the checklist page, the two sign-offs and the partners' written
response, and the quality part of the status page.

The partnership's decision makers see the quality assurance; the business manager and the review group
answer the checklist (`permissions.can_answer_quality_assurance`); the review group then the executive sign
off (`can_sign_off_for_review_group`, `can_sign_off_for_executive`); the business manager or an executive
member records the partners' response. Records are read through `visible_to`, so another partnership's
review is a 404 and a reviewer or panel member who may see the review gets a 403.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from cspr import permissions
from cspr.accounts.models import Role
from cspr.audit.log import viewed
from cspr.core.templatetags.govuk import govuk_date, govuk_error_summary

from ..actions.quality import (
    SignOffRefused,
    do_record_partners_response,
    do_save_quality_answers,
    do_sign_off_for_executive,
    do_sign_off_for_review_group,
)
from ..checklists import MARKER_GROUPS, MUST_DO, MUST_DO_CHECKLIST, QUALITY_MARKERS_CHECKLIST, markers_in
from ..forms.quality import PartnersResponseForm, QualityChecklistForm, initial_answers
from ..models import PracticeReview, QualityAssurance, ReportDraft
from ..quality import (
    executive_sign_off_problem,
    is_out_of_date,
    quality_summary,
    review_group_sign_off_problem,
)

NO_FINAL_REPORT = (
    "Quality assurance starts once the final report is uploaded: upload a version marked as the final report "
    "on the drafts page"
)


def may_view_quality(user, practice_review) -> bool:
    """The partnership's decision makers: those who answer, sign off and respond."""
    return permissions.is_member_of(user, practice_review.partnership) and (
        user.role in permissions.PARTNERSHIP_WIDE_ROLES
    )


def may_sign_off(user, practice_review) -> bool:
    return permissions.can_sign_off_for_review_group(
        user, practice_review
    ) or permissions.can_sign_off_for_executive(user, practice_review)


def _sign_off_problem(user, practice_review, quality) -> str:
    """What stands in the way of this user's own sign-off (the executive's or the review group's)."""
    if user.role == Role.EXECUTIVE_MEMBER:
        return executive_sign_off_problem(practice_review, quality)
    return review_group_sign_off_problem(practice_review, quality)


def practice_review_for(request, pk: int, allowed) -> PracticeReview:
    """404 for a review the user may not see; 403 unless `allowed(user, practice_review)`."""
    practice_review = get_object_or_404(
        PracticeReview.objects.visible_to(request.user).select_related("partnership"), pk=pk
    )
    if not allowed(request.user, practice_review):
        raise PermissionDenied
    return practice_review


def _quality(request, practice_review) -> QualityAssurance | None:
    return (
        QualityAssurance.objects.visible_to(request.user)
        .filter(practice_review=practice_review)
        .select_related("final_draft", "review_group_signed_off_by", "executive_signed_off_by")
        .prefetch_related("answers")
        .first()
    )


def _final_draft(request, practice_review) -> ReportDraft | None:
    return (
        ReportDraft.objects.visible_to(request.user)
        .filter(practice_review=practice_review, is_final=True)
        .order_by("-version")
        .first()
    )


def answer_rows(quality: QualityAssurance | None) -> dict:
    """The stored answers beside their points, in checklist order, for the read-only tables."""
    stored = {(a.checklist, a.point): a for a in quality.answers.all()} if quality else {}
    must_do = [{"point": p, "answer": stored.get((MUST_DO_CHECKLIST, p.code))} for p in MUST_DO]
    markers = []
    if quality is not None and quality.use_quality_markers:
        markers = [
            {
                "group": group,
                "rows": [
                    {"point": p, "answer": stored.get((QUALITY_MARKERS_CHECKLIST, p.code))}
                    for p in markers_in(group.code)
                ],
            }
            for group in MARKER_GROUPS
        ]
    return {"must_do": must_do, "marker_groups": markers}


@require_http_methods(["GET", "HEAD", "POST"])
def quality_checklist(request, pk):
    practice_review = practice_review_for(request, pk, permissions.can_answer_quality_assurance)
    back_url = practice_review.get_absolute_url()
    final_draft = _final_draft(request, practice_review)
    context = {"practice_review": practice_review, "back_url": back_url, "final_draft": final_draft}
    if final_draft is None:
        if request.method == "POST":
            messages.error(request, NO_FINAL_REPORT)
            return redirect(back_url)
        return render(request, "practice_reviews/quality/no_final_report.html", context)
    quality = _quality(request, practice_review)
    out_of_date = is_out_of_date(quality, final_draft)
    locked = quality is not None and bool(quality.review_group_signed_off_on) and not out_of_date
    if locked:
        # Signed-off answers are read, not changed: the sign-off was given on them.
        viewed(request, quality)
        context.update({"quality": quality, **answer_rows(quality)})
        return render(request, "practice_reviews/quality/signed_off.html", context)
    form = QualityChecklistForm(
        request.POST if request.method == "POST" else None, initial=initial_answers(quality)
    )
    if request.method == "POST" and form.is_valid():
        do_save_quality_answers(
            practice_review,
            final_draft=final_draft,
            use_quality_markers=form.cleaned_data["use_quality_markers"],
            answers=form.answers(),
            acting_user=request.user,
            request=request,
        )
        messages.success(
            request, f"Quality assurance of the final report (version {final_draft.version}) saved"
        )
        return redirect(f"{back_url}#quality")
    viewed(request, quality or practice_review)
    context.update(
        {
            "quality": quality,
            "out_of_date": out_of_date,
            "form": form,
            "error_summary": govuk_error_summary(form),
        }
    )
    return render(request, "practice_reviews/quality/checklist.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def sign_off(request, pk):
    """One address for both sign-offs: the review group's member signs for the review group, the executive
    member for the executive; each sees what they are signing before they confirm."""
    practice_review = practice_review_for(request, pk, may_sign_off)
    for_executive = request.user.role == Role.EXECUTIVE_MEMBER
    back_url = practice_review.get_absolute_url()
    quality = _quality(request, practice_review)
    problem = _sign_off_problem(request.user, practice_review, quality)
    if request.method == "POST":
        sign = do_sign_off_for_executive if for_executive else do_sign_off_for_review_group
        try:
            sign(practice_review, signed_on=timezone.localdate(), acting_user=request.user, request=request)
        except SignOffRefused as refused:
            messages.error(request, str(refused))
            return redirect(reverse("practice_reviews:sign-off", args=[practice_review.pk]))
        who = "the executive" if for_executive else "the review group"
        messages.success(request, f"Final report signed off for {who} on {govuk_date(timezone.localdate())}")
        return redirect(f"{back_url}#quality")
    viewed(request, quality or practice_review)
    context = {
        "practice_review": practice_review,
        "back_url": back_url,
        "quality": quality,
        "for_executive": for_executive,
        "problem": problem,
        "summary": quality_summary(practice_review),
        **answer_rows(quality),
    }
    return render(request, "practice_reviews/quality/sign_off.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def partners_response(request, pk):
    practice_review = practice_review_for(request, pk, permissions.can_record_partners_response)
    back_url = practice_review.get_absolute_url()
    if _final_draft(request, practice_review) is None:
        messages.error(request, "Record the partners' response once the final report is uploaded")
        return redirect(back_url)
    quality = _quality(request, practice_review)
    viewed(request, quality or practice_review)
    initial = {}
    if quality is not None and quality.partners_response_on:
        initial = {
            "partners_response": quality.partners_response,
            "partners_response_on": quality.partners_response_on,
        }
    form = PartnersResponseForm(
        request.POST if request.method == "POST" else None, initial=initial, today=timezone.localdate()
    )
    if request.method == "POST" and form.is_valid():
        do_record_partners_response(
            practice_review,
            text=form.cleaned_data["partners_response"].strip(),
            responded_on=form.cleaned_data["partners_response_on"],
            acting_user=request.user,
            request=request,
        )
        messages.success(request, "The partners' written response saved")
        return redirect(f"{back_url}#quality")
    context = {
        "form": form,
        "title": "The partners' written response",
        "lead": (
            f"How the safeguarding partners respond to the final report of {practice_review.reference} "
            f"({practice_review.title}): what they will do about its findings."
        ),
        "button": "Save the response",
        "back_url": back_url,
    }
    return render(request, "form_page.html", context)


def section(request, practice_review) -> dict:
    """The quality part of the status page: which report was checked, the ratings, the sign-offs and the
    partners' response, with what the user may do next."""
    user = request.user
    if not may_view_quality(user, practice_review):
        return {}
    quality = _quality(request, practice_review)
    final_draft = _final_draft(request, practice_review)
    return {
        "quality_shown": True,
        "quality": quality,
        "quality_final_draft": final_draft,
        "quality_summary": quality_summary(practice_review),
        "quality_rows": answer_rows(quality),
        "quality_can_answer": final_draft is not None
        and permissions.can_answer_quality_assurance(user, practice_review),
        "quality_can_sign_off": may_sign_off(user, practice_review)
        and not _sign_off_problem(user, practice_review, quality),
        "quality_can_respond": final_draft is not None
        and permissions.can_record_partners_response(user, practice_review),
    }


urlpatterns = [
    path("<int:pk>/quality/", quality_checklist, name="quality"),
    path("<int:pk>/quality/sign-off/", sign_off, name="sign-off"),
    path("<int:pk>/quality/response/", partners_response, name="partners-response"),
]
