"""Referrals (in cspr, or recorded from email, phone or letter), incident details, children and links.

A referral that looks like a case the partnership already holds stops at a duplicate warning. What the
referrer typed waits in the session (an attached original in private storage under
`referrals/pending/`) until they choose to add it to an incident or create a new one, so nothing is
typed twice. The warning lists only incidents the person may see: an agency lead is never told that
another agency's incident exists, and the business manager sees the match on the incident page.
"""

import secrets
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse, Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_safe

from cspr import permissions
from cspr.audit.log import viewed
from cspr.core.pages import form_page
from cspr.incidents import duplicates
from cspr.incidents.actions import incident as incident_actions
from cspr.incidents.actions.referral import (
    ReferralDetails,
    do_add_referral_to_incident,
    do_create_incident_from_referral,
)
from cspr.incidents.forms.incident import ChildForm, IncidentForm, LinkForm, next_pseudonym
from cspr.incidents.forms.referral import ChildFormSet, RecordReferralForm, ReferralForm
from cspr.incidents.models import Child, Incident, IncidentLink, Referral
from cspr.incidents.models.incident import MAX_NAMED_CHILDREN

PENDING_KEY = "incidents.pending_referrals"
# Referrals held over a duplicate warning, per session; older ones are dropped.
PENDING_LIMIT = 5
CHOOSE_MESSAGE = "Select whether to add the referral to an incident or create a new incident"


# Referrals


def refer(request):
    if not permissions.can_refer(request.user):
        raise PermissionDenied
    return _take_referral(request, ReferralForm, kind="refer", title="Refer a case to the partnership")


def record_referral(request):
    if not permissions.can_record_referral(request.user):
        raise PermissionDenied
    return _take_referral(
        request,
        RecordReferralForm,
        kind="record",
        title="Record a referral received by email, phone or letter",
    )


def _take_referral(request, form_class, *, kind, title):
    if request.method == "POST" and request.POST.get("pending"):
        return _decide_held_referral(request, form_class, kind=kind, title=title)
    posted = request.method == "POST"
    form, children = _bind(
        request, form_class, request.POST if posted else None, request.FILES if posted else None
    )
    if posted and _is_valid(form, children):
        details = ReferralDetails.from_forms(form, children)
        matches = _visible_duplicates(request.user, details)
        if matches:
            token = _hold(request, kind, form)
            return _duplicate_warning(request, token, matches, title=title)
        referral = do_create_incident_from_referral(
            details, partnership=request.user.partnership, acting_user=request.user, request=request
        )
        return redirect("incidents:referral-sent", referral.pk)
    return _referral_form_page(request, form, children, kind=kind, title=title)


def _bind(request, form_class, data, files):
    form = form_class(data, files, partnership=request.user.partnership, user=request.user)
    return form, ChildFormSet(data, prefix="children")


def _is_valid(form, children) -> bool:
    """Both parts, children checked against the incident date once that is known to be right."""
    form_valid = form.is_valid()
    children.incident_on = form.cleaned_data.get("incident_on")
    children_valid = children.is_valid()
    # The error summary lists the form's own errors: "at least one child" and "up to 4" belong there.
    for error in children.non_form_errors():
        form.add_error(None, error)
    return form_valid and children_valid


def _referral_form_page(request, form, children, *, kind, title):
    context = {
        "form": form,
        "children": children,
        # The error summary takes each child block's form; a tampered formset may have fewer than 4.
        "child_forms": (children.forms + [None] * MAX_NAMED_CHILDREN)[:MAX_NAMED_CHILDREN],
        "title": title,
        "recorded": kind == "record",
    }
    return render(request, "incidents/referral/form.html", context)


def _visible_duplicates(user, details) -> list[duplicates.PossibleDuplicate]:
    matches = duplicates.find_duplicates(user.partnership, details.facts())
    visible = set(
        Incident.objects.visible_to(user)
        .filter(pk__in=[match.incident.pk for match in matches])
        .values_list("pk", flat=True)
    )
    return [match for match in matches if match.incident.pk in visible]


def _hold(request, kind, form) -> str:
    """Keep the posted referral (and any original, in private storage) until the person decides."""
    token = secrets.token_urlsafe(16)
    data = {key: values for key, values in request.POST.lists() if key != "csrfmiddlewaretoken"}
    document = form.cleaned_data.get("original_document")
    stored = ""
    if document:
        suffix = Path(document.name).suffix.lower()
        stored = default_storage.save(f"referrals/pending/{token}{suffix}", document)
    held = request.session.get(PENDING_KEY, {})
    for old in list(held)[: max(0, len(held) - PENDING_LIMIT + 1)]:
        _forget(request, held, old)
    held[token] = {"kind": kind, "data": data, "document": stored}
    request.session[PENDING_KEY] = held
    return token


