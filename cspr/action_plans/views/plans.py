"""Plans and recommendations: starting a plan for a review, the plan page, and writing its
recommendations and the agencies' actions under them.

Everyone who may see the plan reads its page; agency leads see only their own agency's actions and the
recommendations addressed to it (`visible_to`). The business manager and the review group write the
plan (`permissions.can_edit_plan`); an assured action is no longer changed (`can_edit_action`).
"""

from collections import Counter

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from cspr import permissions
from cspr.audit.log import viewed
from cspr.deadlines.clock import current_calendar
from cspr.library.models import Theme
from cspr.partnerships.models import Agency
from cspr.practice_reviews.models import PracticeReview
from cspr.rapid_reviews.models import RapidReview

from .. import rules
from ..actions.plans import (
    RecommendationInUse,
    do_remove_recommendation,
    do_save_action,
    do_save_recommendation,
    removal_error,
)
from ..actions.starting import do_start_plan
from ..forms.plans import NATIONAL_REPORT, ActionForm, NewPlanForm, RecommendationForm
from ..models import Action, Recommendation
from .access import action_for, plan_for, recommendation_for

# The "start a plan" page offers at most this many of each kind of review without a plan (most recent).
REVIEWS_LIMIT = 50


# Starting a plan ---------------------------------------------------------------------------------------


def _preselected(request, user):
    """The review named by ?rapid_review= or ?practice_review= (404 if the user cannot see it)."""
    for name, model in (("rapid_review", RapidReview), ("practice_review", PracticeReview)):
        pk = request.GET.get(name, "")
        if pk:
            if not pk.isdigit():
                raise Http404("No such review")
            return name, get_object_or_404(model.objects.visible_to(user), pk=pk)
    return None, None


def _reviews_without_plan(user, preselected) -> dict:
    """ "rapid_review-<pk>"/"practice_review-<pk>" -> (kind, review) for the reviews the plan may answer."""
    rapid_reviews = (
        RapidReview.objects.visible_to(user)
        .filter(partnership_id=user.partnership_id, action_plan__isnull=True)
        .select_related("incident")
        .order_by("-notified_on", "-pk")[:REVIEWS_LIMIT]
    )
    practice_reviews = (
        PracticeReview.objects.visible_to(user)
        .filter(partnership_id=user.partnership_id, action_plan__isnull=True, withdrawn_on__isnull=True)
        .order_by("-decided_on", "-pk")[:REVIEWS_LIMIT]
    )
    found = {f"practice_review-{review.pk}": ("practice_review", review) for review in practice_reviews}
    found |= {f"rapid_review-{review.pk}": ("rapid_review", review) for review in rapid_reviews}
    if preselected is not None:
        kind, review = preselected
        found.setdefault(f"{kind}-{review.pk}", preselected)
    return found


def _review_label(kind: str, review) -> str:
    if kind == "rapid_review":
        return f"Rapid review of incident {review.incident.reference}"
    return f"{review.get_kind_display()} {review.reference}: {review.title}"


