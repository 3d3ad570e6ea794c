"""The rapid review report: preview, editing, the DOCX and PDF for the Panel, and recording it sent.

Who may do what: `permissions.can_download_report` reads it (the partnership's decision makers; the Panel
once sent), `permissions.can_edit_report` and `permissions.can_send_rapid_review` are the business
manager's until it is sent. After sending, the documents show what the Panel received (`sent_report`).
"""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from cspr import permissions
from cspr.audit.log import record, viewed
from cspr.audit.models import AuditAction
from cspr.core.templatetags.govuk import govuk_date
from cspr.deadlines.models import StepCompletion

from ..actions.report import do_edit_report, do_send_rapid_review
from ..documents import document_context, filename
from ..documents.docx import render_docx
from ..documents.pdf import render_pdf
from ..forms.report import ReportForm, SentForm
from ..models import RapidReviewStatus
from ..report_content import SECTION_TITLES, document_sections, rapid_review_deadline, sent_timeliness
from .review_group import rapid_review_for

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def report_url(rapid_review) -> str:
    return reverse("rapid_reviews:report", args=[rapid_review.pk])


def is_ready_to_send(rapid_review) -> bool:
    """The executive has decided: the status moves to DECIDED only when its decision is recorded."""
    return rapid_review.status == RapidReviewStatus.DECIDED


def _timeliness(request, rapid_review) -> tuple[str, str] | None:
    """("Sent 2 working days late", "orange") from the timeliness record, once sent."""
    if not rapid_review.is_sent:
        return None
    completion = (
        StepCompletion.objects.visible_to(request.user)
        .filter(incident=rapid_review.incident, step_code="rapid_review")
        .first()
    )
    return sent_timeliness(completion.working_days_late) if completion else None


@require_safe
def report_page(request, pk):
    rapid_review = rapid_review_for(request, pk, permissions.can_download_report)
    user = request.user
    context = {
        **document_context(rapid_review),
        "rapid_review": rapid_review,
        "incident": rapid_review.incident,
        "can_edit": permissions.can_edit_report(user, rapid_review),
        "can_send": is_ready_to_send(rapid_review) and permissions.can_send_rapid_review(user, rapid_review),
        "timeliness": _timeliness(request, rapid_review),
        "back_url": rapid_review.get_absolute_url(),
    }
    viewed(request, rapid_review)
    return render(request, "rapid_reviews/report/report.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def report_edit(request, pk):
    rapid_review = rapid_review_for(request, pk, permissions.can_edit_report)
    sections = document_sections(rapid_review)
    form = ReportForm(
        request.POST if request.method == "POST" else None,
        initial={part["key"]: part["text"] for part in sections},
    )
    rebuild = request.POST.get("rebuild", "") if request.method == "POST" else ""
    if rebuild not in SECTION_TITLES:
        rebuild = ""
    if request.method == "POST" and form.is_valid():
        do_edit_report(
            rapid_review, form.cleaned_data, rebuild=rebuild, acting_user=request.user, request=request
        )
        if rebuild:
            messages.success(request, f"{SECTION_TITLES[rebuild]} rebuilt from the data")
            return redirect(reverse("rapid_reviews:report-edit", args=[rapid_review.pk]))
        messages.success(request, "Report saved")
        return redirect(report_url(rapid_review))
    context = {
        "rapid_review": rapid_review,
        "incident": rapid_review.incident,
        "form": form,
        "rows": [{"field": form[part["key"]], **part} for part in sections],
        "back_url": report_url(rapid_review),
    }
    return render(request, "rapid_reviews/report/edit.html", context)


def _download(request, rapid_review, content: bytes, content_type: str, extension: str):
    record(
        AuditAction.EXPORT,
        request=request,
        obj=rapid_review,
        changes={"format": extension, "as_sent": rapid_review.is_sent},
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename(rapid_review, extension)}"'
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def report_docx(request, pk):
    rapid_review = rapid_review_for(request, pk, permissions.can_download_report)
    return _download(request, rapid_review, render_docx(rapid_review), DOCX_TYPE, "docx")


@require_safe
def report_pdf(request, pk):
    rapid_review = rapid_review_for(request, pk, permissions.can_download_report)
    return _download(request, rapid_review, render_pdf(rapid_review), "application/pdf", "pdf")


@require_http_methods(["GET", "HEAD", "POST"])
def report_send(request, pk):
    rapid_review = rapid_review_for(request, pk, permissions.can_send_rapid_review)
    if not is_ready_to_send(rapid_review):
        messages.error(request, "Record the executive decision before sending the rapid review to the Panel")
        return redirect(rapid_review.get_absolute_url())
    deadline = rapid_review_deadline(rapid_review)
    form = SentForm(
        request.POST if request.method == "POST" else None,
        due_on=deadline.due_on,
        notified_on=rapid_review.notified_on,
        today=timezone.localdate(),
    )
    if request.method == "POST" and form.is_valid():
        sent_on = form.cleaned_data["sent_on"]
        rapid_review = do_send_rapid_review(
            rapid_review,
            sent_on=sent_on,
            late_reason=form.cleaned_data["late_reason"].strip(),
            acting_user=request.user,
            request=request,
        )
        timeliness, _ = _timeliness(request, rapid_review)
        messages.success(
            request,
            f"Rapid review recorded as sent to the Panel on {govuk_date(sent_on)}: {timeliness.lower()}",
        )
        return redirect(rapid_review.get_absolute_url())
    context = {
        "form": form,
        "rapid_review": rapid_review,
        "incident": rapid_review.incident,
        "deadline": deadline,
        "back_url": report_url(rapid_review),
    }
    return render(request, "rapid_reviews/report/send.html", context)


def section(request, rapid_review) -> dict:
    """The report's part of the rapid review page: documents, editing, sending, and when it was sent."""
    user = request.user
    can_send = permissions.can_send_rapid_review(user, rapid_review)
    return {
        "report_can_download": permissions.can_download_report(user, rapid_review),
        "report_can_edit": permissions.can_edit_report(user, rapid_review),
        "report_can_send": can_send and is_ready_to_send(rapid_review),
        "report_waits_for_decision": can_send and not is_ready_to_send(rapid_review),
        "report_edited_sections": [
            SECTION_TITLES[key] for key in SECTION_TITLES if key in rapid_review.report
        ],
        "report_timeliness": _timeliness(request, rapid_review),
    }


urlpatterns = [
    path("<int:pk>/report/", report_page, name="report"),
    path("<int:pk>/report/edit/", report_edit, name="report-edit"),
    path("<int:pk>/report/send/", report_send, name="report-send"),
    path("<int:pk>/report/rapid-review.docx", report_docx, name="report-docx"),
    path("<int:pk>/report/rapid-review.pdf", report_pdf, name="report-pdf"),
]
