"""Running the review: the family's and practitioners' involvement, the partners' monitoring of time and
quality, and the integrated chronology the reviewer reads. The report's drafts are in `drafts`."""

from typing import NamedTuple

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from cspr import permissions
from cspr.audit.log import viewed
from cspr.chronology.gaps import DEFAULT_THRESHOLD_DAYS
from cspr.chronology.integrated import find_gaps, in_order, rows_with_gaps
from cspr.chronology.models import ChronologyEntry
from cspr.core.templatetags.govuk import govuk_date

from ..actions.running import (
    current_reviewers,
    do_record_involvement,
    do_record_progress_check,
    do_request_draft,
)
from ..forms.running import DraftRequestForm, InvolvementForm, MonitoringKindForm, ProgressCheckForm
from ..models import (
    InvolvementStep,
    InvolvementTrack,
    MonitoringEntry,
    MonitoringKind,
    PracticeReview,
    ReportDraft,
)
from . import drafts


class Source(NamedTuple):
    """A rapid review whose chronology the page shows, by its incident's reference."""

    pk: int
    reference: str


PAGE_SIZE = 100
# The status page shows the latest few monitoring entries; the monitoring page shows them all.
LATEST_MONITORING = 3
MONITORING_FORMS = {
    MonitoringKind.PROGRESS_CHECK: ProgressCheckForm,
    MonitoringKind.DRAFT_REQUESTED: DraftRequestForm,
}


def review_for(request, pk, allowed) -> PracticeReview:
    """404 for a review the person may not see, 403 when they see it but `allowed` says no."""
    practice_review = get_object_or_404(
        PracticeReview.objects.visible_to(request.user).select_related("partnership"), pk=pk
    )
    if not permissions.can_view_practice_review(request.user, practice_review):
        raise PermissionDenied
    if not allowed(request.user, practice_review):
        raise PermissionDenied
    return practice_review


def involvement_by_track(user, practice_review) -> list[tuple[str, list]]:
    """Each track (family, practitioners) with its dated steps, oldest first."""
    steps = InvolvementStep.objects.visible_to(user).filter(practice_review=practice_review)
    by_track = {track: [] for track in InvolvementTrack.values}
    for step in steps:
        by_track[step.track].append(step)
    return [(InvolvementTrack(track).label, found) for track, found in by_track.items()]


def section(request, practice_review) -> dict:
    """Involvement, monitoring, drafts and the chronology on the status page. The Panel sees none of it:
    these are the review's working records (their `visible_to` shows it nothing)."""
    user = request.user
    if not permissions.can_view_drafts(user, practice_review):
        return {}
    monitoring = list(
        MonitoringEntry.objects.visible_to(user).filter(practice_review=practice_review)[
            : LATEST_MONITORING + 1
        ]
    )
    draft_list = list(ReportDraft.objects.visible_to(user).filter(practice_review=practice_review)[:1])
    return {
        "running_shown": True,
        "running_involvement": involvement_by_track(user, practice_review),
        "running_can_record_involvement": permissions.can_record_involvement(user, practice_review),
        "running_monitoring": monitoring[:LATEST_MONITORING],
        "running_more_monitoring": len(monitoring) > LATEST_MONITORING,
        "running_can_record_monitoring": permissions.can_record_monitoring(user, practice_review),
        "running_latest_draft": draft_list[0] if draft_list else None,
        "running_can_upload_draft": permissions.can_upload_draft(user, practice_review),
        "running_can_view_chronology": permissions.can_view_review_chronology(user, practice_review),
    }


