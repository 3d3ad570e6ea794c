"""Agency requests and returns: the business manager asks agencies for returns, each agency's safeguarding
lead completes theirs (draft, check, submit), the business manager may reopen one; and this part of the
rapid review page.

Every query goes through `visible_to`, which narrows returns to the agency lead's own agency, so another
agency's return is a 404 for them. The pages show the child's pseudonym, never the name. Each return's
due date is its own (the clock's `agency_return_request` step counted from the request), shown with the
clock's words: "Due in 3 working days", "Overdue by 2 working days".
"""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from cspr import permissions
from cspr.audit.log import viewed
from cspr.clock import get_step
from cspr.clock.status import DeadlineStatus, deadline_status, plural_working_days
from cspr.core.templatetags.govuk import govuk_date
from cspr.deadlines.clock import current_calendar, local_lengths
from cspr.incidents.models import Child
from cspr.partnerships.models import Agency

from ..actions import returns as actions
from ..forms.returns import (
    RETURN_SECTIONS,
    AgencyReturnForm,
    MyReturnsFilterForm,
    ReopenReturnForm,
    ReturnRequestForm,
)
from ..models import AgencyReturn, RapidReview, ReturnStatus

RETURN_STEP = "agency_return_request"
PAGE_SIZE = 25
STATUS_COLOURS = {
    ReturnStatus.REQUESTED: "grey",
    ReturnStatus.DRAFT: "blue",
    ReturnStatus.SUBMITTED: "green",
    ReturnStatus.REOPENED: "orange",
}


def usual_due_on(partnership_id: int, requested_on: dt.date, calendar) -> tuple[dt.date, int]:
    """The date a return asked for on `requested_on` is usually due, and the working days that allows
    (5 unless the partnership changed the step on its step lengths page)."""
    step = get_step(RETURN_STEP)
    length = local_lengths(partnership_id).get(RETURN_STEP, step.length)
    return step.due_date(requested_on, calendar, length), length


def return_deadline(agency_return: AgencyReturn, today: dt.date, calendar) -> DeadlineStatus:
    """Where the return stands against its own due date: open until submitted, then met on time or late."""
    submitted_on = agency_return.submitted_on if agency_return.status == ReturnStatus.SUBMITTED else None
    return deadline_status(get_step(RETURN_STEP), agency_return.due_on, submitted_on, today, calendar)


def _rows(returns, today: dt.date) -> list[dict]:
    calendar = current_calendar()
    return [
        {
            "agency_return": agency_return,
            "deadline": return_deadline(agency_return, today, calendar),
            "status_colour": STATUS_COLOURS[agency_return.status],
        }
        for agency_return in returns
    ]


def _pseudonyms(request, incident) -> list[str]:
    return list(
        Child.objects.visible_to(request.user).filter(incident=incident).values_list("pseudonym", flat=True)
    )


def _rapid_review_to_request(request, pk: int) -> RapidReview:
    """404 for a rapid review the user may not see; 403 unless they may ask agencies for returns."""
    rapid_review = get_object_or_404(
        RapidReview.objects.visible_to(request.user).select_related("incident", "partnership"), pk=pk
    )
    if not permissions.can_request_returns(request.user, rapid_review):
        raise PermissionDenied
    return rapid_review


def _agency_return(request, pk: int, allowed=permissions.can_view_agency_return) -> AgencyReturn:
    """404 for a return the user may not see (another agency's or partnership's); 403 unless `allowed`."""
    agency_return = get_object_or_404(
        AgencyReturn.objects.visible_to(request.user).select_related(
            "agency", "partnership", "rapid_review__incident"
        ),
        pk=pk,
    )
    if not allowed(request.user, agency_return):
        raise PermissionDenied
    return agency_return


def _moved_on(request, agency_return: AgencyReturn):
    messages.info(request, "This return has changed since you opened it: nothing was saved")
    return redirect(agency_return.get_absolute_url())


