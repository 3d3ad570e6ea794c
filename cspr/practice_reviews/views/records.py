"""The practice review record: commissioning it (from a rapid review or not), its details and terms of
reference, its summary and stage deadlines on the status page, and its place on the rapid review's page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from cspr import permissions
from cspr.audit.log import viewed
from cspr.core.templatetags.govuk import govuk_date
from cspr.incidents.models import Incident
from cspr.library.models import Theme
from cspr.rapid_reviews.lists import decision_of
from cspr.rapid_reviews.models import PanelResponseKind, RapidReview, Recommendation

from ..actions.records import (
    do_commission_practice_review,
    do_record_terms_of_reference,
    do_update_practice_review,
)
from ..deadlines import PREFETCH, SELECT, overdue, review_deadlines
from ..forms.records import CommissionForm, NewReviewForm, ReviewDetailsForm, TermsForm
from ..models import PracticeReview, ReviewKind, Stage

# The commissioning page offers at most this many of the partnership's other rapid reviews (most recent).
FURTHER_RAPID_REVIEWS_LIMIT = 50
# The "new review" page offers at most this many of the partnership's incidents (most recent).
INCIDENTS_LIMIT = 100
PANEL_NAME = "Child Safeguarding Practice Review Panel"


def commissioned_kind(rapid_review) -> str | None:
    """The kind of review the rapid review's outcome calls for: a national review when the Panel said it
    will carry one out, otherwise what the executive decided (None for no further review, or no decision)."""
    response = getattr(rapid_review, "panel_response", None)
    if response is not None and response.response == PanelResponseKind.NATIONAL_REVIEW:
        return ReviewKind.NATIONAL_REVIEW
    decision = getattr(rapid_review, "executive_decision", None)
    if decision is None:
        return None
    return {
        Recommendation.LOCAL_CSPR: ReviewKind.LOCAL_CSPR,
        Recommendation.OTHER_LEARNING_REVIEW: ReviewKind.LEARNING_REVIEW,
    }.get(decision.decision)


def _decision_initial(rapid_review, kind: str) -> dict:
    """The commissioning form's defaults: the Panel's response for a national review, else the executive's
    decision."""
    if kind == ReviewKind.NATIONAL_REVIEW:
        return {
            "kind": kind,
            "decided_on": rapid_review.panel_response.responded_on,
            "decided_by": PANEL_NAME,
        }
    decision = rapid_review.executive_decision
    who = decision.decided_by_name
    if decision.decided_by_role:
        who = f"{who}, {decision.decided_by_role}"
    return {
        "kind": kind,
        "decided_on": decision.decided_on,
        "decided_by": who,
        "decision_notes": decision.rationale,
    }


def _open_reviews_of(user, rapid_review):
    """The practice reviews already commissioned from this rapid review (withdrawn ones aside)."""
    return PracticeReview.objects.visible_to(user).filter(
        rapid_reviews=rapid_review, withdrawn_on__isnull=True
    )


# On other pages ----------------------------------------------------------------------------------------


def section(request, practice_review) -> dict:
    """The status page's summary and stage deadlines (the page has checked the user may see the review)."""
    user = request.user
    review = (
        PracticeReview.objects.visible_to(user)
        .select_related(*SELECT)
        .prefetch_related(*PREFETCH)
        .get(pk=practice_review.pk)
    )
    deadlines = review_deadlines(review)
    visible_rapid_reviews = set(
        RapidReview.objects.visible_to(user).filter(practice_reviews=review).values_list("pk", flat=True)
    )
    visible_incidents = set(
        Incident.objects.visible_to(user).filter(practice_reviews=review).values_list("pk", flat=True)
    )
    rapid_reviews = [
        {
            "reference": rapid_review.incident.reference,
            "url": rapid_review.get_absolute_url()
            if rapid_review.pk in visible_rapid_reviews
            and permissions.can_view_rapid_review(user, rapid_review)
            else "",
        }
        for rapid_review in review.rapid_reviews.select_related("incident", "partnership").order_by("pk")
    ]
    incidents = [
        {
            "reference": incident.reference,
            "url": incident.get_absolute_url() if incident.pk in visible_incidents else "",
        }
        for incident in review.incidents.order_by("reference")
    ]
    manages = permissions.can_manage_practice_review(user, review)
    return {
        "records_deadlines": deadlines,
        "records_late": overdue(deadlines),
        "records_rapid_reviews": rapid_reviews,
        "records_incidents": incidents,
        "records_themes": list(review.themes.all()),
        "records_edit_url": reverse("practice_reviews:edit", args=[review.pk]) if manages else "",
        "records_terms_url": reverse("practice_reviews:terms", args=[review.pk]) if manages else "",
    }


