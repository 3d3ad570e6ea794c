"""The names a review declares for the anonymisation check: pseudonyms (with the real name each stands
for) and names published by design (with the reason). Listed, added and removed by the business manager;
the partnership's decision makers may read them."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods, require_POST

from cspr import permissions
from cspr.audit.log import viewed

from ..actions.anonymising import do_declare_name, do_remove_declared_name
from ..forms import DeclaredNameForm
from ..models import DeclaredName
from .common import review_for


@require_http_methods(["GET", "HEAD", "POST"])
def declared_names(request, pk):
    allowed = (
        permissions.can_prepare_publication if request.method == "POST" else permissions.can_view_publication
    )
    review = review_for(request, pk, allowed)
    names = list(
        DeclaredName.objects.visible_to(request.user)
        .filter(practice_review=review)
        .select_related("created_by")
    )
    can_prepare = permissions.can_prepare_publication(request.user, review)
    form = None
    if can_prepare:
        form = DeclaredNameForm(
            request.POST if request.method == "POST" else None, taken={row.name for row in names}
        )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        do_declare_name(
            review,
            kind=data["kind"],
            name=data["name"],
            stands_for=data["stands_for"].strip(),
            reason=data["reason"].strip(),
            acting_user=request.user,
            request=request,
        )
        messages.success(request, f"{data['name']} added: check the documents again to use it")
        return redirect("publication:declared-names", pk=review.pk)
    viewed(request, review)
    context = {
        "practice_review": review,
        "pseudonyms": [row for row in names if row.kind == "pseudonym"],
        "allowed_names": [row for row in names if row.kind == "allowed"],
        "form": form,
        "can_prepare": can_prepare,
    }
    return render(request, "publication/declared_names.html", context)


@require_POST
def declared_name_remove(request, pk, name_pk):
    review = review_for(request, pk, permissions.can_prepare_publication)
    declared = get_object_or_404(
        DeclaredName.objects.visible_to(request.user).filter(practice_review=review), pk=name_pk
    )
    name = declared.name
    do_remove_declared_name(declared, acting_user=request.user, request=request)
    messages.success(request, f"{name} removed: check the documents again")
    return redirect("publication:declared-names", pk=review.pk)


urlpatterns = [
    path("<int:pk>/anonymisation/names/", declared_names, name="declared-names"),
    path(
        "<int:pk>/anonymisation/names/<int:name_pk>/remove/",
        declared_name_remove,
        name="declared-name-remove",
    ),
]