@require_http_methods(["GET", "HEAD", "POST"])
def new_plan(request):
    user = request.user
    if not permissions.can_write_action_plans(user):
        raise PermissionDenied
    kind, review = _preselected(request, user)
    if review is not None and getattr(review, "action_plan", None) is not None:
        messages.info(request, "This review already has an action plan")
        return redirect(review.action_plan)
    reviews = _reviews_without_plan(user, (kind, review) if review is not None else None)
    form = NewPlanForm(
        request.POST if request.method == "POST" else None,
        today=timezone.localdate(),
        review_choices=[(value, _review_label(*found)) for value, found in reviews.items()],
        initial={"review": f"{kind}-{review.pk}"} if review is not None else {},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        source = {}
        if data["review"] != NATIONAL_REPORT:
            chosen_kind, chosen = reviews[data["review"]]
            source[chosen_kind] = chosen
        plan = do_start_plan(
            user.partnership,
            agreed_on=data["agreed_on"],
            acting_user=user,
            request=request,
            national_report=data["national_report"].strip(),
            national_report_url=data["national_report_url"],
            **source,
        )
        messages.success(request, "Action plan started: add the review's recommendations")
        return redirect(plan)
    context = {
        "form": form,
        "title": "Start an action plan",
        "lead": "An action plan holds a review's recommendations and what each agency will change.",
        "button": "Start the action plan",
        "back_url": reverse("action_plans:dashboard"),
    }
    return render(request, "action_plans/plans/form.html", context)


# The plan page -----------------------------------------------------------------------------------------


def _source_url(user, plan) -> str:
    """A link to the review the plan answers, when the user may read it."""
    if plan.rapid_review_id:
        rapid_review = RapidReview.objects.visible_to(user).filter(pk=plan.rapid_review_id).first()
        if rapid_review is not None and permissions.can_view_rapid_review(user, rapid_review):
            return rapid_review.get_absolute_url()
        return ""
    if plan.practice_review_id:
        review = PracticeReview.objects.visible_to(user).filter(pk=plan.practice_review_id).first()
        return review.get_absolute_url() if review is not None else ""
    return plan.national_report_url


def _status_counts(actions, today) -> list[dict]:
    counts = Counter(rules.display_status(action.status, action.due_on, today) for action in actions)
    return [
        {
            "label": rules.STATUS_LABELS[status],
            "colour": rules.STATUS_COLOURS[status],
            "count": counts[status],
        }
        for status in rules.DISPLAY_STATUSES
    ]


@require_safe
def plan(request, pk):
    user = request.user
    plan = plan_for(request, pk)
    if not permissions.can_view_action_plans(user):
        raise PermissionDenied
    today, calendar = timezone.localdate(), current_calendar()
    actions = list(
        Action.objects.visible_to(user)
        .filter(recommendation__plan=plan)
        .select_related("agency")
        .order_by("recommendation__number", "agency__name", "pk")
    )
    by_recommendation: dict[int, list[dict]] = {}
    for action in actions:
        shown = rules.display_status(action.status, action.due_on, today)
        by_recommendation.setdefault(action.recommendation_id, []).append(
            {
                "action": action,
                "status_label": rules.STATUS_LABELS[shown],
                "status_colour": rules.STATUS_COLOURS[shown],
                "timing": rules.deadline_timing(action.status, action.due_on, today, calendar),
                "can_edit": permissions.can_edit_action(user, action),
            }
        )
    recommendations = (
        Recommendation.objects.visible_to(user).filter(plan=plan).prefetch_related("agencies", "themes")
    )
    viewed(request, plan)
    context = {
        "plan": plan,
        "source_url": _source_url(user, plan),
        "status_counts": _status_counts(actions, today),
        "action_count": len(actions),
        "recommendations": [
            {"recommendation": recommendation, "actions": by_recommendation.get(recommendation.pk, [])}
            for recommendation in recommendations
        ],
        "can_edit": permissions.can_edit_plan(user, plan),
        "agency_only": user.agency_id is not None,
        "can_download_report": permissions.can_download_progress_report(user, plan),
        "can_export": permissions.can_export_action_plans(user),
    }
    return render(request, "action_plans/plans/plan.html", context)


# Recommendations ---------------------------------------------------------------------------------------


def _editable_plan(request, pk):
    plan = plan_for(request, pk)
    if not permissions.can_edit_plan(request.user, plan):
        raise PermissionDenied
    return plan


def _editable_recommendation(request, pk) -> Recommendation:
    recommendation = recommendation_for(request, pk)
    if not permissions.can_edit_plan(request.user, recommendation.plan):
        raise PermissionDenied
    return recommendation


def _agencies(request, plan, recommendation: Recommendation | None):
    """The partnership's active agencies, and any inactive one the recommendation is addressed to."""
    agencies = Agency.objects.visible_to(request.user).filter(partnership_id=plan.partnership_id)
    if recommendation is None:
        return agencies.filter(is_active=True)
    return agencies.filter(is_active=True) | agencies.filter(recommendations=recommendation)


def _recommendation_page(request, plan, recommendation: Recommendation | None):
    themes = Theme.objects.filter(is_active=True)
    numbers = Recommendation.objects.visible_to(request.user).filter(plan=plan)
    if recommendation is None:
        initial = {"number": max(numbers.values_list("number", flat=True), default=0) + 1}
        with_actions = {}
    else:
        themes = themes | Theme.objects.filter(recommendations=recommendation)
        numbers = numbers.exclude(pk=recommendation.pk)
        initial = {
            "number": recommendation.number,
            "kind": recommendation.kind,
            "text": recommendation.text,
            "agencies": [str(pk) for pk in recommendation.agencies.values_list("pk", flat=True)],
            "themes": [str(pk) for pk in recommendation.themes.values_list("pk", flat=True)],
            "due_on": recommendation.due_on,
        }
        with_actions = dict(
            Agency.objects.visible_to(request.user)
            .filter(plan_actions__recommendation=recommendation)
            .values_list("pk", "name")
        )
    form = RecommendationForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        calendar=current_calendar(),
        agency_choices=list(_agencies(request, plan, recommendation).distinct().values_list("pk", "name")),
        theme_choices=list(themes.distinct().order_by("label").values_list("pk", "label")),
        numbers_taken=numbers.values_list("number", flat=True),
        agencies_with_actions=with_actions,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        recommendation = do_save_recommendation(
            plan,
            recommendation,
            fields={name: data[name] for name in ("number", "kind", "text", "due_on")},
            agency_ids=data["agencies"],
            theme_ids=data.get("themes", []),
            acting_user=request.user,
            request=request,
        )
        messages.success(request, f"{recommendation} saved")
        return redirect(recommendation)
    if recommendation is not None:
        viewed(request, recommendation)
    context = {
        "form": form,
        "plan": plan,
        "title": "Add a recommendation" if recommendation is None else f"Change {recommendation}",
        "button": "Save the recommendation",
        "back_url": plan.get_absolute_url(),
    }
    return render(request, "action_plans/plans/form.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def new_recommendation(request, pk):
    return _recommendation_page(request, _editable_plan(request, pk), None)


@require_http_methods(["GET", "HEAD", "POST"])
def edit_recommendation(request, pk):
    recommendation = _editable_recommendation(request, pk)
    return _recommendation_page(request, recommendation.plan, recommendation)


@require_http_methods(["GET", "HEAD", "POST"])
def remove_recommendation(request, pk):
    """A confirmation page; refused once an agency has reported on any of its actions."""
    recommendation = _editable_recommendation(request, pk)
    plan = recommendation.plan
    error = removal_error(recommendation)
    if request.method == "POST" and not error:
        try:
            do_remove_recommendation(recommendation, acting_user=request.user, request=request)
        except RecommendationInUse as refused:
            error = str(refused)
        else:
            messages.success(request, f"{recommendation} removed from the action plan")
            return redirect(plan)
    viewed(request, recommendation)
    context = {
        "plan": plan,
        "recommendation": recommendation,
        "action_count": Action.objects.visible_to(request.user).filter(recommendation=recommendation).count(),
        "error": error,
        "back_url": plan.get_absolute_url(),
    }
    return render(request, "action_plans/plans/remove_recommendation.html", context)


# Actions -----------------------------------------------------------------------------------------------


def _agency_choices(request, recommendation) -> tuple[list, dict]:
    """Grouped choices (the recommendation's agencies first, then the partnership's other active ones)
    and the agencies by pk."""
    plan = recommendation.plan
    addressed = list(recommendation.agencies.order_by("name"))
    others = list(
        _agencies(request, plan, None).exclude(pk__in=[agency.pk for agency in addressed]).order_by("name")
    )
    choices = [("Addressed by the recommendation", [(agency.pk, agency.name) for agency in addressed])]
    if others:
        choices.append(
            (
                "Other agencies (the recommendation will be addressed to them too)",
                [(agency.pk, agency.name) for agency in others],
            )
        )
    return choices, {agency.pk: agency for agency in [*addressed, *others]}


def _action_page(request, recommendation, action: Action | None):
    plan = recommendation.plan
    agencies = {}
    agency_choices = None
    if action is None:
        agency_choices, agencies = _agency_choices(request, recommendation)
        initial = {}
    else:
        initial = {name: getattr(action, name) for name in ("what_will_change", "owner", "success_measure")}
        if action.due_working_days is not None:
            initial["due_working_days"] = action.due_working_days
        else:
            initial["due_on"] = action.due_on
    form = ActionForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        agreed_on=plan.agreed_on,
        calendar=current_calendar(),
        agency_choices=agency_choices,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {
            name: data[name]
            for name in ("what_will_change", "owner", "due_on", "due_working_days", "success_measure")
        }
        saved = do_save_action(
            recommendation,
            action,
            fields=fields,
            agency=agencies.get(data["agency"]) if action is None else None,
            acting_user=request.user,
            request=request,
        )
        messages.success(request, f"Action for {saved.agency.name} saved")
        return redirect(recommendation)
    if action is not None:
        viewed(request, action)
    context = {
        "form": form,
        "plan": plan,
        "recommendation": recommendation,
        "action": action,
        "title": "Add an action" if action is None else f"Change the action of {action.agency.name}",
        "button": "Save the action",
        "back_url": recommendation.get_absolute_url(),
    }
    return render(request, "action_plans/plans/form.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def new_action(request, pk):
    return _action_page(request, _editable_recommendation(request, pk), None)


@require_http_methods(["GET", "HEAD", "POST"])
def edit_action(request, pk):
    action = action_for(request, pk)
    if not permissions.can_edit_action(request.user, action):
        raise PermissionDenied
    return _action_page(request, action.recommendation, action)


urlpatterns = [
    path("new/", new_plan, name="new_plan"),
    path("<int:pk>/", plan, name="plan"),
    path("<int:pk>/recommendations/new/", new_recommendation, name="new_recommendation"),
    path("recommendations/<int:pk>/edit/", edit_recommendation, name="edit_recommendation"),
    path("recommendations/<int:pk>/remove/", remove_recommendation, name="remove_recommendation"),
    path("recommendations/<int:pk>/actions/new/", new_action, name="new_action"),
    path("actions/<int:pk>/edit/", edit_action, name="edit_action"),
]