def rapid_review_section(request, rapid_review) -> dict:
    """On the rapid review's page: the practice reviews commissioned from it and, to the business manager
    when the outcome calls for one and none is open, the way to commission it."""
    user = request.user
    linked = list(PracticeReview.objects.visible_to(user).filter(rapid_reviews=rapid_review).order_by("pk"))
    kind = commissioned_kind(rapid_review)
    may_commission = (
        kind is not None
        and permissions.can_commission_practice_review(user)
        and permissions.can_view_rapid_review(user, rapid_review)
        and not any(review.withdrawn_on is None for review in linked)
    )
    return {
        "practice_reviews_linked": linked,
        "practice_reviews_commission_url": reverse("practice_reviews:commission", args=[rapid_review.pk])
        if may_commission
        else "",
        "practice_reviews_commission_kind": ReviewKind(kind).label if may_commission else "",
    }


# Commissioning -----------------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def practice_review_commission(request, rapid_review_pk):
    """Record the decision to initiate the review the rapid review called for."""
    user = request.user
    rapid_review = get_object_or_404(
        RapidReview.objects.visible_to(user).select_related(
            "incident", "partnership", "executive_decision", "panel_response"
        ),
        pk=rapid_review_pk,
    )
    if not (
        permissions.can_commission_practice_review(user)
        and permissions.can_view_rapid_review(user, rapid_review)
    ):
        raise PermissionDenied
    kind = commissioned_kind(rapid_review)
    if kind is None:
        messages.error(
            request,
            "There is no review to commission: the executive has not decided on a practice or learning "
            "review, and the Panel has not taken a national review",
        )
        return redirect(rapid_review)
    existing = _open_reviews_of(user, rapid_review).first()
    if existing is not None:
        messages.info(request, f"Practice review {existing.reference} has already been commissioned")
        return redirect(existing)
    further = (
        RapidReview.objects.visible_to(user)
        .filter(partnership=rapid_review.partnership)
        .exclude(pk=rapid_review.pk)
        .select_related("incident", "executive_decision", "meeting")
        .order_by("-notified_on", "-pk")[:FURTHER_RAPID_REVIEWS_LIMIT]
    )
    further_by_pk = {str(other.pk): other for other in further}
    choices = [
        (pk, f"Incident {other.incident.reference}: {decision_of(other) or 'not decided yet'}")
        for pk, other in further_by_pk.items()
    ]
    today = timezone.localdate()
    form = CommissionForm(
        request.POST if request.method == "POST" else None,
        today=today,
        further_choices=choices,
        initial=_decision_initial(rapid_review, kind),
    )
    if request.method == "POST" and form.is_valid():
        chosen = [further_by_pk[pk] for pk in form.cleaned_data.get("further_rapid_reviews", [])]
        review = do_commission_practice_review(
            rapid_review.partnership,
            fields=form.cleaned_data,
            rapid_reviews=[rapid_review, *chosen],
            acting_user=user,
            request=request,
        )
        messages.success(
            request,
            f"Practice review {review.reference} commissioned: appoint the independent reviewer and send "
            "the notices",
        )
        return redirect(review)
    viewed(request, rapid_review)
    context = {
        "form": form,
        "rapid_review": rapid_review,
        "decision": decision_of(rapid_review),
        "title": "Commission the review",
        "button": "Commission the review",
        "back_url": rapid_review.get_absolute_url(),
    }
    return render(request, "practice_reviews/records/commission.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def practice_review_new(request):
    """A local CSPR or learning review that did not come from a rapid review recorded in cspr."""
    user = request.user
    if not permissions.can_commission_practice_review(user):
        raise PermissionDenied
    incidents = {
        str(incident.pk): incident
        for incident in Incident.objects.visible_to(user).order_by("-aware_on", "-pk")[:INCIDENTS_LIMIT]
    }
    choices = [
        (pk, f"{incident.reference} (aware {govuk_date(incident.aware_on)})")
        for pk, incident in incidents.items()
    ]
    form = NewReviewForm(
        request.POST if request.method == "POST" else None,
        today=timezone.localdate(),
        incident_choices=choices,
        initial={"kind": ReviewKind.LEARNING_REVIEW},
    )
    if request.method == "POST" and form.is_valid():
        review = do_commission_practice_review(
            user.partnership,
            fields=form.cleaned_data,
            incidents=[incidents[pk] for pk in form.cleaned_data.get("incidents", [])],
            acting_user=user,
            request=request,
        )
        messages.success(request, f"{review.get_kind_display()} {review.reference} recorded")
        return redirect(review)
    context = {
        "form": form,
        "title": "Record a review not from a rapid review",
        "button": "Record the review",
        "back_url": reverse("practice_reviews:list"),
    }
    return render(request, "practice_reviews/records/form.html", context)


# Details and terms of reference ------------------------------------------------------------------------


def _managed_review(request, pk) -> PracticeReview:
    user = request.user
    review = get_object_or_404(PracticeReview.objects.visible_to(user).select_related("partnership"), pk=pk)
    if not permissions.can_manage_practice_review(user, review):
        raise PermissionDenied
    return review


@require_http_methods(["GET", "HEAD", "POST"])
def practice_review_edit(request, pk):
    review = _managed_review(request, pk)
    themes = Theme.objects.filter(is_active=True) | Theme.objects.filter(practice_reviews=review)
    theme_choices = list(themes.distinct().order_by("label").values_list("pk", "label"))
    initial = {
        "title": review.title,
        "decided_on": review.decided_on,
        "decided_by": review.decided_by,
        "decision_notes": review.decision_notes,
        "planned_publication_on": review.planned_publication_on,
        "themes": [str(pk) for pk in review.themes.values_list("pk", flat=True)],
        "public_summary": review.public_summary,
    }
    form = ReviewDetailsForm(
        request.POST if request.method == "POST" else None,
        today=timezone.localdate(),
        theme_choices=theme_choices,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        do_update_practice_review(
            review,
            fields=form.cleaned_data,
            theme_ids=[int(pk) for pk in form.cleaned_data["themes"]],
            acting_user=request.user,
            request=request,
        )
        messages.success(request, "Review details saved")
        return redirect(review)
    viewed(request, review)
    context = {
        "form": form,
        "practice_review": review,
        "title": "Review details",
        "button": "Save",
        "back_url": review.get_absolute_url(),
    }
    return render(request, "practice_reviews/records/form.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def practice_review_terms(request, pk):
    review = _managed_review(request, pk)
    initial = {
        "scope_start_on": review.scope_start_on,
        "scope_end_on": review.scope_end_on,
        "key_lines_of_enquiry": review.key_lines_of_enquiry,
        "methodology": review.methodology,
        "methodology_other": review.methodology_other,
        "terms_agreed_on": review.terms_agreed_on,
    }
    form = TermsForm(
        request.POST if request.method == "POST" else None,
        today=timezone.localdate(),
        decided_on=review.decided_on,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        review = do_record_terms_of_reference(
            review, fields=form.cleaned_data, acting_user=request.user, request=request
        )
        if review.terms_agreed_on is None:
            messages.success(request, "Draft terms of reference saved")
        elif review.stage == Stage.COMMISSIONING and review.kind != ReviewKind.NATIONAL_REVIEW:
            messages.success(
                request, "Terms of reference agreed: the review starts once a reviewer declares no conflict"
            )
        else:
            messages.success(request, "Terms of reference agreed")
        return redirect(review)
    viewed(request, review)
    context = {
        "form": form,
        "practice_review": review,
        "title": "Terms of reference",
        "button": "Save terms of reference",
        "back_url": review.get_absolute_url(),
    }
    return render(request, "practice_reviews/records/form.html", context)


urlpatterns = [
    path("commission/<int:rapid_review_pk>/", practice_review_commission, name="commission"),
    path("new/", practice_review_new, name="new"),
    path("<int:pk>/edit/", practice_review_edit, name="edit"),
    path("<int:pk>/terms/", practice_review_terms, name="terms"),
]
