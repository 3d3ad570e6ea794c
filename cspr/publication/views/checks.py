"""The anonymisation check (run it, read the findings in context), the executive's override of findings,
and the executive's waiver of a publication gate."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods

from cspr import permissions
from cspr.audit.log import viewed

from ..actions.preparing import do_override_check, do_run_anonymisation_check, do_waive_gate
from ..checks import subject_label, subject_outcomes
from ..forms import ReasonForm
from ..gates import GATES_BY_KIND
from ..models import AnonymisationCheck, CheckOutcome, Gate
from .common import prepare_url, review_for

OUTCOME_COLOURS = {CheckOutcome.PASSED: "green", CheckOutcome.FOUND: "red", CheckOutcome.OVERRIDDEN: "yellow"}


@require_http_methods(["GET", "HEAD", "POST"])
def anonymisation(request, pk):
    """GET: the latest findings of each document; POST (business manager): check everything again."""
    allowed = (
        permissions.can_prepare_publication if request.method == "POST" else permissions.can_view_publication
    )
    review = review_for(request, pk, allowed)
    if request.method == "POST":
        checks = do_run_anonymisation_check(review, acting_user=request.user, request=request)
        found = sum(len(check.findings) for check in checks)
        if not checks:
            messages.warning(request, "There is nothing to check yet: upload the documents to publish first")
        elif found:
            messages.warning(
                request, f"The check found {found} possible identifying detail{'s' if found != 1 else ''}"
            )
        else:
            messages.success(request, "The check found nothing identifying")
        return redirect("publication:anonymisation", pk=review.pk)
    rows = [
        {
            "label": label,
            "check": check,
            "stale": check is not None and outcome is None,
            "colour": OUTCOME_COLOURS.get(check.outcome, "") if check else "",
        }
        for label, outcome, check in subject_outcomes(review)
    ]
    viewed(request, review)
    context = {
        "practice_review": review,
        "rows": rows,
        "can_run": permissions.can_prepare_publication(request.user, review),
        "can_override": permissions.can_override_anonymisation_check(request.user, review),
        "found": CheckOutcome.FOUND,
    }
    return render(request, "publication/anonymisation.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def anonymisation_override(request, pk, check_pk):
    review = review_for(request, pk, permissions.can_override_anonymisation_check)
    check = get_object_or_404(
        AnonymisationCheck.objects.visible_to(request.user).filter(
            practice_review=review, outcome=CheckOutcome.FOUND
        ),
        pk=check_pk,
    )
    form = ReasonForm(
        request.POST if request.method == "POST" else None,
        label="Why may these details be published?",
        hint="For example: the phone number is the partnership's own switchboard",
        required_message="Enter the reason the findings may be published",
    )
    if request.method == "POST" and form.is_valid():
        do_override_check(
            check, reason=form.cleaned_data["reason"], acting_user=request.user, request=request
        )
        messages.success(request, f"Findings in the {subject_label(check.subject).lower()} overridden")
        return redirect("publication:anonymisation", pk=review.pk)
    viewed(request, review)
    context = {
        "practice_review": review,
        "form": form,
        "title": f"Override the findings in the {subject_label(check.subject).lower()}",
        "button": "Override the findings",
        "findings": check.findings,
        "back_url": prepare_url(review),
    }
    return render(request, "publication/reason.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def waive(request, pk, gate):
    review = review_for(request, pk, permissions.can_waive_publication_gate)
    if gate not in GATES_BY_KIND[review.kind]:
        raise Http404
    gate = Gate(gate)
    form = ReasonForm(
        request.POST if request.method == "POST" else None,
        label="Why may the review be published without this?",
        hint="Recorded with your name and shown on the publication page",
        required_message="Enter the reason for waiving this before publication",
    )
    if request.method == "POST" and form.is_valid():
        do_waive_gate(
            review, gate=gate, reason=form.cleaned_data["reason"], acting_user=request.user, request=request
        )
        messages.success(request, f"Waived before publication: {gate.label.lower()}")
        return redirect(prepare_url(review))
    viewed(request, review)
    context = {
        "practice_review": review,
        "form": form,
        "title": f"Waive: {gate.label.lower()}",
        "button": "Waive",
        "back_url": prepare_url(review),
    }
    return render(request, "publication/reason.html", context)


urlpatterns = [
    path("<int:pk>/anonymisation/", anonymisation, name="anonymisation"),
    path(
        "<int:pk>/anonymisation/<int:check_pk>/override/",
        anonymisation_override,
        name="anonymisation-override",
    ),
    path("<int:pk>/waivers/<str:gate>/", waive, name="waive"),
]
