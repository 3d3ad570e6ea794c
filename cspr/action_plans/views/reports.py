"""The one-page progress report on an action plan, as Word or PDF, for the executive meeting.

Only the partnership's decision makers may download it (`permissions.can_download_progress_report`):
it shows every agency's actions, and an agency lead sees only their own agency's. Each download is
audited as an export.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_safe

from cspr import permissions
from cspr.audit.log import record
from cspr.audit.models import AuditAction

from ..documents import filename, render_docx, render_pdf, report_content
from ..models import Action, Recommendation
from .access import plan_for

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _download(request, pk: int, render, content_type: str, extension: str) -> HttpResponse:
    plan = plan_for(request, pk)
    if not permissions.can_download_progress_report(request.user, plan):
        raise PermissionDenied
    today = timezone.localdate()
    recommendations = Recommendation.objects.visible_to(request.user).filter(plan=plan)
    actions = (
        Action.objects.visible_to(request.user).filter(recommendation__plan=plan).select_related("agency")
    )
    content = report_content(plan, recommendations, actions, today)
    document = render(content)
    record(AuditAction.EXPORT, request=request, obj=plan, changes={"format": extension})
    response = HttpResponse(document, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename(plan, today, extension)}"'
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def report_docx(request, pk):
    return _download(request, pk, render_docx, DOCX_TYPE, "docx")


@require_safe
def report_pdf(request, pk):
    return _download(request, pk, render_pdf, "application/pdf", "pdf")


urlpatterns = [
    path("<int:pk>/report.docx", report_docx, name="report_docx"),
    path("<int:pk>/report.pdf", report_pdf, name="report_pdf"),
]
