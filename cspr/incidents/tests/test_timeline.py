"""The incident's timeline, read from the audit trail: what belongs to it, who sees what, page views."""

import datetime as dt

from django.urls import reverse

from conftest import make_incident, make_user
from cspr.accounts.models import Role
from cspr.audit.log import record
from cspr.audit.models import AuditAction
from cspr.deadlines.clock import record_step_completion
from cspr.incidents.models import (
    IncidentLink,
    LinkKind,
    Notification,
    PartnerDecision,
    Screening,
    StatutoryPartner,
)
from cspr.incidents.timeline import incident_timeline


def whats(entries) -> list[str]:
    return [entry.what for entry in entries]


def test_everything_done_to_the_incident_and_its_records_newest_first(
    partnership, business_manager, incident, other_incident
):
    child = incident.children.get()
    referral = incident.referrals.get()
    screening = Screening.objects.create(partnership=partnership, incident=incident, outcome="notifiable")
    decision = PartnerDecision.objects.create(
        partnership=partnership,
        screening=screening,
        partner=StatutoryPartner.POLICE,
        agrees=True,
        person_name="Dee Inspector",
        person_role="Detective inspector",
        decided_on=dt.date(2026, 11, 24),
    )
    notification = Notification.objects.create(
        partnership=partnership,
        incident=incident,
        version=1,
        notifier_name="Nat Notifier",
        notifier_role="Head of service",
        notifier_email="nat@example.test",
        notifier_phone="01632 960001",
    )
    sibling = make_incident(partnership, reference="2026/002")
    link = IncidentLink.objects.create(
        partnership=partnership, from_incident=sibling, to_incident=incident, kind=LinkKind.SIBLINGS
    )
    for obj in (incident, child, referral, screening, decision, notification, link):
        record(AuditAction.CREATE, actor=business_manager, obj=obj)
    record(AuditAction.CHANGE, actor=business_manager, obj=incident, changes={"status": ["referred", "x"]})
    record_step_completion(incident, "notification", dt.date(2026, 11, 27), actor=business_manager)
    record(AuditAction.CREATE, actor=business_manager, obj=other_incident)
    record(AuditAction.CREATE, actor=business_manager, obj=sibling)

    entries = incident_timeline(incident, business_manager)
    assert whats(entries) == [
        "Created: Step notification of incident 2026/001",
        "Changed: Incident 2026/001",
        "Created: Link between incidents 2026/002 and 2026/001",
        "Created: Notification of incident 2026/001, version 1",
        "Created: Police decision on incident 2026/001",
        "Created: Screening of incident 2026/001",
        f"Created: Referral {referral.pk} for incident 2026/001",
        "Created: Child K in incident 2026/001",
        "Created: Incident 2026/001",
    ]
    assert entries[0].who == "Business Manager (Business manager)"
    assert entries[1].fields_changed == ["Status"]


def test_page_views_only_when_asked_for(partnership, business_manager, incident):
    record(AuditAction.VIEW, actor=business_manager, obj=incident)
    record(AuditAction.CHANGE, actor=business_manager, obj=incident)
    assert whats(incident_timeline(incident, business_manager)) == ["Changed: Incident 2026/001"]
    assert whats(incident_timeline(incident, business_manager, include_views=True)) == [
        "Changed: Incident 2026/001",
        "Viewed: Incident 2026/001",
    ]


def test_agency_lead_sees_no_entries_of_records_they_may_not_see(
    partnership, business_manager, agency_lead, incident
):
    screening = Screening.objects.create(partnership=partnership, incident=incident, outcome="notifiable")
    record(AuditAction.CREATE, actor=business_manager, obj=screening)
    record(AuditAction.CHANGE, actor=business_manager, obj=incident)
    assert whats(incident_timeline(incident, agency_lead)) == ["Changed: Incident 2026/001"]
    assert len(incident_timeline(incident, business_manager)) == 2


def test_a_removed_account_is_named_by_its_email_and_no_account_as_the_system(business_manager, incident):
    gone = make_user(Role.REVIEW_GROUP_MEMBER, incident.partnership, email="gone@example.test")
    record(AuditAction.CHANGE, actor=gone, obj=incident)
    gone.delete()
    record(AuditAction.CHANGE, obj=incident)
    assert [entry.who for entry in incident_timeline(incident, business_manager)] == [
        "The system",
        "gone@example.test (Review group member)",
    ]


def test_timeline_on_the_incident_page(client, business_manager, incident):
    record(AuditAction.CHANGE, actor=business_manager, obj=incident, changes={"nature": ["death", "other"]})
    url = reverse("incidents:detail", kwargs={"pk": incident.pk})
    client.force_login(business_manager)
    html = client.get(url).content.decode()
    timeline = html.split('id="timeline"')[1]
    assert "Changed: Incident 2026/001" in timeline
    assert "Business Manager (Business manager)" in timeline
    assert "Nature" in timeline and "death" not in timeline
    assert "Viewed" not in timeline
    assert "Show page views" in timeline
    timeline = client.get(url, {"page_views": "1"}).content.decode().split('id="timeline"')[1]
    assert "Viewed: Incident 2026/001" in timeline
    assert "Hide page views" in timeline


def test_only_business_managers_may_show_page_views(client, review_group_member, incident):
    url = reverse("incidents:detail", kwargs={"pk": incident.pk})
    client.force_login(review_group_member)
    client.get(url)
    timeline = client.get(url, {"page_views": "1"}).content.decode().split('id="timeline"')[1]
    assert "Viewed" not in timeline
    assert "Show page views" not in timeline