@require_http_methods(["GET", "HEAD", "POST"])
def involvement_add(request, pk):
    user = request.user
    practice_review = review_for(request, pk, permissions.can_record_involvement)
    form = InvolvementForm(
        request.POST if request.method == "POST" else None,
        today=timezone.localdate(),
        decided_on=practice_review.decided_on,
    )
    if request.method == "POST" and form.is_valid():
        step = do_record_involvement(practice_review, **form.cleaned_data, acting_user=user, request=request)
        messages.success(
            request,
            f"{step.get_track_display()}: “{step.get_step_display()}” recorded on "
            f"{govuk_date(step.happened_on)}",
        )
        return redirect(reverse("practice_reviews:involvement-add", args=[practice_review.pk]))
    viewed(request, practice_review)
    context = {
        "practice_review": practice_review,
        "form": form,
        "tracks": involvement_by_track(user, practice_review),
    }
    return render(request, "practice_reviews/running/involvement.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def monitoring_add(request, pk):
    """First the kind of entry (a GET question), then its own form: a progress check, or a written request
    for a draft. The whole log is shown below."""
    user = request.user
    practice_review = review_for(request, pk, permissions.can_record_monitoring)
    kind_form = MonitoringKindForm(request.GET if "kind" in request.GET else None)
    kind = kind_form.cleaned_data["kind"] if kind_form.is_valid() else ""
    form = None
    if kind:
        today = timezone.localdate()
        form = MONITORING_FORMS[kind](
            request.POST if request.method == "POST" else None,
            initial={"entry_on": today},
            today=today,
            decided_on=practice_review.decided_on,
        )
    elif request.method == "POST":
        # A form posted without its kind (an old page): ask the question again.
        return redirect(reverse("practice_reviews:monitoring-add", args=[practice_review.pk]))
    if request.method == "POST" and form.is_valid():
        if kind == MonitoringKind.PROGRESS_CHECK:
            do_record_progress_check(practice_review, **form.cleaned_data, acting_user=user, request=request)
            messages.success(request, "Progress check recorded")
        else:
            entry = do_request_draft(practice_review, **form.cleaned_data, acting_user=user, request=request)
            messages.success(
                request,
                f"Request for a draft by {govuk_date(entry.draft_due_on)} recorded and sent to the reviewer",
            )
        return redirect(reverse("practice_reviews:monitoring-add", args=[practice_review.pk]))
    viewed(request, practice_review)
    context = {
        "practice_review": practice_review,
        "form": form,
        "kind": kind,
        "kind_form": kind_form,
        "entries": MonitoringEntry.objects.visible_to(user)
        .filter(practice_review=practice_review)
        .select_related("recorded_by"),
        "has_reviewer": current_reviewers(practice_review).exists(),
    }
    return render(request, "practice_reviews/running/monitoring.html", context)


@require_safe
def chronology(request, pk):
    """The integrated chronology of the rapid reviews the review came from, read-only, one rapid review at a
    time (a thematic review links several children's chronologies, which are not merged)."""
    user = request.user
    practice_review = review_for(request, pk, permissions.can_view_review_chronology)
    entries = ChronologyEntry.objects.visible_to(user).filter(
        rapid_review__practice_reviews=practice_review, merged_into__isnull=True
    )
    # Reviewers read the entries but not the rapid reviews themselves: name each by its incident's reference.
    sources = [
        Source(pk, reference)
        for pk, reference in entries.order_by("rapid_review__incident__reference")
        .values_list("rapid_review_id", "rapid_review__incident__reference")
        .distinct()
    ]
    chosen = next((source for source in sources if str(source.pk) == request.GET.get("rapid_review")), None)
    chosen = chosen or (sources[0] if sources else None)
    rows, page = [], None
    if chosen is not None:
        shown = entries.filter(rapid_review_id=chosen.pk)
        ordered = in_order(shown)
        page = Paginator(ordered.select_related("agency"), PAGE_SIZE).get_page(request.GET.get("page"))
        previous_on = None
        if page.number > 1:
            previous_on = ordered.values_list("start_on", flat=True)[page.start_index() - 2]
        gaps = find_gaps(shown, DEFAULT_THRESHOLD_DAYS)
        rows = rows_with_gaps(list(page), gaps, [], previous_on=previous_on, is_last_page=not page.has_next())
    viewed(request, practice_review)
    context = {
        "practice_review": practice_review,
        "sources": sources,
        "chosen": chosen,
        "page_obj": page,
        "rows": rows,
        "gap_days": DEFAULT_THRESHOLD_DAYS,
    }
    return render(request, "practice_reviews/running/chronology.html", context)


urlpatterns = [
    path("<int:pk>/involvement/add/", involvement_add, name="involvement-add"),
    path("<int:pk>/monitoring/add/", monitoring_add, name="monitoring-add"),
    path("<int:pk>/chronology/", chronology, name="chronology"),
    *drafts.urlpatterns,
]