def _forget(request, held: dict, token: str) -> None:
    entry = held.pop(token, None)
    if entry and entry["document"]:
        name = entry["document"]
        transaction.on_commit(lambda: default_storage.delete(name))
    request.session[PENDING_KEY] = held


def _duplicate_warning(request, token, matches, *, title, error=""):
    rows = []
    for match in matches:
        names_shown = permissions.can_see_child_names(request.user, match.incident)
        children = [
            {"pseudonym": child.pseudonym, "name": child.name if names_shown else ""}
            for child in match.incident.children.all()
        ]
        rows.append({"incident": match.incident, "children": children, "reasons": match.reasons})
    context = {
        "token": token,
        "rows": rows,
        "title": title,
        "error": error,
        "error_list": [{"text": error, "href": "#decision"}],
    }
    return render(request, "incidents/referral/duplicates.html", context)


def _decide_held_referral(request, form_class, *, kind, title):
    held = request.session.get(PENDING_KEY, {})
    token = request.POST["pending"]
    entry = held.get(token)
    if entry is None or entry["kind"] != kind:
        messages.info(request, "Your referral was not kept because you were away too long: enter it again")
        return redirect(request.path)
    data = QueryDict(mutable=True)
    for key, values in entry["data"].items():
        data.setlist(key, values)
    form, children = _bind(request, form_class, data, None)
    if not _is_valid(form, children):
        # Something changed meanwhile (an agency was made inactive): show the referral to correct.
        _forget(request, held, token)
        return _referral_form_page(request, form, children, kind=kind, title=title)
    details = ReferralDetails.from_forms(form, children)
    matches = _visible_duplicates(request.user, details)
    decision = request.POST.get("decision", "")
    chosen = next((match.incident for match in matches if str(match.incident.pk) == decision), None)
    if decision != "new" and chosen is None:
        return _duplicate_warning(request, token, matches, title=title, error=CHOOSE_MESSAGE)
    handle = default_storage.open(entry["document"], "rb") if entry["document"] else None
    try:
        details.document = File(handle, name=entry["document"]) if handle else None
        if chosen is None:
            referral = do_create_incident_from_referral(
                details, partnership=request.user.partnership, acting_user=request.user, request=request
            )
        else:
            referral = do_add_referral_to_incident(chosen, details, acting_user=request.user, request=request)
    finally:
        if handle:
            handle.close()
    _forget(request, held, token)
    return redirect("incidents:referral-sent", referral.pk)


@require_safe
def referral_sent(request, pk):
    """The confirmation panel: the reference to quote, and what the partnership does next."""
    if not permissions.can_refer(request.user):
        raise PermissionDenied
    referral = get_object_or_404(Referral.objects.visible_to(request.user).select_related("incident"), pk=pk)
    viewed(request, referral)
    return render(
        request, "incidents/referral/sent.html", {"referral": referral, "incident": referral.incident}
    )


@require_safe
def referral_document(request, pk):
    """The original referral, downloaded (never shown inline), only by those who may see children's names."""
    referral = get_object_or_404(Referral.objects.visible_to(request.user).select_related("incident"), pk=pk)
    if not permissions.can_see_child_names(request.user, referral.incident):
        raise PermissionDenied
    if not referral.original_document:
        raise Http404
    try:
        handle = referral.original_document.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    viewed(request, referral)
    return FileResponse(handle, as_attachment=True, filename=Path(referral.original_document.name).name)


# Incident details, children and links


def _incident_to_edit(request, pk) -> Incident:
    """404 for an incident the person may not see, 403 when they may see it but not change it."""
    incident = get_object_or_404(Incident.objects.visible_to(request.user), pk=pk)
    if not permissions.can_edit_incident(request.user, incident):
        raise PermissionDenied
    return viewed(request, incident)


def edit_incident(request, pk):
    incident = _incident_to_edit(request, pk)
    form = IncidentForm(request.POST if request.method == "POST" else None, instance=incident)
    if request.method == "POST" and form.is_valid():
        incident_actions.do_save_incident(form, acting_user=request.user, request=request)
        messages.success(request, "Incident details saved")
        return redirect(incident)
    return form_page(
        request,
        form,
        title=f"Change the details of incident {incident.reference}",
        button="Save incident details",
        back_url=incident.get_absolute_url(),
    )


def _child_form(request, incident, child=None):
    others = incident.children.exclude(pk=child.pk) if child else incident.children.all()
    return ChildForm(
        request.POST if request.method == "POST" else None,
        instance=child,
        incident_on=incident.incident_on,
        show_name=permissions.can_see_child_names(request.user, incident),
        other_pseudonyms=others.values_list("pseudonym", flat=True),
        initial=None if child else {"pseudonym": next_pseudonym(others.values_list("pseudonym", flat=True))},
    )