@require_http_methods(["GET", "HEAD", "POST"])
def request_returns(request, pk):
    rapid_review = _rapid_review_to_request(request, pk)
    user = request.user
    today = timezone.localdate()
    asked = AgencyReturn.objects.visible_to(user).filter(rapid_review=rapid_review).select_related("agency")
    agencies = (
        Agency.objects.visible_to(user)
        .filter(partnership_id=rapid_review.partnership_id, is_active=True)
        .exclude(pk__in=[agency_return.agency_id for agency_return in asked])
    )
    default_due_on, length = usual_due_on(rapid_review.partnership_id, today, current_calendar())
    form = ReturnRequestForm(
        request.POST if request.method == "POST" else None,
        agencies=agencies,
        partnership=rapid_review.partnership,
        today=today,
        default_due_on=default_due_on,
        due_hint=f"Usually {plural_working_days(length)} after the request: {govuk_date(default_due_on)}. "
        "For example, 3 12 2026",
    )
    if request.method == "POST" and form.is_valid():
        try:
            created = actions.do_request_returns(
                rapid_review,
                agencies=form.cleaned_data["agencies"],
                new_agency_form=form.agency_form,
                due_on=form.cleaned_data["due_on"],
                message=form.cleaned_data["message"],
                acting_user=user,
                request=request,
            )
        except actions.ReturnLocked:
            messages.info(
                request, "The rapid review has been sent to the Panel: no more returns can be asked"
            )
            return redirect(rapid_review.get_absolute_url())
        count = len(created)
        messages.success(
            request,
            f"Requests sent to {count} agenc{'y' if count == 1 else 'ies'}, "
            f"due {govuk_date(form.cleaned_data['due_on'])}",
        )
        return redirect(rapid_review.get_absolute_url())
    context = {
        "rapid_review": rapid_review,
        "incident": rapid_review.incident,
        "form": form,
        "asked": _rows(asked, today),
    }
    return render(request, "rapid_reviews/returns/request.html", context)


@require_safe
def my_returns(request):
    """The agency lead's list: only their own agency's returns, newest deadlines last by default."""
    user = request.user
    if not permissions.can_view_my_returns(user):
        raise PermissionDenied
    children = Prefetch(
        "rapid_review__incident__children",
        queryset=Child.objects.visible_to(user).order_by("pk"),
        to_attr="visible_children",
    )
    returns = (
        AgencyReturn.objects.visible_to(user)
        .select_related("agency", "rapid_review__incident")
        .prefetch_related(children)
    )
    form = MyReturnsFilterForm(request.GET or None)
    page = Paginator(form.apply(returns), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page_obj": page,
        "rows": _rows(page.object_list, timezone.localdate()),
        "has_returns": returns.exists(),
        "agency": user.agency,
    }
    return render(request, "rapid_reviews/returns/my_returns.html", context)


def _return_context(request, agency_return: AgencyReturn) -> dict:
    user = request.user
    incident = agency_return.rapid_review.incident
    return {
        "agency_return": agency_return,
        "incident": incident,
        "pseudonyms": _pseudonyms(request, incident),
        "deadline": return_deadline(agency_return, timezone.localdate(), current_calendar()),
        "status_colour": STATUS_COLOURS[agency_return.status],
        "sections": [
            (AgencyReturn._meta.get_field(name).verbose_name.capitalize(), getattr(agency_return, name))
            for name in RETURN_SECTIONS
        ],
        "entry_count": agency_return.entries.count(),
        "can_complete": permissions.can_complete_return(user, agency_return),
        "reopen_url": reverse("rapid_reviews:return-reopen", args=[agency_return.pk])
        if permissions.can_reopen_return(user, agency_return)
        else "",
        "rapid_review_url": agency_return.rapid_review.get_absolute_url()
        if permissions.can_view_rapid_review(user, agency_return.rapid_review)
        else "",
    }


