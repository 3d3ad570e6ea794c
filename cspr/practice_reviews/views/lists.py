"""The list of practice reviews (the partnership's; for the Panel, those it has been told of; for reviewers
and review panel members, their own) with where each stands on its deadlines, and its CSV export."""

import csv
import io
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from cspr import permissions
from cspr.accounts.models import Role
from cspr.audit.log import record
from cspr.audit.models import AuditAction
from cspr.audit.views import spreadsheet_safe
from cspr.clock.status import DeadlineStatus
from cspr.deadlines.clock import current_calendar, local_lengths

from ..deadlines import PREFETCH, SELECT, next_open, overdue, review_deadlines
from ..forms.records import PracticeReviewFilterForm
from ..models import Declaration, PracticeReview, ReviewerAssignment, Stage

PAGE_SIZE = 25
STAGE_COLOURS = {
    Stage.COMMISSIONING: "blue",
    Stage.RUNNING: "purple",
    Stage.QUALITY_ASSURANCE: "yellow",
    Stage.PRE_PUBLICATION: "orange",
    Stage.PUBLISHED: "green",
    Stage.IMPROVEMENTS_PUBLISHED: "teal",
    Stage.WITHDRAWN: "grey",
}
CSV_HEADER = [
    "Reference",
    "Partnership",
    "Title",
    "Kind",
    "Stage",
    "Date of the decision",
    "Terms of reference agreed",
    "Planned publication",
    "Published",
    "Next deadline",
    "Next deadline due",
    "Steps overdue",
]


@dataclass(frozen=True)
class ListRow:
    review: PracticeReview
    deadlines: list[DeadlineStatus]

    @property
    def late(self) -> list[DeadlineStatus]:
        return overdue(self.deadlines)

    @property
    def next_deadline(self) -> DeadlineStatus | None:
        return next_open(self.deadlines)

    @property
    def stage_colour(self) -> str:
        return STAGE_COLOURS.get(self.review.stage, "grey")


def _list_for(request):
    user = request.user
    if not permissions.can_view_practice_reviews(user):
        raise PermissionDenied
    reviews = (
        PracticeReview.objects.visible_to(user)
        .select_related("partnership", *SELECT)
        .prefetch_related(*PREFETCH)
    )
    return reviews, PracticeReviewFilterForm(request.GET or None)


def list_rows(reviews, filters: dict, today=None) -> list[ListRow]:
    """The filtered reviews with their deadlines, in the order asked for. Each partnership's own step
    lengths are read once; the deadlines come from what each review prefetched."""
    if filters["kind"]:
        reviews = reviews.filter(kind=filters["kind"])
    if filters["stage"]:
        reviews = reviews.filter(stage=filters["stage"])
    calendar = current_calendar()
    today = today or timezone.localdate()
    lengths: dict[int, dict[str, int]] = {}
    rows = []
    for review in reviews:
        if review.partnership_id not in lengths:
            lengths[review.partnership_id] = local_lengths(review.partnership_id)
        statuses = review_deadlines(review, today, calendar, lengths=lengths[review.partnership_id])
        rows.append(ListRow(review, statuses))
    if filters["late"]:
        rows = [row for row in rows if row.late]
    return _sorted(rows, filters["sort"], filters["descending"])


def _sorted(rows: list[ListRow], sort: str, descending: bool) -> list[ListRow]:
    if sort == "due":
        # Reviews waiting for nothing (published, withdrawn) always last.
        waiting = [row for row in rows if row.next_deadline is not None]
        done = [row for row in rows if row.next_deadline is None]
        waiting.sort(key=lambda row: (row.next_deadline.due_on, row.review.reference), reverse=descending)
        return waiting + done
    if sort == "reference":
        key = lambda row: (row.review.partnership.name, row.review.reference)  # noqa: E731
    else:
        key = lambda row: (row.review.decided_on, row.review.pk)  # noqa: E731
    return sorted(rows, key=key, reverse=descending)


def _awaited_declarations(user):
    """An independent reviewer's assignments still waiting for their conflict of interest declaration."""
    if user.role != Role.INDEPENDENT_REVIEWER:
        return []
    return list(
        ReviewerAssignment.objects.visible_to(user)
        .filter(reviewer=user, declaration=Declaration.AWAITED, ended_on__isnull=True)
        .select_related("practice_review", "partnership")
    )


@require_safe
def practice_review_list(request):
    reviews, form = _list_for(request)
    user = request.user
    filters = form.filters()
    page = Paginator(list_rows(reviews, filters), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    may_export = permissions.can_commission_practice_review(user)
    context = {
        "form": form,
        "page_obj": page,
        "has_reviews": reviews.exists(),
        "national": user.role == Role.PANEL_MEMBER,
        "awaited_declarations": _awaited_declarations(user),
        "new_url": reverse("practice_reviews:new")
        if permissions.can_commission_practice_review(user)
        else "",
        "export_url": f"{reverse('practice_reviews:export')}?{query.urlencode()}" if may_export else "",
    }
    return render(request, "practice_reviews/list.html", context)


@require_safe
def practice_review_export(request):
    """The filtered list as CSV for the business manager's returns; the download is an audit entry."""
    reviews, form = _list_for(request)
    # The business manager keeps the partnership's register of reviews.
    if not permissions.can_commission_practice_review(request.user):
        raise PermissionDenied
    if form.is_bound and not form.is_valid():
        return redirect(f"{reverse('practice_reviews:list')}?{request.GET.urlencode()}")
    rows = list_rows(reviews, form.filters())
    plural = "s" if len(rows) != 1 else ""
    record(
        AuditAction.EXPORT, request=request, object_repr=f"Practice reviews (CSV), {len(rows)} row{plural}"
    )
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(CSV_HEADER)
    for row in rows:
        review, following = row.review, row.next_deadline
        values = [
            review.reference,
            review.partnership.name,
            review.title,
            review.get_kind_display(),
            review.get_stage_display(),
            review.decided_on.isoformat(),
            review.terms_agreed_on.isoformat() if review.terms_agreed_on else "",
            review.planned_publication_on.isoformat() if review.planned_publication_on else "",
            review.published_on.isoformat() if review.published_on else "",
            following.step.title if following else "",
            following.due_on.isoformat() if following else "",
            "; ".join(status.step.title for status in row.late),
        ]
        writer.writerow([spreadsheet_safe(value) for value in values])
    response = HttpResponse(output.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="practice-reviews-{timezone.localdate().isoformat()}.csv"'
    )
    response["Cache-Control"] = "no-store"
    return response


urlpatterns = [
    path("", practice_review_list, name="list"),
    path("export.csv", practice_review_export, name="export"),
]