def _child_page(request, incident, form, *, title, button, full=False):
    context = {"incident": incident, "form": form, "title": title, "button": button, "full": full}
    return render(request, "incidents/edit/child.html", context)


def add_child(request, pk):
    incident = _incident_to_edit(request, pk)
    form = _child_form(request, incident)
    full = incident.children.count() >= MAX_NAMED_CHILDREN
    if request.method == "POST" and not full and form.is_valid():
        child = incident_actions.do_add_child(form, incident, acting_user=request.user, request=request)
        messages.success(request, f"{child.pseudonym} added")
        return redirect(incident)
    return _child_page(request, incident, form, title="Add a child", button="Save child", full=full)


def _child_of(request, incident, child_pk) -> Child:
    return get_object_or_404(Child.objects.visible_to(request.user), incident=incident, pk=child_pk)


def edit_child(request, pk, child_pk):
    incident = _incident_to_edit(request, pk)
    child = _child_of(request, incident, child_pk)
    form = _child_form(request, incident, child)
    if request.method == "POST" and form.is_valid():
        child = incident_actions.do_save_child(form, acting_user=request.user, request=request)
        messages.success(request, f"{child.pseudonym}'s details saved")
        return redirect(incident)
    return _child_page(
        request, incident, form, title=f"Change {child.pseudonym}'s details", button="Save child"
    )


def remove_child(request, pk, child_pk):
    incident = _incident_to_edit(request, pk)
    child = _child_of(request, incident, child_pk)
    if request.method == "POST":
        incident_actions.do_remove_child(child, acting_user=request.user, request=request)
        messages.success(request, f"{child.pseudonym} removed from incident {incident.reference}")
        return redirect(incident)
    return _confirm_page(
        request,
        incident,
        title=f"Remove {child.pseudonym} from incident {incident.reference}?",
        body="The child and their characteristics will be removed. Saved notifications keep their copy.",
        button="Remove child",
    )


def _confirm_page(request, incident, *, title, body, button):
    context = {"incident": incident, "title": title, "body": body, "button": button}
    return render(request, "incidents/edit/confirm_remove.html", context)


def add_link(request, pk):
    incident = _incident_to_edit(request, pk)
    candidates = Incident.objects.visible_to(request.user).filter(partnership=incident.partnership)
    form = LinkForm(
        request.POST if request.method == "POST" else None, incident=incident, candidates=candidates
    )
    if request.method == "POST" and form.is_valid():
        other = form.cleaned_data["other"]
        incident_actions.do_link_incidents(
            incident, other, form.cleaned_data["kind"], acting_user=request.user, request=request
        )
        messages.success(request, f"Incident {other.reference} linked")
        return redirect(incident)
    return form_page(
        request,
        form,
        title=f"Link another incident to {incident.reference}",
        button="Link incident",
        back_url=incident.get_absolute_url(),
    )


def remove_link(request, pk, link_pk):
    incident = _incident_to_edit(request, pk)
    links = IncidentLink.objects.visible_to(request.user).filter(
        Q(from_incident=incident) | Q(to_incident=incident)
    )
    link = get_object_or_404(links.select_related("from_incident", "to_incident"), pk=link_pk)
    other = link.to_incident if link.from_incident_id == incident.pk else link.from_incident
    if request.method == "POST":
        incident_actions.do_remove_link(link, acting_user=request.user, request=request)
        messages.success(request, f"Link to incident {other.reference} removed")
        return redirect(incident)
    return _confirm_page(
        request,
        incident,
        title=f"Remove the link between incidents {incident.reference} and {other.reference}?",
        body="Both incidents stay as they are; only the link between them is removed.",
        button="Remove link",
    )


urlpatterns = [
    path("refer/", refer, name="refer"),
    path("record-referral/", record_referral, name="record-referral"),
    path("referrals/<int:pk>/sent/", referral_sent, name="referral-sent"),
    path("referrals/<int:pk>/document/", referral_document, name="referral-document"),
    path("<int:pk>/edit/", edit_incident, name="edit"),
    path("<int:pk>/children/add/", add_child, name="child-add"),
    path("<int:pk>/children/<int:child_pk>/", edit_child, name="child-edit"),
    path("<int:pk>/children/<int:child_pk>/remove/", remove_child, name="child-remove"),
    path("<int:pk>/links/add/", add_link, name="link-add"),
    path("<int:pk>/links/<int:link_pk>/remove/", remove_link, name="link-remove"),
]
