"""The action plan dashboard: every action of the partnership for its decision makers, "Your agency's
actions" for an agency lead (the same page, scoped by `visible_to`), and the same actions counted by
review and by agency. Filtering, sorting and counting live in `cspr.action_plans.lists`."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from cspr import permissions
from cspr.accounts.models import Role
from cspr.deadlines.clock import current_calendar

from .. import rules
from ..forms.lists import PlanSortForm
from ..lists import action_rows, agency_rows, filter_form, filtered_actions, plan_rows, status_counts
from ..models import Action

PAGE_SIZE = 25
# The summary above the list: each count links to the list filtered by that status.
SUMMARY = (
    (rules.OVERDUE, "Overdue"),
    (rules.AT_RISK, "At risk"),
    (rules.COMPLETE, "Awaiting assurance"),
    (rules.ASSURED, "Assured as embedded"),
)


def _allowed(request):
    if not permissions.can_view_action_plans(request.user):
        raise PermissionDenied


def _heading(user) -> dict:
    if user.role == Role.AGENCY_LEAD:
        return {"caption": user.agency.name, "heading": "Your agency's actions", "agency_lead": True}
    return {"caption": user.partnership.name, "heading": "Action plans", "agency_lead": False}


def _with(query, **values) -> str:
    """The query string with `values` set (an empty value removes the key), back to the first page."""
    query = query.copy()
    query.pop("page", None)
    for key, value in values.items():
        query.pop(key, None)
        if value:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else reverse("action_plans:dashboard")


def _summary(request, filters: dict, found: list[Action], today) -> list[dict]:
    """The counts by status of the actions matching every filter but the status itself."""
    matching = (
        filtered_actions(request.user, {**filters, "status": ""}, today) if filters["status"] else found
    )
    counts = status_counts(((action.status, action.due_on) for action in matching), today)
    items = [
        {
            "label": label,
            "count": counts[status],
            "url": _with(request.GET, status=status),
            "current": filters["status"] == status,
            "colour": rules.STATUS_COLOURS[status],
        }
        for status, label in SUMMARY
    ]
    items.append(
        {
            "label": "All actions",
            "count": counts.total(),
            "url": _with(request.GET, status=""),
            "current": not filters["status"],
        }
    )
    return items


@require_safe
def dashboard(request):
    _allowed(request)
    user = request.user
    today = timezone.localdate()
    form = filter_form(request.GET, user)
    filters = form.filters()
    found = filtered_actions(user, filters, today)
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        **_heading(user),
        "form": form,
        # The counts above the list follow every filter but the status: say so when one is set.
        "filtered": any(query.get(name) for name in query if name not in ("sort", "status")),
        # Offered only when there is a choice to make (an agency lead has their agency only).
        "show_agency_filter": len(form.fields["agency"].widget.choices) > 2,
        "show_theme_filter": len(form.fields["theme"].widget.choices) > 1,
        "summary": _summary(request, filters, found, today),
        "page_obj": page,
        "rows": action_rows(page.object_list, today, current_calendar()),
        "has_actions": Action.objects.visible_to(user).exists(),
        "export_url": f"{reverse('action_plans:export')}?{query.urlencode()}"
        if permissions.can_export_action_plans(user)
        else "",
        "import_url": reverse("action_plans:import") if permissions.can_import_action_plans(user) else "",
        "new_plan_url": reverse("action_plans:new_plan") if permissions.can_write_action_plans(user) else "",
        "current_view": "dashboard",
    }
    return render(request, "action_plans/lists/dashboard.html", context)


@require_safe
def by_review(request):
    _allowed(request)
    form = PlanSortForm(request.GET)
    rows = plan_rows(request.user, timezone.localdate(), form.chosen())
    context = {
        **_heading(request.user),
        "form": form,
        "rows": rows,
        "new_plan_url": reverse("action_plans:new_plan")
        if permissions.can_write_action_plans(request.user)
        else "",
        "current_view": "by_review",
    }
    return render(request, "action_plans/lists/by_review.html", context)


@require_safe
def by_agency(request):
    _allowed(request)
    dashboard_url = reverse("action_plans:dashboard")
    rows = [
        {"row": row, "url": f"{dashboard_url}?agency={row.agency.pk}"}
        for row in agency_rows(request.user, timezone.localdate())
    ]
    context = {**_heading(request.user), "rows": rows, "current_view": "by_agency"}
    return render(request, "action_plans/lists/by_agency.html", context)


urlpatterns = [
    path("", dashboard, name="dashboard"),
    path("reviews/", by_review, name="by_review"),
    path("agencies/", by_agency, name="by_agency"),
]
