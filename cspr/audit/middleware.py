"""One `view` entry for every page or download a signed-in person is shown."""

from django.conf import settings
from django.http import FileResponse

from cspr.audit.log import record
from cspr.audit.models import AuditAction


class AuditViewMiddleware:
    """Records successful GET and HEAD requests for HTML pages and downloads by signed-in people.

    The entry names the record the view passed to `cspr.audit.log.viewed()`, if any. Requests that
    already wrote their own entry (an export, say) are not recorded twice. If the entry cannot be
    written the response fails: a case page is never shown without its audit entry.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if self.should_record(request, response):
            record(AuditAction.VIEW, request=request, obj=getattr(request, "audit_object", None))
        return response

    def should_record(self, request, response) -> bool:
        if request.method not in ("GET", "HEAD"):
            return False
        if not 200 <= response.status_code < 300:
            return False
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return False
        if getattr(request, "audit_recorded", False):
            return False
        if settings.STATIC_URL and request.path.startswith(settings.STATIC_URL):
            return False
        return is_page_or_download(response)


def is_page_or_download(response) -> bool:
    if isinstance(response, FileResponse) or response.has_header("Content-Disposition"):
        return True
    return response.get("Content-Type", "").startswith("text/html")
