"""Partnership set-up pages: administrators create partnerships; business managers keep their agencies."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy

from cspr import permissions
from cspr.accounts.models import Role
from cspr.core.pages import form_page
from cspr.partnerships import actions
from cspr.partnerships.forms import AgencyForm, PartnershipForm
from cspr.partnerships.models import Agency, Partnership

_LIST = reverse_lazy("partnerships:list")


def get_partnership_for_user(user, slug: str, manage_agencies: bool = False) -> Partnership:
    """404 for a partnership the user may not see; 403 when they may see it but not change its agencies."""
    partnership = get_object_or_404(Partnership, slug=slug)
    if not permissions.can_view_partnership(user, partnership):
        raise Http404
    if manage_agencies and not permissions.can_manage_agencies(user, partnership):
        raise PermissionDenied
    return partnership


def partnership_list(request):
    if not permissions.can_manage_partnerships(request.user):
        raise PermissionDenied
    partnerships = Partnership.objects.prefetch_related("local_authorities", "agency_set")
    return render(request, "partnerships/list.html", {"partnerships": partnerships})


def partnership_create(request):
    if not permissions.can_manage_partnerships(request.user):
        raise PermissionDenied
    form = PartnershipForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        partnership = actions.do_save_partnership(form, acting_user=request.user, request=request)
        messages.success(request, f"{partnership.name} created")
        return redirect(partnership)
    return form_page(request, form, title="Add a partnership", button="Save partnership", back_url=_LIST)


def partnership_edit(request, slug):
    if not permissions.can_manage_partnerships(request.user):
        raise PermissionDenied
    partnership = get_object_or_404(Partnership, slug=slug)
    form = PartnershipForm(request.POST if request.method == "POST" else None, instance=partnership)
    if request.method == "POST" and form.is_valid():
        partnership = actions.do_save_partnership(form, acting_user=request.user, request=request)
        messages.success(request, "Partnership details saved")
        return redirect(partnership)
    return form_page(
        request, form, title=f"Change {partnership.name}", button="Save partnership", back_url=_LIST
    )


def partnership_detail(request, slug):
    partnership = get_partnership_for_user(request.user, slug)
    agencies = Agency.objects.visible_to(request.user).filter(partnership=partnership)
    context = {
        "partnership": partnership,
        "agencies": agencies,
        "can_manage_agencies": permissions.can_manage_agencies(request.user, partnership),
        "can_edit": permissions.can_manage_partnerships(request.user),
        "step_lengths_url": reverse("deadlines:step-lengths")
        if permissions.can_change_step_lengths(request.user)
        and permissions.is_member_of(request.user, partnership)
        else "",
        "people": partnership.users.filter(is_active=True).exclude(role=Role.INDEPENDENT_REVIEWER)
        if permissions.can_manage_agencies(request.user, partnership)
        else None,
    }
    return render(request, "partnerships/detail.html", context)


def agency_create(request, slug):
    partnership = get_partnership_for_user(request.user, slug, manage_agencies=True)
    form = AgencyForm(request.POST if request.method == "POST" else None, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        agency = actions.do_save_agency(form, acting_user=request.user, request=request)
        messages.success(request, f"{agency.name} added")
        return redirect(partnership)
    return form_page(
        request,
        form,
        title=f"Add an agency to {partnership.name}",
        button="Save agency",
        back_url=partnership.get_absolute_url(),
    )


def agency_edit(request, slug, pk):
    partnership = get_partnership_for_user(request.user, slug, manage_agencies=True)
    agency = get_object_or_404(Agency.objects.visible_to(request.user), partnership=partnership, pk=pk)
    form = AgencyForm(
        request.POST if request.method == "POST" else None, instance=agency, partnership=partnership
    )
    if request.method == "POST" and form.is_valid():
        actions.do_save_agency(form, acting_user=request.user, request=request)
        messages.success(request, "Agency details saved")
        return redirect(partnership)
    return form_page(
        request,
        form,
        title=f"Change {agency.name}",
        button="Save agency",
        back_url=partnership.get_absolute_url(),
    )
