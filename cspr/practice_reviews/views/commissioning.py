"""Commissioning a practice review: the notices to the Panel, Ofsted and DfE, the independent reviewer and
their conflict-of-interest declaration, the review panel and the processes running in parallel; and this
part of the status page.

The business manager does all of it (`permissions.can_manage_practice_review`) except the declaration,
which only the reviewer makes (`permissions.can_declare_conflicts`). Records are read through
`visible_to`, so a reviewer who has not declared "no conflict" gets 404 on everything about the review but
their own declaration page, which shows only the review's reference, title, partnership and agencies.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from cspr import permissions
from cspr.accounts.models import Role, User
from cspr.audit.log import record, viewed
from cspr.audit.models import AuditAction
from cspr.core.pages import form_page
from cspr.core.templatetags.govuk import govuk_date
from cspr.partnerships.models import Agency

from ..actions import commissioning as actions
from ..forms.commissioning import (
    DeclarationForm,
    EndReviewerForm,
    NoticeForm,
    PanelMemberForm,
    ParallelProcessForm,
    ReviewerForm,
)
from ..models import (
    CommissioningNotice,
    Declaration,
    NoticeRecipient,
    ParallelProcess,
    ParallelProcessStatus,
    PracticeReview,
    ReviewerAssignment,
    ReviewKind,
    ReviewPanelMember,
)
from ..notices import notice_filename, notice_text, render_notice_docx

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DECLARATION_COLOURS = {
    Declaration.AWAITED: "yellow",
    Declaration.NO_CONFLICT: "green",
    Declaration.CONFLICT: "red",
}


def review_for(request, pk: int, allowed=permissions.can_manage_practice_review) -> PracticeReview:
    """404 for a review the user may not see; 403 unless `allowed(user, review)`."""
    practice_review = get_object_or_404(
        PracticeReview.objects.visible_to(request.user).select_related("partnership"), pk=pk
    )
    if not allowed(request.user, practice_review):
        raise PermissionDenied
    return practice_review


def _declared_reviewer(request, practice_review) -> ReviewerAssignment | None:
    """The reviewer the notices name: the lead (else the first) who declared no conflict and is still on."""
    return (
        ReviewerAssignment.objects.visible_to(request.user)
        .filter(practice_review=practice_review, declaration=Declaration.NO_CONFLICT, ended_on__isnull=True)
        .order_by("-is_lead", "appointed_on", "pk")
        .first()
    )


def _recipient(value: str) -> str:
    if value not in NoticeRecipient.values:
        raise Http404("No such recipient")
    return value


def _notice_setting(request, pk: int, recipient: str):
    """The review, the recipient and the reviewer to name; None for the reviewer when notices are refused
    (a message says why)."""
    practice_review = review_for(request, pk)
    recipient = _recipient(recipient)
    if practice_review.kind != ReviewKind.LOCAL_CSPR:
        messages.error(request, "Only a local child safeguarding practice review is notified this way")
        return practice_review, recipient, None
    assignment = _declared_reviewer(request, practice_review)
    if assignment is None:
        messages.error(
            request,
            "Appoint an independent reviewer, and wait for their declaration of no conflict of interest, "
            "before sending the notices: they name the reviewer",
        )
    return practice_review, recipient, assignment


def _notice(request, practice_review, recipient: str) -> CommissioningNotice | None:
    return (
        CommissioningNotice.objects.visible_to(request.user)
        .filter(practice_review=practice_review, recipient=recipient)
        .first()
    )


@require_http_methods(["GET", "HEAD", "POST"])
def notice(request, pk, recipient):
    practice_review, recipient, assignment = _notice_setting(request, pk, recipient)
    if assignment is None:
        return redirect(practice_review.get_absolute_url())
    sent = _notice(request, practice_review, recipient)
    reviewer_changed = sent is not None and sent.reviewer_named != assignment.published_name
    if sent is not None and not reviewer_changed:
        initial = {"letter": sent.letter, "sent_on": sent.sent_on}
    else:
        initial = {"letter": notice_text(practice_review, recipient, assignment, sender=request.user)}
    form = NoticeForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        today=timezone.localdate(),
        decided_on=practice_review.decided_on,
    )
    if request.method == "POST" and form.is_valid():
        actions.do_record_notice(
            practice_review,
            recipient=recipient,
            letter=form.cleaned_data["letter"].strip(),
            reviewer_named=assignment.published_name,
            sent_on=form.cleaned_data["sent_on"],
            acting_user=request.user,
            request=request,
        )
        messages.success(
            request,
            f"Notice to the {NoticeRecipient(recipient).label} recorded as sent on "
            f"{govuk_date(form.cleaned_data['sent_on'])}",
        )
        return redirect(practice_review.get_absolute_url())
    viewed(request, sent or practice_review)
    context = {
        "practice_review": practice_review,
        "recipient_label": NoticeRecipient(recipient).label,
        "recipient": recipient,
        "sent": sent,
        "reviewer_changed": reviewer_changed,
        "assignment": assignment,
        "form": form,
        "back_url": practice_review.get_absolute_url(),
    }
    return render(request, "practice_reviews/commissioning/notice.html", context)


@require_safe
def notice_docx(request, pk, recipient):
    """The letter on the partnership's letterhead: as recorded once sent, else as first generated."""
    practice_review, recipient, assignment = _notice_setting(request, pk, recipient)
    if assignment is None:
        return redirect(practice_review.get_absolute_url())
    sent = _notice(request, practice_review, recipient)
    if sent is not None:
        letter, dated = sent.letter, sent.sent_on
    else:
        letter = notice_text(practice_review, recipient, assignment, sender=request.user)
        dated = timezone.localdate()
    record(
        AuditAction.EXPORT,
        request=request,
        obj=sent or practice_review,
        changes={"format": "docx", "notice": recipient, "as_sent": sent is not None},
    )
    content = render_notice_docx(practice_review, recipient, letter, dated)
    response = HttpResponse(content, content_type=DOCX_TYPE)
    filename = notice_filename(practice_review, recipient)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _reviewer_accounts(practice_review, exclude_ids):
    """The partnership's active independent reviewer accounts not already on this review."""
    return (
        User.objects.filter(
            role=Role.INDEPENDENT_REVIEWER, partnership_id=practice_review.partnership_id, is_active=True
        )
        .exclude(pk__in=exclude_ids)
        .order_by("full_name", "email")
    )


