"""The incident page: what happened, to whom, who referred it, where screening and notification stand,
its deadlines and its timeline. Each part shows only what the viewer may see."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from cspr import permissions
from cspr.audit.log import viewed
from cspr.deadlines.clock import incident_deadlines
from cspr.incidents.duplicates import possible_duplicates
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
from cspr.rapid_reviews.models import AgencyReturn, RapidReview


def link_to(name: str, incident: Incident, allowed: bool) -> str:
    """The address of one of the incident's pages, or "" when the user may not use it."""
    return reverse(name, kwargs={"pk": incident.pk}) if allowed else ""


@require_safe
def incident_detail(request, pk):
    user = request.user
    incident = get_object_or_404(
        Incident.objects.visible_to(user).select_related("partnership", "notifier"), pk=pk
    )
    viewed(request, incident)
    can_edit = permissions.can_edit_incident(user, incident)
    # The original referral names the child, so it goes with the right to see names.
    show_names = permissions.can_see_child_names(user, incident)
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
        "show_names": show_names,
        "children": Child.objects.visible_to(user).filter(incident=incident),
        "agencies": incident.agencies_involved.all(),
        "referrals": [
            (referral, _document_url(referral) if show_names else "")
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
        "can_edit": can_edit,
        "duplicates": possible_duplicates(incident) if can_edit else None,
        "deadlines": incident_deadlines(incident),
        "timeline": timeline,
        "timeline_is_cut": len(timeline) == TIMELINE_LIMIT,
        "can_show_page_views": permissions.can_view_audit_log(user, incident.partnership),
        "show_page_views": show_page_views,
        "edit_url": link_to("incidents:edit", incident, can_edit),
        "screen_url": link_to(
            "incidents:screening", incident, permissions.can_view_screening(user, incident)
        ),
        "can_screen": permissions.can_screen(user, incident),
        "can_notify": permissions.can_notify(user, incident),
        "notify_url": link_to("incidents:notification", incident, can_view_notification),
        **_rapid_review_links(incident, user),
    }
    return render(request, "incidents/incident.html", context)


def _rapid_review_links(incident: Incident, user) -> dict:
    """The rapid review for those who read it whole; an agency lead's own agency's return for them."""
    rapid_review = RapidReview.objects.visible_to(user).filter(incident=incident).first()
    own_return = AgencyReturn.objects.visible_to(user).filter(rapid_review__incident=incident).first()
    return {
        "rapid_review_url": rapid_review.get_absolute_url()
        if rapid_review and permissions.can_view_rapid_review(user, rapid_review)
        else "",
        "own_return_url": own_return.get_absolute_url()
        if own_return and user.agency_id == own_return.agency_id
        else "",
    }


def _document_url(referral: Referral) -> str:
    """The original referral (email, letter) as received, when one was attached."""
    if not referral.original_document:
        return ""
    return reverse("incidents:referral-document", kwargs={"pk": referral.pk})


def _visible_links(incident: Incident, user) -> list[dict]:
    """Linked incidents the user may see, with the kind of link; the others are not even named."""
    links = [(link.to_incident, link) for link in incident.links_from.select_related("to_incident")]
    links += [(link.from_incident, link) for link in incident.links_to.select_related("from_incident")]
    visible = set(
        Incident.objects.visible_to(user)
        .filter(pk__in=[other.pk for other, _ in links])
        .values_list("pk", flat=True)
    )
    return [
        {"incident": other, "kind": link.get_kind_display(), "link_pk": link.pk}
        for other, link in links
        if other.pk in visible
    ]
