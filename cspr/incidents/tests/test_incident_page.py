"""The incident page: each part shown to those allowed, names only where allowed, deadlines and links."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.urls import reverse

from conftest import make_incident
from cspr.audit.models import AuditAction, AuditEvent
from cspr.incidents.models import (
    Child,
    IncidentLink,
    IncidentStatus,
    LinkKind,
    Notification,
    PartnerDecision,
    Referral,
    ReferralChannel,
    Screening,
    StatutoryPartner,
)
from cspr.incidents.views.incident_page import link_to

TODAY = dt.datetime(2026, 11, 26, 12, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


def page(client, user, incident, **params) -> str:
    client.force_login(user)
    response = client.get(reverse("incidents:detail", kwargs={"pk": incident.pk}), params)
    assert response.status_code == 200
    return response.content.decode()


def test_summary_of_the_incident(client, business_manager, incident, agency, other_agency):
    incident.location = "Family home"
    incident.agencies_involved.add(other_agency)
    incident.save()
    html = page(client, business_manager, incident)
    assert "Incident 2026/001" in html
    assert "Notification due" in html
    assert "Serious harm" in html
    assert "21 November 2026" in html and "23 November 2026" in html
    assert "Family home" in html
    assert "Infant admitted to hospital with unexplained fractures." in html
    assert "Northshire Police" in html and "Northshire GP Practices" in html
    assert "Not notified" in html


def test_business_manager_sees_the_child_s_name(client, business_manager, incident):
    html = page(client, business_manager, incident)
    assert "Kai Testchild" in html
    assert "Child K" in html
    assert "6 months" in html


def test_review_group_member_sees_only_the_pseudonym(client, review_group_member, incident):
    html = page(client, review_group_member, incident)
    assert "Kai Testchild" not in html
    assert "Child K" in html


def test_the_notifier_sees_the_child_s_name(client, agency_lead, incident):
    assert "Kai Testchild" not in page(client, agency_lead, incident)
    incident.notifier = agency_lead
    incident.save()
    assert "Kai Testchild" in page(client, agency_lead, incident)


def test_referrals_with_link_to_the_original_document(client, business_manager, incident):
    referral = incident.referrals.get()
    referral.channel = ReferralChannel.EMAIL
    referral.original_document.save("referral.eml", ContentFile(b"From: police"), save=True)
    html = page(client, business_manager, incident)
    assert "Pat Referrer, Detective sergeant (Northshire Police)" in html
    assert "Received by email" in html
    assert reverse("incidents:referral-document", kwargs={"pk": referral.pk}) in html


def test_agency_lead_sees_only_their_own_agency_s_referral(
    client, partnership, agency_lead, incident, other_agency
):
    Referral.objects.create(
        partnership=partnership,
        incident=incident,
        received_on=dt.date(2026, 11, 24),
        referrer_name="Robin Gp",
        referrer_role="GP",
        referrer_agency=other_agency,
        what_happened="Seen at the practice.",
    )
    html = page(client, agency_lead, incident)
    assert "Pat Referrer" in html
    assert "Robin Gp" not in html


def test_screening_outcome_and_partner_decisions(client, business_manager, review_group_member, incident):
    screening = Screening.objects.create(
        partnership=incident.partnership,
        incident=incident,
        answers={"who": "child"},
        outcome="notifiable",
        reasons="Abuse is suspected and the child was seriously harmed.",
    )
    PartnerDecision.objects.create(
        partnership=incident.partnership,
        screening=screening,
        partner=StatutoryPartner.POLICE,
        agrees=True,
        person_name="Dee Inspector",
        person_role="Detective inspector",
        decided_on=dt.date(2026, 11, 24),
    )
    html = page(client, business_manager, incident)
    assert "Notifiable: serious incident notification to the Panel" in html
    assert "Abuse is suspected and the child was seriously harmed." in html
    assert "Police: agrees (Dee Inspector, Detective inspector, 24 November 2026)" in html
    assert reverse("incidents:screening", kwargs={"pk": incident.pk}) in html
    html = page(client, review_group_member, incident)
    assert "Notifiable: serious incident notification to the Panel" in html
    assert "View the screening" in html and "View or change the screening" not in html


def test_agency_lead_does_not_see_the_screening(client, agency_lead, incident):
    Screening.objects.create(partnership=incident.partnership, incident=incident, outcome="notifiable")
    assert "Notifiable: serious incident notification" not in page(client, agency_lead, incident)


def test_notification_status(client, business_manager, incident):
    for version in (1, 2):
        Notification.objects.create(
            partnership=incident.partnership,
            incident=incident,
            version=version,
            notifier_name="Nat Notifier",
            notifier_role="Head of service",
            notifier_email="nat@example.test",
            notifier_phone="01632 960001",
            submitted_on=dt.date(2026, 11, 25) if version == 2 else None,
            panel_reference="SIN-123" if version == 2 else "",
        )
    html = page(client, business_manager, incident)
    assert "2 (of 2 versions)" in html
    assert "25 November 2026" in html
    assert "SIN-123" in html
    assert reverse("incidents:notification", kwargs={"pk": incident.pk}) in html


def test_agency_lead_does_not_read_the_notification(client, agency_lead, incident):
    Notification.objects.create(
        partnership=incident.partnership,
        incident=incident,
        version=1,
        notifier_name="Nat Notifier",
        notifier_role="Head of service",
        notifier_email="nat@example.test",
        notifier_phone="01632 960001",
        late_reason="Waiting for the partners.",
    )
    html = page(client, agency_lead, incident)
    assert "Waiting for the partners." not in html
    assert "Sent to the Panel" not in html


def test_deadlines_with_due_dates_tags_and_assumed_dates(client, review_group_member, incident):
    html = page(client, review_group_member, incident)
    assert "Serious incident notification to the Panel due" in html
    assert "Safeguarding partners informed of the notification due" in html
    assert "30 November 2026" in html
    assert "Due in 2 working days" in html
    assert "govuk-tag--yellow" in html
    # The rapid review is planned from the notification's due day until the notification is sent.
    assert "Rapid review due" in html
    assert '21 December 2026 <span class="govuk-body-s">(assumed: if notified on the due day)</span>' in html


def test_no_deadlines_for_a_looked_after_child_s_death(client, business_manager, partnership):
    incident = make_incident(partnership, status=IncidentStatus.LOOKED_AFTER_DEATH)
    assert "This incident has no statutory deadlines at its status." in page(
        client, business_manager, incident
    )


def test_action_links_follow_permissions(
    client, business_manager, review_group_member, agency_lead, incident
):
    edit, screening, notification = (
        f'href="{reverse(name, kwargs={"pk": incident.pk})}"'
        for name in ("incidents:edit", "incidents:screening", "incidents:notification")
    )
    html = page(client, business_manager, incident)
    assert edit in html and screening in html and notification in html
    assert "Screen the referral" in html and "Start the notification" in html
    html = page(client, review_group_member, incident)
    assert edit not in html and screening in html and notification in html
    assert "View the screening" in html and "View the notification" in html
    html = page(client, agency_lead, incident)
    assert edit not in html and screening not in html and notification not in html


def test_original_referral_only_for_those_who_see_names(
    client, business_manager, review_group_member, incident
):
    referral = incident.referrals.get()
    referral.original_document.save("referral.eml", ContentFile(b"From: police"), save=True)
    document = reverse("incidents:referral-document", kwargs={"pk": referral.pk})
    assert document in page(client, business_manager, incident)
    assert document not in page(client, review_group_member, incident)


def test_links_only_to_pages_the_user_may_use(incident):
    assert link_to("incidents:edit", incident, False) == ""
    assert link_to("incidents:edit", incident, True) == reverse("incidents:edit", kwargs={"pk": incident.pk})


def test_linked_incidents_only_those_the_viewer_may_see(
    client, partnership, business_manager, agency_lead, agency, incident
):
    visible = make_incident(partnership, agency=agency, reference="2026/002")
    hidden = make_incident(partnership, reference="2026/003")
    for other in (visible, hidden):
        IncidentLink.objects.create(
            partnership=partnership, from_incident=incident, to_incident=other, kind=LinkKind.SIBLINGS
        )
    html = page(client, business_manager, incident)
    assert "Incident 2026/002</a> (siblings)" in html and "Incident 2026/003</a> (siblings)" in html
    assert 'Remove link<span class="govuk-visually-hidden"> to incident 2026/002' in html
    assert "Link another incident" in html
    html = page(client, agency_lead, incident)
    assert "Incident 2026/002</a> (siblings)" in html
    assert "2026/003" not in html
    assert "Remove link" not in html and "Link another incident" not in html


def test_possible_duplicates_only_for_business_managers(
    client, partnership, business_manager, review_group_member, incident
):
    twin = make_incident(partnership, reference="2026/002")
    assert twin.children.get().name == "Kai Testchild"
    html = page(client, business_manager, incident)
    assert "This incident may be a duplicate of:" in html
    assert f'href="{reverse("incidents:detail", kwargs={"pk": twin.pk})}"' in html
    assert "may be a duplicate" not in page(client, review_group_member, incident)


def test_panel_member_sees_a_notified_incident_without_referrals(client, panel_member, incident):
    incident.status = IncidentStatus.NOTIFIED
    incident.notified_on = dt.date(2026, 11, 25)
    incident.save()
    html = page(client, panel_member, incident)
    assert "Incident 2026/001" in html
    assert "Child K" in html and "Kai Testchild" not in html
    assert "Pat Referrer" not in html
    assert f'href="{reverse("incidents:register")}"' in html


def test_page_view_is_audited_against_the_incident(client, review_group_member, incident):
    page(client, review_group_member, incident)
    [event] = AuditEvent.objects.filter(action=AuditAction.VIEW)
    assert (event.object_type, event.object_id) == ("incidents.incident", str(incident.pk))
    assert event.object_repr == "Incident 2026/001"


def test_other_children_of_the_incident_are_listed(client, business_manager, incident):
    Child.objects.create(
        partnership=incident.partnership, incident=incident, position=2, pseudonym="Baby Eva", unborn=True
    )
    html = page(client, business_manager, incident)
    assert "Baby Eva" in html and "Unborn" in html


def test_the_rapid_review_is_reached_from_the_incident_by_those_who_read_it(
    client, incident, business_manager, agency_lead, other_agency_lead, agency, other_agency
):
    from cspr.rapid_reviews.tests.matrix import agency_return

    own = agency_return({"incident": incident, "agency": agency})
    incident.agencies_involved.add(other_agency)
    review_url = reverse("rapid_reviews:detail", kwargs={"pk": own.rapid_review.pk})
    return_url = reverse("rapid_reviews:return", kwargs={"pk": own.pk})
    manager_page = page(client, business_manager, incident)
    assert review_url in manager_page and return_url not in manager_page
    lead_page = page(client, agency_lead, incident)
    assert "Your agency's return" in lead_page and return_url in lead_page
    assert review_url not in lead_page
    # Another agency involved in the incident has no return asked of it yet: no link, and never this one.
    other_page = page(client, other_agency_lead, incident)
    assert return_url not in other_page and review_url not in other_page