@require_http_methods(["GET", "HEAD", "POST"])
def reviewer_add(request, pk):
    practice_review = review_for(request, pk)
    assignments = ReviewerAssignment.objects.visible_to(request.user).filter(practice_review=practice_review)
    has_lead = assignments.filter(is_lead=True, ended_on__isnull=True).exists()
    form = ReviewerForm(
        request.POST if request.method == "POST" else None,
        initial={"is_lead": not has_lead},
        reviewers=list(_reviewer_accounts(practice_review, assignments.values("reviewer_id"))),
        today=timezone.localdate(),
        decided_on=practice_review.decided_on,
    )
    if request.method == "POST" and form.is_valid():
        assignment = actions.do_appoint_reviewer(
            practice_review, fields=form.assignment_fields(), acting_user=request.user, request=request
        )
        messages.success(
            request,
            f"{assignment.published_name} appointed and emailed a link to declare any conflict of interest",
        )
        return redirect(practice_review.get_absolute_url())
    context = {
        "practice_review": practice_review,
        "form": form,
        "has_accounts": bool(form.reviewers),
        "back_url": practice_review.get_absolute_url(),
    }
    return render(request, "practice_reviews/commissioning/reviewer_add.html", context)


def _assignment(request, assignment_pk: int) -> ReviewerAssignment:
    return get_object_or_404(
        ReviewerAssignment.objects.visible_to(request.user).select_related(
            "practice_review__partnership", "reviewer"
        ),
        pk=assignment_pk,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def reviewer_end(request, pk, assignment_pk):
    practice_review = review_for(request, pk)
    assignment = _assignment(request, assignment_pk)
    if assignment.practice_review_id != practice_review.pk:
        raise Http404("No such reviewer on this review")
    if assignment.ended_on is not None:
        messages.info(
            request, f"Access of {assignment.published_name} ended on {govuk_date(assignment.ended_on)}"
        )
        return redirect(practice_review.get_absolute_url())
    form = EndReviewerForm(
        request.POST if request.method == "POST" else None,
        initial={"ended_on": timezone.localdate()},
        today=timezone.localdate(),
        appointed_on=assignment.appointed_on,
    )
    if request.method == "POST" and form.is_valid():
        actions.do_end_reviewer(
            assignment, ended_on=form.cleaned_data["ended_on"], acting_user=request.user, request=request
        )
        messages.success(request, f"Access of {assignment.published_name} to the review ended")
        return redirect(practice_review.get_absolute_url())
    context = {
        "practice_review": practice_review,
        "assignment": assignment,
        "form": form,
        "back_url": practice_review.get_absolute_url(),
    }
    return render(request, "practice_reviews/commissioning/reviewer_end.html", context)


def agencies_named(practice_review) -> list[str]:
    """The names of the agencies involved in the incidents the review comes from: what a reviewer needs
    to declare against. Read through the review's own links because the reviewer may not see the
    incidents or agencies themselves, and is shown nothing but these names."""
    incidents = [
        *practice_review.incidents.all(),
        *(rapid_review.incident for rapid_review in practice_review.rapid_reviews.select_related("incident")),
    ]
    return sorted({agency.name for incident in incidents for agency in incident.agencies_involved.all()})


@require_http_methods(["GET", "HEAD", "POST"])
def declare(request, assignment_pk):
    """The reviewer's own declaration page: a form while it is awaited, what they declared afterwards."""
    assignment = _assignment(request, assignment_pk)
    if assignment.reviewer_id != request.user.pk:
        raise PermissionDenied
    can_declare = permissions.can_declare_conflicts(request.user, assignment)
    if request.method == "POST" and not can_declare:
        messages.info(request, "Your declaration has already been recorded")
        return redirect("practice_reviews:declare", assignment_pk=assignment.pk)
    form = DeclarationForm(request.POST if request.method == "POST" else None) if can_declare else None
    if form is not None and form.is_valid():
        try:
            assignment = actions.do_declare(
                assignment, fields=form.declaration_fields(), acting_user=request.user, request=request
            )
        except actions.AlreadyDeclared:
            messages.info(request, "Your declaration has already been recorded")
            return redirect("practice_reviews:declare", assignment_pk=assignment.pk)
        if assignment.declaration == Declaration.NO_CONFLICT:
            messages.success(request, "Declaration recorded: you can now read the review")
            return redirect(assignment.practice_review.get_absolute_url())
        messages.success(request, "Declaration recorded: the business manager has been told")
        return redirect("practice_reviews:declare", assignment_pk=assignment.pk)
    viewed(request, assignment)
    practice_review = assignment.practice_review
    context = {
        "assignment": assignment,
        "practice_review": practice_review,
        "agencies": agencies_named(practice_review),
        "form": form,
        "colour": DECLARATION_COLOURS[assignment.declaration],
        "review_url": practice_review.get_absolute_url() if assignment.has_access else "",
    }
    return render(request, "practice_reviews/commissioning/declare.html", context)


def _panel_members(request, practice_review):
    return (
        ReviewPanelMember.objects.visible_to(request.user)
        .filter(practice_review=practice_review)
        .select_related("agency", "user")
    )


@require_http_methods(["GET", "HEAD", "POST"])
def review_panel(request, pk):
    """The review panel as it stands and the form to add a member."""
    practice_review = review_for(request, pk)
    members = _panel_members(request, practice_review)
    agencies = Agency.objects.visible_to(request.user).filter(
        partnership_id=practice_review.partnership_id, is_active=True
    )
    accounts = User.objects.filter(
        role=Role.AGENCY_LEAD, partnership_id=practice_review.partnership_id, is_active=True
    ).order_by("full_name", "email")
    form = PanelMemberForm(
        request.POST if request.method == "POST" else None,
        agencies=list(agencies),
        accounts=list(accounts),
        taken_user_ids=[member.user_id for member in members if member.user_id],
        today=timezone.localdate(),
    )
    if request.method == "POST" and form.is_valid():
        member = actions.do_add_panel_member(
            practice_review, fields=form.member_fields(), acting_user=request.user, request=request
        )
        messages.success(request, f"{member.name} added to the review panel")
        return redirect("practice_reviews:review-panel", pk=practice_review.pk)
    viewed(request, practice_review)
    context = {
        "practice_review": practice_review,
        "members": members,
        "form": form,
        "back_url": practice_review.get_absolute_url(),
    }
    return render(request, "practice_reviews/commissioning/review_panel.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def review_panel_remove(request, pk, member_pk):
    practice_review = review_for(request, pk)
    member = get_object_or_404(_panel_members(request, practice_review), pk=member_pk)
    back_url = reverse("practice_reviews:review-panel", args=[practice_review.pk])
    if request.method == "POST":
        actions.do_remove_panel_member(member, acting_user=request.user, request=request)
        messages.success(request, f"{member.name} removed from the review panel")
        return redirect(back_url)
    context = {"practice_review": practice_review, "member": member, "back_url": back_url}
    return render(request, "practice_reviews/commissioning/review_panel_remove.html", context)


def _process_page(request, practice_review, process: ParallelProcess | None):
    initial = {}
    if process is not None:
        initial = {name: getattr(process, name) for name in ParallelProcessForm.base_fields}
    form = ParallelProcessForm(
        request.POST if request.method == "POST" else None, initial=initial, today=timezone.localdate()
    )
    if request.method == "POST" and form.is_valid():
        actions.do_save_parallel_process(
            practice_review, process, fields=form.process_fields(), acting_user=request.user, request=request
        )
        messages.success(request, "Parallel process added" if process is None else "Parallel process saved")
        return redirect(practice_review.get_absolute_url())
    if process is not None:
        viewed(request, process)
    title = "Add a parallel process" if process is None else "Change the parallel process"
    return form_page(
        request, form, title=title, button="Save the process", back_url=practice_review.get_absolute_url()
    )


@require_http_methods(["GET", "HEAD", "POST"])
def parallel_add(request, pk):
    return _process_page(request, review_for(request, pk), None)


@require_http_methods(["GET", "HEAD", "POST"])
def parallel_edit(request, pk, process_pk):
    practice_review = review_for(request, pk)
    process = get_object_or_404(
        ParallelProcess.objects.visible_to(request.user).filter(practice_review=practice_review),
        pk=process_pk,
    )
    return _process_page(request, practice_review, process)


def _notice_rows(request, practice_review, assignment) -> list[dict]:
    sent = {
        notice.recipient: notice
        for notice in CommissioningNotice.objects.visible_to(request.user).filter(
            practice_review=practice_review
        )
    }
    rows = []
    for recipient in NoticeRecipient:
        notice_sent = sent.get(recipient.value)
        rows.append(
            {
                "recipient": recipient,
                "notice": notice_sent,
                "outdated": notice_sent is not None
                and assignment is not None
                and notice_sent.reviewer_named != assignment.published_name,
            }
        )
    return rows


def section(request, practice_review) -> dict:
    """The commissioning part of the status page: notices, reviewers, review panel, parallel processes.

    Each list is read through `visible_to`, so people see only what they may (the Panel its notice, a
    reviewer their own assignment); nothing at all for those who cannot see the review.
    """
    user = request.user
    if not permissions.can_view_practice_review(user, practice_review):
        return {}
    assignment = _declared_reviewer(request, practice_review)
    processes = ParallelProcess.objects.visible_to(user).filter(practice_review=practice_review)
    return {
        "commissioning_shown": True,
        "commissioning_can_manage": permissions.can_manage_practice_review(user, practice_review),
        "commissioning_needs_notices": practice_review.kind == ReviewKind.LOCAL_CSPR,
        "commissioning_notices": _notice_rows(request, practice_review, assignment),
        "commissioning_reviewer": assignment,
        "commissioning_assignments": [
            {"assignment": appointed, "colour": DECLARATION_COLOURS[appointed.declaration]}
            for appointed in ReviewerAssignment.objects.visible_to(user).filter(
                practice_review=practice_review
            )
        ],
        "commissioning_panel_members": _panel_members(request, practice_review),
        "commissioning_processes": processes,
        "commissioning_processes_ongoing": sum(
            process.status == ParallelProcessStatus.ONGOING for process in processes
        ),
    }


urlpatterns = [
    path("<int:pk>/notices/<str:recipient>/", notice, name="notice"),
    path("<int:pk>/notices/<str:recipient>/letter.docx", notice_docx, name="notice-docx"),
    path("<int:pk>/reviewers/add/", reviewer_add, name="reviewer-add"),
    path("<int:pk>/reviewers/<int:assignment_pk>/end/", reviewer_end, name="reviewer-end"),
    path("declarations/<int:assignment_pk>/", declare, name="declare"),
    path("<int:pk>/review-panel/", review_panel, name="review-panel"),
    path("<int:pk>/review-panel/<int:member_pk>/remove/", review_panel_remove, name="review-panel-remove"),
    path("<int:pk>/parallel-processes/add/", parallel_add, name="parallel-add"),
    path("<int:pk>/parallel-processes/<int:process_pk>/", parallel_edit, name="parallel-edit"),
]