@require_http_methods(["GET", "HEAD", "POST"])
def return_detail(request, pk):
    """The request and the return: a form for whoever completes it, the answers for everyone else."""
    agency_return = _agency_return(request, pk)
    can_complete = permissions.can_complete_return(request.user, agency_return)
    if request.method == "POST" and not can_complete:
        raise PermissionDenied
    form = None
    if can_complete:
        form = AgencyReturnForm(
            request.POST if request.method == "POST" else None, agency_return=agency_return
        )
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_save_return_draft(
                agency_return, form.sections(), acting_user=request.user, request=request
            )
        except actions.ReturnLocked:
            return _moved_on(request, agency_return)
        if form.submitting:
            return redirect("rapid_reviews:return-check", pk=agency_return.pk)
        messages.success(request, "Draft saved: you can come back to it until you submit the return")
        return redirect(agency_return.get_absolute_url())
    viewed(request, agency_return)
    context = _return_context(request, agency_return) | {"form": form}
    return render(request, "rapid_reviews/returns/return.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def return_check(request, pk):
    """Check your answers, then submit: the return is closed to changes once submitted."""
    agency_return = _agency_return(request, pk, permissions.can_complete_return)
    if not agency_return.summary_of_involvement.strip():
        messages.info(request, "Enter a summary of your agency's involvement before you submit")
        return redirect(agency_return.get_absolute_url())
    if request.method == "POST":
        try:
            actions.do_submit_return(agency_return, acting_user=request.user, request=request)
        except (actions.ReturnLocked, actions.ReturnIncomplete):
            return _moved_on(request, agency_return)
        messages.success(request, f"Return submitted to {agency_return.partnership.name}")
        return redirect(agency_return.get_absolute_url())
    viewed(request, agency_return)
    return render(request, "rapid_reviews/returns/check.html", _return_context(request, agency_return))


@require_http_methods(["GET", "HEAD", "POST"])
def reopen_return(request, pk):
    agency_return = _agency_return(request, pk, permissions.can_reopen_return)
    today = timezone.localdate()
    default_due_on, _ = usual_due_on(agency_return.partnership_id, today, current_calendar())
    form = ReopenReturnForm(
        request.POST if request.method == "POST" else None, today=today, default_due_on=default_due_on
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_reopen_return(
                agency_return,
                reason=form.cleaned_data["reason"],
                due_on=form.cleaned_data["due_on"],
                acting_user=request.user,
                request=request,
            )
        except actions.ReturnLocked:
            return _moved_on(request, agency_return)
        messages.success(request, f"Return reopened: {agency_return.agency.name} has been emailed")
        return redirect(agency_return.get_absolute_url())
    context = {"agency_return": agency_return, "incident": agency_return.rapid_review.incident, "form": form}
    return render(request, "rapid_reviews/returns/reopen.html", context)


def section(request, rapid_review) -> dict:
    """The rapid review page's table of agencies asked, how many have submitted, and the request button."""
    if not permissions.can_view_returns(request.user, rapid_review):
        return {"returns_shown": False}
    returns = list(
        AgencyReturn.objects.visible_to(request.user)
        .filter(rapid_review=rapid_review)
        .select_related("agency")
    )
    return {
        "returns_shown": True,
        "returns_rows": _rows(returns, timezone.localdate()) if returns else [],
        "returns_submitted": sum(r.status == ReturnStatus.SUBMITTED for r in returns),
        "returns_total": len(returns),
        "returns_request_url": reverse("rapid_reviews:requests", args=[rapid_review.pk])
        if permissions.can_request_returns(request.user, rapid_review)
        else "",
    }


urlpatterns = [
    path("<int:pk>/returns/request/", request_returns, name="requests"),
    path("returns/", my_returns, name="my-returns"),
    path("returns/<int:pk>/", return_detail, name="return"),
    path("returns/<int:pk>/check/", return_check, name="return-check"),
    path("returns/<int:pk>/reopen/", reopen_return, name="return-reopen"),
]
