"""The Panel's side: its response to a rapid review (which the partnership reads on the rapid review's page),
and the thematic reviews it groups incidents under."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from cspr import permissions
from cspr.audit.log import viewed
from cspr.core.pages import form_page
from cspr.incidents.models import Child, Incident
from cspr.partnerships.models import Partnership

from ..actions.panel import (
    do_add_incidents_to_thematic_review,
    do_record_panel_response,
    do_remove_incident_from_thematic_review,
    do_save_thematic_review,
)
from ..forms.panel import (
    IncidentByReferenceForm,
    PanelResponseForm,
    PickFilterForm,
    PickIncidentsForm,
    ThematicReviewForm,
)
from ..lists import AWAITING, decision_filter, decision_of
from ..models import PanelResponse, RapidReview, ThematicReview

# The add page offers at most this many rapid reviews at once; a filter narrows the rest.
PICK_LIMIT = 50


def section(request, rapid_review) -> dict:
    """The Panel's response on the rapid review's page: two queries once it is sent, none before."""
    user = request.user
    response, thematic_reviews = None, []
    if rapid_review.is_sent:
        response = PanelResponse.objects.visible_to(user).filter(rapid_review=rapid_review).first()
        thematic_reviews = list(ThematicReview.objects.filter(incidents=rapid_review.incident_id))
    can_respond = permissions.can_respond_to_rapid_review(user, rapid_review)
    return {
        "panel_response": response,
        "panel_thematic_reviews": thematic_reviews,
        "panel_links_thematic_reviews": permissions.can_manage_thematic_reviews(user),
        "panel_response_url": reverse("rapid_reviews:panel-response", args=[rapid_review.pk])
        if can_respond
        else "",
    }


# The Panel's response ---------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def panel_response(request, pk):
    """Record the Panel's response to a rapid review sent to it, or correct the one recorded."""
    user = request.user
    rapid_review = get_object_or_404(
        RapidReview.objects.visible_to(user).select_related(
            "incident", "partnership", "executive_decision", "meeting"
        ),
        pk=pk,
    )
    if not permissions.can_respond_to_rapid_review(user, rapid_review):
        raise PermissionDenied
    existing = PanelResponse.objects.visible_to(user).filter(rapid_review=rapid_review).first()
    initial = None
    if existing is not None:
        initial = {
            "response": existing.response,
            "reasons": existing.reasons,
            "responded_on": existing.responded_on,
        }
    form = PanelResponseForm(
        request.POST if request.method == "POST" else None, sent_on=rapid_review.sent_on, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        recorded = do_record_panel_response(
            rapid_review, **form.cleaned_data, acting_user=user, request=request
        )
        verb = "corrected" if existing is not None else "recorded"
        messages.success(
            request,
            f"The Panel's response ({recorded.get_response_display().lower()}) {verb}: "
            f"{rapid_review.partnership.name} has been told by email",
        )
        return redirect(rapid_review)
    viewed(request, rapid_review)
    context = {
        "form": form,
        "rapid_review": rapid_review,
        "incident": rapid_review.incident,
        "children": Child.objects.visible_to(user).filter(incident=rapid_review.incident),
        "correcting": existing is not None,
    }
    return render(request, "rapid_reviews/panel/response.html", context)


# Thematic reviews -------------------------------------------------------------------------------------


def _require_thematic(user) -> None:
    if not permissions.can_manage_thematic_reviews(user):
        raise PermissionDenied


def _sent_rapid_reviews(user):
    """The rapid reviews the Panel received: the only incidents a thematic review may group."""
    return RapidReview.objects.visible_to(user).select_related(
        "incident", "partnership", "executive_decision"
    )


@require_safe
def thematic_review_list(request):
    _require_thematic(request.user)
    reviews = ThematicReview.objects.annotate(incident_count=Count("incidents"))
    return render(request, "rapid_reviews/panel/thematic_list.html", {"thematic_reviews": reviews})


@require_http_methods(["GET", "HEAD", "POST"])
def thematic_review_create(request):
    _require_thematic(request.user)
    form = ThematicReviewForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        review = do_save_thematic_review(form.instance, acting_user=request.user, request=request)
        messages.success(request, f"Thematic review {review.title} created: add the incidents it looks at")
        return redirect(review)
    return form_page(
        request,
        form,
        title="Create a thematic review",
        button="Create thematic review",
        back_url=reverse("rapid_reviews:thematic-reviews"),
    )


@require_http_methods(["GET", "HEAD", "POST"])
def thematic_review_edit(request, pk):
    _require_thematic(request.user)
    review = get_object_or_404(ThematicReview, pk=pk)
    form = ThematicReviewForm(request.POST if request.method == "POST" else None, instance=review)
    if request.method == "POST" and form.is_valid():
        do_save_thematic_review(form.instance, acting_user=request.user, request=request)
        messages.success(request, "Thematic review saved")
        return redirect(review)
    return form_page(
        request,
        form,
        title=f"Change the thematic review {review.title}",
        button="Save",
        back_url=review.get_absolute_url(),
    )


@require_safe
def thematic_review_detail(request, pk):
    user = request.user
    _require_thematic(user)
    review = get_object_or_404(ThematicReview, pk=pk)
    incidents = (
        Incident.objects.visible_to(user)
        .filter(thematic_reviews=review)
        .select_related("partnership", "rapid_review__executive_decision", "rapid_review__meeting")
        .prefetch_related(Prefetch("children", queryset=Child.objects.visible_to(user)))
        .order_by("partnership__name", "reference")
    )
    viewed(request, review)
    rows = [(incident, decision_of(getattr(incident, "rapid_review", None))) for incident in incidents]
    context = {"thematic_review": review, "rows": rows}
    return render(request, "rapid_reviews/panel/thematic_detail.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def thematic_review_add(request, pk):
    """Add incidents: ticked in a filtered list of rapid reviews received, or named by partnership and
    reference. Only incidents whose rapid review was sent to the Panel can be added."""
    user = request.user
    _require_thematic(user)
    review = get_object_or_404(ThematicReview, pk=pk)
    addable = _sent_rapid_reviews(user).exclude(incident__thematic_reviews=review)
    partnerships = list(
        Partnership.objects.filter(pk__in=addable.values("partnership_id")).values_list("pk", "name")
    )
    filter_form = PickFilterForm(request.GET or None, partnerships=partnerships)
    offered = _filtered(addable, filter_form.values()).order_by("partnership__name", "incident__reference")

    def find(partnership_id, reference):
        found = addable.filter(partnership_id=partnership_id, incident__reference=reference).first()
        return found.incident if found else None

    posted = request.POST if request.method == "POST" else None
    by_reference = "add_by_reference" in request.POST
    picking = posted is not None and not by_reference
    pick_form = PickIncidentsForm(
        posted if picking else None,
        incident_ids=addable.values_list("incident_id", flat=True) if picking else (),
    )
    reference_form = IncidentByReferenceForm(
        posted if by_reference else None, partnerships=partnerships, find=find
    )
    if request.method == "POST":
        form = reference_form if by_reference else pick_form
        if form.is_valid():
            if by_reference:
                chosen = [reference_form.incident]
            else:
                chosen = list(Incident.objects.visible_to(user).filter(pk__in=form.cleaned_data["incidents"]))
            do_add_incidents_to_thematic_review(review, chosen, acting_user=user, request=request)
            added = ", ".join(incident.reference for incident in chosen)
            messages.success(
                request, f"Added to {review.title}: incident{'s' if len(chosen) > 1 else ''} {added}"
            )
            return redirect(review)
    rows = list(
        offered.prefetch_related(Prefetch("incident__children", Child.objects.visible_to(user)))[
            : PICK_LIMIT + 1
        ]
    )
    context = {
        "thematic_review": review,
        "filter_form": filter_form,
        "pick_form": pick_form,
        "reference_form": reference_form,
        "rows": rows[:PICK_LIMIT],
        "more": len(rows) > PICK_LIMIT,
        "pick_limit": PICK_LIMIT,
        "has_partnerships": bool(partnerships),
    }
    return render(request, "rapid_reviews/panel/thematic_add.html", context)


def _filtered(rapid_reviews, values: dict):
    if "partnership" in values:
        rapid_reviews = rapid_reviews.filter(partnership_id=values["partnership"])
    if "recommendation" in values:
        rapid_reviews = rapid_reviews.filter(decision_filter(values["recommendation"]))
    if values.get("panel_response") == AWAITING:
        rapid_reviews = rapid_reviews.filter(panel_response__isnull=True)
    elif "panel_response" in values:
        rapid_reviews = rapid_reviews.filter(panel_response__response=values["panel_response"])
    if "reference" in values:
        rapid_reviews = rapid_reviews.filter(incident__reference__icontains=values["reference"])
    return rapid_reviews


@require_POST
def thematic_review_remove(request, pk, incident_pk):
    user = request.user
    _require_thematic(user)
    review = get_object_or_404(ThematicReview, pk=pk)
    incident = get_object_or_404(
        Incident.objects.visible_to(user).filter(thematic_reviews=review).select_related("partnership"),
        pk=incident_pk,
    )
    do_remove_incident_from_thematic_review(review, incident, acting_user=user, request=request)
    messages.success(
        request, f"Incident {incident.reference} of {incident.partnership.name} removed from {review.title}"
    )
    return redirect(review)


urlpatterns = [
    path("<int:pk>/panel-response/", panel_response, name="panel-response"),
    path("thematic-reviews/", thematic_review_list, name="thematic-reviews"),
    path("thematic-reviews/new/", thematic_review_create, name="thematic-review-create"),
    path("thematic-reviews/<int:pk>/", thematic_review_detail, name="thematic-review"),
    path("thematic-reviews/<int:pk>/change/", thematic_review_edit, name="thematic-review-edit"),
    path("thematic-reviews/<int:pk>/add/", thematic_review_add, name="thematic-review-add"),
    path(
        "thematic-reviews/<int:pk>/incidents/<int:incident_pk>/remove/",
        thematic_review_remove,
        name="thematic-review-remove",
    ),
]
