"""The redacted copies of a checked document: the page that says what they replace and where they stand,
making them, downloading them, and putting them in place of the document to publish (for the briefings:
redacting their text in place)."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from cspr import permissions
from cspr.audit.log import viewed

from ..actions.redacting import (
    FORMATS,
    RedactionRefused,
    copies_out_of_date,
    copy_format_for,
    do_make_redacted_copies,
    do_use_redacted_copy,
    redacted_filename,
    redaction_blocker,
)
from ..checks import BRIEFING, subject_label
from ..models import AnonymisationCheck, FindingDecision, PublishedDocument
from .common import review_for


def _check_for(request, pk, check_pk, allowed) -> AnonymisationCheck:
    review = review_for(request, pk, allowed)
    return get_object_or_404(
        AnonymisationCheck.objects.visible_to(request.user)
        .filter(practice_review=review)
        .select_related("practice_review"),
        pk=check_pk,
    )


def _page_url(check) -> str:
    return reverse("publication:redacted-copies", args=[check.practice_review_id, check.pk])


@require_http_methods(["GET", "HEAD", "POST"])
def redacted_copies(request, pk, check_pk):
    """GET: what the copies replace, the copies made and what may be done next; POST (business manager):
    make the copies from the decisions."""
    allowed = (
        permissions.can_prepare_publication if request.method == "POST" else permissions.can_view_publication
    )
    check = _check_for(request, pk, check_pk, allowed)
    if request.method == "POST":
        try:
            do_make_redacted_copies(check, acting_user=request.user, request=request)
        except RedactionRefused as refusal:
            messages.error(request, f"The redacted copies were not made. {refusal}")
        else:
            messages.success(
                request,
                "Redacted copies made (Word and PDF): every detail marked to redact is replaced. "
                "Read them before you use them for publication",
            )
        return redirect(_page_url(check))
    review = check.practice_review
    redact = check.found.filter(decision=FindingDecision.REDACT).order_by("position")
    replaced = {}
    for finding in redact:
        replaced.setdefault(finding.text, {"text": finding.text, "replacement": "", "count": 0})
        replaced[finding.text]["replacement"] = finding.replacement or "[redacted]"
        replaced[finding.text]["count"] += 1
    has_copies = bool(check.redacted_docx and check.redacted_pdf)
    document = (
        PublishedDocument.objects.visible_to(request.user)
        .filter(practice_review=review, kind=check.subject)
        .first()
    )
    viewed(request, check)
    context = {
        "practice_review": review,
        "check": check,
        "label": subject_label(check.subject),
        "is_briefing": check.subject == BRIEFING,
        "replaced": list(replaced.values()),
        "allowed_count": check.found.filter(decision=FindingDecision.ALLOWED).count(),
        "blocker": redaction_blocker(check),
        "has_copies": has_copies,
        "out_of_date": has_copies and copies_out_of_date(check),
        "use_label": "Word" if document and copy_format_for(document) == "docx" else "PDF",
        "can_prepare": permissions.can_prepare_publication(request.user, review),
        "downloads": [
            {
                "label": label,
                "url": reverse("publication:redacted-download", args=[review.pk, check.pk, fmt]),
                "name": redacted_filename(review, check.subject, fmt),
            }
            for fmt, label in (("docx", "Word"), ("pdf", "PDF"))
        ]
        if has_copies
        else [],
    }
    return render(request, "publication/redaction.html", context)


@require_safe
def redacted_download(request, pk, check_pk, format):
    """A redacted copy, for the business manager and the partnership's decision makers to read."""
    check = _check_for(request, pk, check_pk, permissions.can_view_publication)
    if format not in FORMATS:
        raise Http404
    field = check.redacted_docx if format == "docx" else check.redacted_pdf
    if not field:
        raise Http404
    try:
        handle = field.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    viewed(request, check)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=redacted_filename(check.practice_review, check.subject, format),
        content_type=FORMATS[format],
    )


@require_POST
def use_redacted(request, pk, check_pk):
    """The business manager publishes the redacted copy (or redacts the briefings), and the check runs
    again at once; the findings page then shows what it found."""
    check = _check_for(request, pk, check_pk, permissions.can_prepare_publication)
    label = subject_label(check.subject)
    try:
        used = do_use_redacted_copy(check, acting_user=request.user, request=request)
    except RedactionRefused as refusal:
        messages.error(request, f"Nothing was changed. {refusal}")
        return redirect(_page_url(check))
    done = (
        "The details marked to redact are replaced in every briefing"
        if check.subject == BRIEFING
        else f"The {label.lower()} to publish is now the redacted copy"
    )
    if used.check is None:
        messages.warning(request, f"{done}. The check could not read it: run the check again")
    elif used.remaining:
        messages.warning(
            request,
            f"{done}. The check ran again and found {used.remaining} detail"
            f"{'s' if used.remaining != 1 else ''} still to decide or redact",
        )
    else:
        messages.success(request, f"{done}. The check ran again: nothing is left to redact")
    return redirect("publication:anonymisation", pk=check.practice_review_id)


urlpatterns = [
    path("<int:pk>/anonymisation/<int:check_pk>/redacted/", redacted_copies, name="redacted-copies"),
    path(
        "<int:pk>/anonymisation/<int:check_pk>/redacted/download/<str:format>/",
        redacted_download,
        name="redacted-download",
    ),
    path("<int:pk>/anonymisation/<int:check_pk>/redacted/use/", use_redacted, name="use-redacted"),
]
