"""A partnership's own lengths for the steps it may change: set by its business manager, audited, used."""

import datetime as dt

import pytest
from django.urls import reverse

from conftest import make_incident
from cspr.audit.models import AuditAction, AuditEvent
from cspr.clock import STEPS
from cspr.deadlines.clock import incident_deadlines
from cspr.deadlines.models import LocalStepLength
from cspr.incidents.models import IncidentStatus

URL = reverse("deadlines:step-lengths")


@pytest.fixture
def manager_client(client, business_manager):
    client.force_login(business_manager)
    return client


@pytest.fixture
def care_leaver_death(partnership):
    # Aware Monday 23 November 2026: DfE and Ofsted by default 5 working days later, Monday 30 November.
    return make_incident(partnership, reference="2026/002", status=IncidentStatus.CARE_LEAVER_DEATH)


def care_leaver_due(incident) -> dt.date:
    (status,) = incident_deadlines(incident)
    return status.due_on


def test_the_page_lists_every_step_with_its_source(manager_client):
    page = manager_client.get(URL).content.decode()
    for step in STEPS:
        assert step.title.replace("'", "&#x27;") in page
    assert (
        "Working Together to Safeguard Children 2023, chapter 5: rapid review within 15 working days" in page
    )
    assert "Set by guidance" in page


def test_only_changeable_steps_have_a_box(manager_client):
    page = manager_client.get(URL).content.decode()
    assert 'name="care_leaver_notification"' in page
    assert 'name="agency_return"' in page
    assert 'name="notification"' not in page
    assert 'name="rapid_review"' not in page


def test_a_local_length_moves_the_deadline_and_is_audited(
    manager_client, business_manager, care_leaver_death
):
    assert care_leaver_due(care_leaver_death) == dt.date(2026, 11, 30)
    response = manager_client.post(URL, {"care_leaver_notification": "10"}, follow=True)
    assert "1 step length changed" in response.content.decode()
    row = LocalStepLength.objects.get()
    assert (row.partnership, row.step_code, row.length, row.changed_by) == (
        care_leaver_death.partnership,
        "care_leaver_notification",
        10,
        business_manager,
    )
    assert care_leaver_due(care_leaver_death) == dt.date(2026, 12, 7)
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="deadlines.localsteplength")
    assert event.changes == {"length": [None, 10]}
    assert 'value="10"' in manager_client.get(URL).content.decode()


def test_changing_and_clearing_a_length(manager_client, care_leaver_death):
    manager_client.post(URL, {"care_leaver_notification": "10"})
    manager_client.post(URL, {"care_leaver_notification": "7"})
    assert LocalStepLength.objects.get().length == 7
    assert AuditEvent.objects.get(action=AuditAction.CHANGE).changes == {"length": [10, 7]}
    manager_client.post(URL, {"care_leaver_notification": ""})
    assert not LocalStepLength.objects.exists()
    assert AuditEvent.objects.get(action=AuditAction.DELETE).changes == {"length": [7, None]}
    assert care_leaver_due(care_leaver_death) == dt.date(2026, 11, 30)


def test_saving_unchanged_lengths_changes_nothing(manager_client):
    response = manager_client.post(URL, {}, follow=True)
    assert "No step lengths changed" in response.content.decode()
    assert not AuditEvent.objects.filter(object_type="deadlines.localsteplength").exists()


@pytest.mark.parametrize("value", ["0", "366", "ten", "2.5", "-3"])
def test_lengths_must_be_whole_numbers_from_1_to_365(manager_client, value):
    response = manager_client.post(URL, {"agency_return": value})
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "Enter a whole number from 1 to 365 for “Agency returns (individual agency summaries) due”" in page
    assert not LocalStepLength.objects.exists()


def test_a_partnership_s_lengths_do_not_touch_another_s(manager_client, other_partnership):
    other = make_incident(other_partnership, reference="2026/009", status=IncidentStatus.CARE_LEAVER_DEATH)
    manager_client.post(URL, {"care_leaver_notification": "10"})
    assert care_leaver_due(other) == dt.date(2026, 11, 30)


def test_review_group_members_cannot_change_lengths(client, review_group_member):
    client.force_login(review_group_member)
    assert client.post(URL, {"agency_return": "5"}).status_code == 403
    assert not LocalStepLength.objects.exists()
