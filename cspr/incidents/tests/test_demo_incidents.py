"""The demo incidents: every state in every partnership, consistent dates, and nothing added twice."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import transaction
from django.test import override_settings

from cspr.accounts.models import Role, User
from cspr.audit.models import AuditEvent
from cspr.clock.status import DeadlineState
from cspr.deadlines.clock import current_calendar, incident_deadlines, next_open_deadline
from cspr.deadlines.models import StepCompletion
from cspr.demo.incidents import SURNAMES
from cspr.demo.loader import load_demo
from cspr.incidents import screening_rules
from cspr.incidents.models import (
    Child,
    Incident,
    IncidentLink,
    IncidentStatus,
    LinkKind,
    Notification,
    PartnerDecision,
    Screening,
)
from cspr.partnerships.models import Partnership

LONDON = ZoneInfo("Europe/London")
# The root conftest makes hashing cheap for each test; this module's fixture outlives a test.
CHEAP_HASHING = ["conftest.CheapArgon2PasswordHasher"]
OUTCOME_STATUS = {
    "notifiable": {IncidentStatus.NOTIFICATION_DUE, IncidentStatus.NOTIFIED},
    "looked_after_death": {IncidentStatus.LOOKED_AFTER_DEATH},
    "care_leaver_death": {IncidentStatus.CARE_LEAVER_DEATH},
    "not_notifiable": {IncidentStatus.NOT_NOTIFIABLE},
}


@pytest.fixture(
    scope="module",
    params=[dt.datetime(2026, 11, 26, 9, tzinfo=LONDON), dt.datetime(2027, 1, 4, 9, tzinfo=LONDON)],
    ids=["today", "after-new-year"],
)
def loaded(request, django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo loaded once per date (on a Thursday in November, and on the first working day of a new
    year) for every test of this module, and rolled back after them: loading it takes seconds."""
    with (
        django_db_blocker.unblock(),
        time_machine.travel(request.param, tick=False),
        # The demo writes documents: into a folder of the tests' own, never var/media.
        override_settings(PASSWORD_HASHERS=CHEAP_HASHING, MEDIA_ROOT=tmp_path_factory.mktemp("media")),
        transaction.atomic(),
    ):
        load_demo()
        yield request.param.date()
        transaction.set_rollback(True)


@pytest.fixture
def demo(loaded, db):
    return loaded


def test_every_partnership_has_an_incident_in_every_state(demo):
    for partnership in Partnership.objects.all():
        statuses = set(Incident.objects.filter(partnership=partnership).values_list("status", flat=True))
        assert statuses == set(IncidentStatus.values), partnership.slug


def test_one_notification_due_soon_and_one_overdue(demo):
    for partnership in Partnership.objects.all():
        due = Incident.objects.filter(partnership=partnership, status=IncidentStatus.NOTIFICATION_DUE)
        states = sorted(next_open_deadline(incident, demo).state for incident in due)
        assert states == sorted([DeadlineState.DUE_SOON, DeadlineState.OVERDUE])


def test_notified_late_with_a_reason_and_the_timeliness_record_agrees_with_the_clock(demo):
    calendar = current_calendar()
    late = StepCompletion.objects.filter(step_code="notification", working_days_late__gt=0)
    assert late.count() == 5
    for completion in late:
        incident = completion.incident
        assert completion.completed_on == incident.notified_on
        assert completion.due_on == calendar.add_working_days(incident.aware_on, 5)
        assert (
            incident.notifications.filter(submitted_on=incident.notified_on).exclude(late_reason="").exists()
        )
    on_time = StepCompletion.objects.filter(step_code="notification", working_days_late__lte=0)
    # Three notified on time here, two more for the demo rapid reviews (`rapid_review_specs`).
    assert on_time.count() == (3 + 2) * 5
    for incident in Incident.objects.filter(notified_on__isnull=False):
        statuses = {status.step.code: status for status in incident_deadlines(incident, demo)}
        assert statuses["notification"].completed_on == incident.notified_on
        assert incident.notified_on <= demo


def test_one_notification_has_two_versions(demo):
    for partnership in Partnership.objects.all():
        versions = Notification.objects.filter(partnership=partnership, version=2)
        assert versions.count() == 1
        assert versions.get().change_reason


def test_screening_outcomes_follow_the_rules_and_match_the_status(demo):
    for screening in Screening.objects.select_related("incident"):
        decision = screening_rules.decide(screening.answers)
        assert screening.outcome == decision.outcome.value
        assert screening.incident.status in OUTCOME_STATUS[screening.outcome]
    assert not Screening.objects.filter(incident__status=IncidentStatus.REFERRED).exists()
    learning = Screening.objects.filter(other_learning_review=True)
    assert learning.count() == 5
    assert all(s.incident.status == IncidentStatus.NOT_NOTIFIABLE for s in learning)
    assert PartnerDecision.objects.filter(agrees=True).count() > 0


def test_care_leaver_and_looked_after_deaths_tell_dfe_and_ofsted_not_the_panel(demo):
    for status in (IncidentStatus.CARE_LEAVER_DEATH, IncidentStatus.LOOKED_AFTER_DEATH):
        for incident in Incident.objects.filter(status=status):
            assert incident.notified_on is None
            notification = incident.notifications.get()
            assert notification.dfe_informed_on and notification.ofsted_informed_on
            assert notification.submitted_on is None
    met = StepCompletion.objects.filter(step_code="care_leaver_notification", working_days_late__lte=0)
    assert met.count() == 5


def test_linked_siblings(demo):
    links = IncidentLink.objects.filter(kind=LinkKind.SIBLINGS)
    assert links.count() == 5
    for link in links:
        assert link.from_incident.partnership_id == link.to_incident.partnership_id
        assert link.to_incident.aware_on.year < link.from_incident.aware_on.year


def test_children_are_obviously_fictional_and_never_named_in_a_notification(demo):
    for child in Child.objects.all():
        assert child.name.split()[-1] in SURNAMES
        assert child.pseudonym.startswith(("Child ", "Baby "))
    for notification in Notification.objects.all():
        assert all(
            child.name not in str(notification.content) for child in notification.incident.children.all()
        )


def test_the_demo_agency_lead_and_the_panel_see_part_of_it(demo):
    lead = User.objects.get(email="agency.lead@leeds.example")
    seen = Incident.objects.visible_to(lead)
    assert 0 < seen.count() < Incident.objects.filter(partnership=lead.partnership).count()
    panel = User.objects.filter(role=Role.PANEL_MEMBER).first()
    national = Incident.objects.visible_to(panel)
    assert national.count() == (4 + 2) * 5
    assert set(national.values_list("status", flat=True)) == {IncidentStatus.NOTIFIED}


def test_running_the_demo_again_adds_nothing(demo):
    counts = [model.objects.count() for model in (Incident, Child, Notification, StepCompletion, AuditEvent)]
    assert counts[0] == (10 + 2) * 5
    load_demo()
    assert counts == [
        model.objects.count() for model in (Incident, Child, Notification, StepCompletion, AuditEvent)
    ]
