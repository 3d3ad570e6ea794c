"""The incident page: what happened, to whom, who referred it, where screening and notification stand,
its deadlines and its timeline. Each part shows only what the viewer may see."""

from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_safe

from cspr import permissions
from cspr.audit.log import viewed
from cspr.deadlines.clock import incident_deadlines
from cspr.incidents.models import (
    Child,
    Incident,
    Notification,
    PartnerDecision,
    Referral,
    Screening,
)
from cspr.incidents.register import status_colour
from cspr.incidents.screening_rules import OUTCOME_TITLES
from cspr.incidents.timeline import TIMELINE_LIMIT, incident_timeline

try:
    from cspr.incidents.duplicates import possible_duplicates
except ImportError:  # The duplicate check is another part of cspr; the page works without it.
    possible_duplicates = None


def link_to(name: str, incident: Incident, allowed: bool) -> str:
    """The address of an incident's page provided elsewhere in cspr, if allowed and it exists yet."""
    if not allowed:
        return ""
    try:
        return reverse(name, kwargs={"pk": incident.pk})
    except NoReverseMatch:
        return ""


@require_safe
def incident_detail(request, pk):
    user = request.user
    incident = get_object_or_404(
        Incident.objects.visible_to(user).select_related("partnership", "notifier"), pk=pk
    )
    viewed(request, incident)
    can_edit = permissions.can_edit_incident(user, incident)
    show_page_views = permissions.can_view_audit_log(user, incident.partnership) and bool(
        request.GET.get("page_views")
    )
    screening = Screening.objects.visible_to(user).filter(incident=incident).first()
    can_view_notification = permissions.can_view_notification(user, incident)
    notifications = (
        list(Notification.objects.visible_to(user).filter(incident=incident).order_by("-version"))
        if can_view_notification
        else []
    )
    timeline = incident_timeline(incident, user, include_views=show_page_views)
    context = {
        "incident": incident,
        "register_url": reverse("incidents:register")
        if permissions.can_view_register(user) or permissions.can_view_national_register(user)
        else "",
        "status_colour": status_colour(incident.status),
        "show_names": permissions.can_see_child_names(user, incident),
        "children": Child.objects.visible_to(user).filter(incident=incident),
        "agencies": incident.agencies_involved.all(),
        "referrals": [
            (referral, _document_url(referral))
            for referral in Referral.objects.visible_to(user)
            .filter(incident=incident)
            .select_related("referrer_agency")
        ],
        "screening": screening,
        "screening_outcome": OUTCOME_TITLES.get(screening.outcome, screening.outcome) if screening else "",
        "partner_decisions": PartnerDecision.objects.visible_to(user).filter(screening__incident=incident),
        "can_view_notification": can_view_notification,
        "notification": notifications[0] if notifications else None,
        "notification_versions": len(notifications),
        "linked": _visible_links(incident, user),
        "duplicates": possible_duplicates(incident) if possible_duplicates and can_edit else None,
        "deadlines": incident_deadlines(incident),
        "timeline": timeline,
        "timeline_is_cut": len(timeline) == TIMELINE_LIMIT,
        "can_show_page_views": permissions.can_view_audit_log(user, incident.partnership),
        "show_page_views": show_page_views,
        "edit_url": link_to("incidents:edit", incident, can_edit),
        "screen_url": link_to("incidents:screening", incident, permissions.can_screen(user, incident)),
        "notify_url": link_to("incidents:notification", incident, permissions.can_notify(user, incident)),
    }
    return render(request, "incidents/incident.html", context)


def _document_url(referral: Referral) -> str:
    """The original referral (email, letter) as received, when one was attached."""
    if not referral.original_document:
        return ""
    try:
        return reverse("incidents:referral-document", kwargs={"pk": referral.pk})
    except NoReverseMatch:
        return ""


def _visible_links(incident: Incident, user) -> list[tuple[Incident, str]]:
    """Linked incidents the user may see, with the kind of link; the others are not even named."""
    linked = incident.linked_incidents()
    visible = set(
        Incident.objects.visible_to(user)
        .filter(pk__in=[other.pk for other, _ in linked])
        .values_list("pk", flat=True)
    )
    return [(other, kind) for other, kind in linked if other.pk in visible]
