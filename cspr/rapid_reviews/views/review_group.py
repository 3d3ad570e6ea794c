"""The review group's pages: the meeting record, immediate actions, and the executive's decision.

Who may do what is decided by `permissions.can_record_review_group` (business manager and review group,
until the rapid review is sent) and `permissions.can_record_executive_decision` (executive member or the
business manager on their behalf); the records are read through `visible_to`.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from cspr import permissions
from cspr.action_plans.actions.immediate import do_add_safety_action
from cspr.action_plans.models import Action, ActionPlan, RecommendationKind
from cspr.core.templatetags.govuk import govuk_date, govuk_error_summary
from cspr.partnerships.models import Agency

from ..actions.review_group import (
    do_record_executive_decision,
    do_record_meeting,
)
from ..forms.review_group import (
    ANOTHER_ORGANISATION,
    ExecutiveDecisionForm,
    ImmediateActionForm,
    MeetingForm,
    attendee_formset,
)
from ..models import (
    ExecutiveDecision,
    RapidReview,
    Regulation11Criterion,
    ReviewGroupMeeting,
)


def rapid_review_for(request, pk: int, allowed) -> RapidReview:
    """404 for a rapid review the user may not see; 403 unless `allowed(user, rapid_review)`."""
    rapid_review = get_object_or_404(
        RapidReview.objects.visible_to(request.user).select_related("incident", "partnership"), pk=pk
    )
    if not allowed(request.user, rapid_review):
        raise PermissionDenied
    return rapid_review


def _agencies(request, rapid_review):
    return Agency.objects.visible_to(request.user).filter(
        partnership=rapid_review.partnership, is_active=True
    )


def _meeting(request, rapid_review) -> ReviewGroupMeeting | None:
    return ReviewGroupMeeting.objects.visible_to(request.user).filter(rapid_review=rapid_review).first()


def _attendee_rows(meeting) -> list[dict]:
    if meeting is None:
        return []
    return [
        {
            "agency": str(attendee.agency_id) if attendee.agency_id else ANOTHER_ORGANISATION,
            "organisation": attendee.organisation,
            "name": attendee.name,
            "role": attendee.role,
        }
        for attendee in meeting.attendees.all()
    ]


@require_http_methods(["GET", "HEAD", "POST"])
def review_group_meeting(request, pk):
    rapid_review = rapid_review_for(request, pk, permissions.can_record_review_group)
    meeting = _meeting(request, rapid_review)
    agencies = _agencies(request, rapid_review)
    form_kwargs = {"today": timezone.localdate(), "aware_on": rapid_review.aware_on}
    initial = {}
    if meeting is not None:
        initial = {name: getattr(meeting, name) for name in MeetingForm.base_fields}
    data = request.POST if request.method == "POST" else None
    form = MeetingForm(data, initial=initial, **form_kwargs)
    formset = attendee_formset(data, agencies=agencies, initial=_attendee_rows(meeting))
    if data is not None and "add_attendee" in data:
        # "Add another attendee": show what was typed again, unchecked, with one more blank row.
        typed = {name: form[name].value() for name in form.fields}
        form = MeetingForm(None, initial=typed, **form_kwargs)
        formset = attendee_formset(None, agencies=agencies, initial=[*formset.typed_rows(), {}])
    elif data is not None and all([form.is_valid(), formset.is_valid()]):  # both, for every error at once
        do_record_meeting(
            rapid_review,
            fields=form.cleaned_data,
            attendees=formset.attendees(),
            acting_user=request.user,
            request=request,
        )
        messages.success(request, f"Review group meeting of {govuk_date(form.cleaned_data['met_on'])} saved")
        return redirect(rapid_review.get_absolute_url())
    context = {
        "rapid_review": rapid_review,
        "incident": rapid_review.incident,
        "form": form,
        "formset": formset,
        "error_summary": govuk_error_summary(form, *formset.forms),
        "is_new": meeting is None,
        "back_url": rapid_review.get_absolute_url(),
    }
    return render(request, "rapid_reviews/review_group/meeting.html", context)


def _safety_action_page(request, rapid_review):
    meeting = _meeting(request, rapid_review)
    today = timezone.localdate()
    form = ImmediateActionForm(
        request.POST if request.method == "POST" else None,
        agencies=_agencies(request, rapid_review),
        today=today,
        opened_on=rapid_review.opened_on,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        do_add_safety_action(
            rapid_review,
            description=data["description"],
            owner=data["owner"],
            agency=data["owner_agency"],
            due_on=data["due_on"],
            agreed_on=meeting.met_on if meeting else today,
            acting_user=request.user,
            request=request,
        )
        messages.success(request, "Immediate safety action added to the rapid review's action plan")
        return redirect(rapid_review.get_absolute_url())
    context = {
        "form": form,
        "title": "Add an immediate safety action",
        "lead": (
            "An action agreed at once to keep children safe: what, which agency and who, by when. It goes "
            "into the rapid review's action plan, where the agency reports progress and the partnership "
            "assures it."
        ),
        "button": "Add the action",
        "back_url": rapid_review.get_absolute_url(),
    }
    return render(request, "form_page.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def immediate_action_add(request, pk):
    rapid_review = rapid_review_for(request, pk, permissions.can_record_review_group)
    return _safety_action_page(request, rapid_review)


@require_http_methods(["GET", "HEAD", "POST"])
def executive_decision(request, pk):
    rapid_review = rapid_review_for(request, pk, permissions.can_record_executive_decision)
    meeting = _meeting(request, rapid_review)
    if meeting is None or not meeting.recommendation:
        messages.error(request, "Record the review group's recommendation before the executive decision")
        return redirect(rapid_review.get_absolute_url())
    decision = ExecutiveDecision.objects.visible_to(request.user).filter(rapid_review=rapid_review).first()
    if decision is not None:
        initial = {
            "decided_by_name": decision.decided_by_name,
            "decided_by_role": decision.decided_by_role,
            "decided_on": decision.decided_on,
            "agrees": "yes" if decision.agrees else "no",
            "decision": "" if decision.agrees else decision.decision,
            "rationale": decision.rationale,
        }
    else:
        initial = {"decided_by_name": request.user.full_name, "decided_by_role": request.user.job_title}
    form = ExecutiveDecisionForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        recommendation=meeting.recommendation,
        met_on=meeting.met_on,
        today=timezone.localdate(),
    )
    if request.method == "POST" and form.is_valid():
        do_record_executive_decision(
            rapid_review, fields=form.decision_fields(), acting_user=request.user, request=request
        )
        messages.success(request, "Executive decision saved: the rapid review can be sent to the Panel")
        return redirect(rapid_review.get_absolute_url())
    context = {
        "form": form,
        "title": "Record the executive decision",
        "lead": (
            f"The review group met on {govuk_date(meeting.met_on)} and recommended: "
            f"{meeting.get_recommendation_display()}. Record the safeguarding partners' decision on it."
        ),
        "button": "Save the decision",
        "back_url": rapid_review.get_absolute_url(),
    }
    return render(request, "form_page.html", context)


def section(request, rapid_review) -> dict:
    """The review group's part of the rapid review page: meeting, immediate actions, decision."""
    user = request.user
    if not permissions.can_view_review_group(user, rapid_review):
        return {"review_group_shown": False}
    meeting = (
        ReviewGroupMeeting.objects.visible_to(user)
        .filter(rapid_review=rapid_review)
        .prefetch_related("attendees__agency")
        .first()
    )
    decision = ExecutiveDecision.objects.visible_to(user).filter(rapid_review=rapid_review).first()
    has_recommendation = meeting is not None and bool(meeting.recommendation)
    can_record = permissions.can_record_review_group(user, rapid_review)
    return {
        "review_group_shown": True,
        "review_group_meeting": meeting,
        "review_group_criteria": [Regulation11Criterion(code).label for code in meeting.criteria]
        if meeting
        else [],
        "review_group_actions": Action.objects.visible_to(user)
        .filter(recommendation__plan__rapid_review=rapid_review)
        .exclude(recommendation__kind=RecommendationKind.RECOMMENDATION)
        .select_related("agency", "recommendation")
        .order_by("due_on", "pk"),
        "review_group_plan": ActionPlan.objects.visible_to(user).filter(rapid_review=rapid_review).first(),
        "review_group_can_record": can_record,
        "review_group_decision": decision,
        "review_group_decision_outdated": (
            decision is not None
            and has_recommendation
            and decision.agrees
            and decision.decision != meeting.recommendation
        ),
        "review_group_can_decide": has_recommendation
        and permissions.can_record_executive_decision(user, rapid_review),
    }


urlpatterns = [
    path("<int:pk>/review-group/", review_group_meeting, name="review-group"),
    path("<int:pk>/immediate-actions/add/", immediate_action_add, name="immediate-action-add"),
    path("<int:pk>/executive-decision/", executive_decision, name="executive-decision"),
]
