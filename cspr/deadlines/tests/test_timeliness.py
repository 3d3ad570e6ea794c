"""The timeliness record (`record_step_completion`), the report helper, and the bulk deadline list."""

import datetime as dt

import pytest

from conftest import make_incident
from cspr.audit.models import AuditAction, AuditEvent
from cspr.deadlines.clock import deadlines_of, incident_deadlines, record_step_completion, timeliness_summary
from cspr.deadlines.models import StepCompletion

# The fixture incident was known on Monday 23 November 2026: its notification is due Monday 30 November.


@pytest.mark.parametrize(
    ("completed_on", "late", "met"),
    [
        (dt.date(2026, 11, 30), 0, True),
        (dt.date(2026, 11, 25), -3, True),
        (dt.date(2026, 12, 2), 2, False),
    ],
)
def test_completion_records_working_days_late(incident, business_manager, completed_on, late, met):
    completion = record_step_completion(incident, "notification", completed_on, actor=business_manager)
    assert (completion.due_on, completion.working_days_late, completion.met_deadline) == (
        dt.date(2026, 11, 30),
        late,
        met,
    )
    assert completion.partnership_id == incident.partnership_id
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="deadlines.stepcompletion")
    assert event.object_repr == "Step notification of incident 2026/001"
    assert event.changes["working_days_late"] == late


def test_done_on_the_weekend_after_a_friday_deadline_is_one_working_day_late(partnership, business_manager):
    friday_case = make_incident(partnership, reference="2026/005", aware_on=dt.date(2026, 11, 20))
    completion = record_step_completion(
        friday_case, "notification", dt.date(2026, 11, 28), actor=business_manager
    )
    assert (completion.due_on, completion.working_days_late) == (dt.date(2026, 11, 27), 1)


def test_recording_a_corrected_date_updates_the_record(incident, business_manager):
    record_step_completion(incident, "notification", dt.date(2026, 12, 2), actor=business_manager)
    completion = record_step_completion(
        incident, "notification", dt.date(2026, 11, 27), actor=business_manager
    )
    assert StepCompletion.objects.count() == 1
    assert (completion.completed_on, completion.working_days_late) == (dt.date(2026, 11, 27), -1)
    assert AuditEvent.objects.filter(
        action=AuditAction.CHANGE, object_type="deadlines.stepcompletion"
    ).exists()
    (status,) = [s for s in incident_deadlines(incident) if s.step.code == "notification"]
    assert status.description == "Met on time"


def test_timeliness_summary(partnership, other_partnership, business_manager):
    # Due Monday 9 November: done then, the Thursday before, the day after and a week later.
    done_on = {
        "2026/101": dt.date(2026, 11, 9),
        "2026/102": dt.date(2026, 11, 5),
        "2026/103": dt.date(2026, 11, 10),
        "2026/104": dt.date(2026, 11, 16),
    }
    for reference, done in done_on.items():
        case = make_incident(partnership, reference=reference, aware_on=dt.date(2026, 11, 2))
        record_step_completion(case, "notification", done, actor=business_manager)
    recorded = sorted(StepCompletion.objects.values_list("working_days_late", flat=True))
    assert recorded == [-2, 0, 1, 5]
    other = make_incident(other_partnership, reference="2026/900", aware_on=dt.date(2026, 11, 2))
    record_step_completion(other, "notification", dt.date(2026, 12, 1), actor=business_manager)

    summary = timeliness_summary(StepCompletion.objects.visible_to(business_manager), "notification")
    assert (summary.on_time, summary.late, summary.total) == (2, 2, 4)
    assert summary.share_on_time == 0.5
    assert summary.mean_working_days_late == 3.0


def test_timeliness_summary_of_nothing(db, business_manager):
    summary = timeliness_summary(StepCompletion.objects.visible_to(business_manager), "rapid_review")
    assert (summary.on_time, summary.late, summary.share_on_time, summary.mean_working_days_late) == (
        0,
        0,
        None,
        None,
    )


def test_deadlines_of_many_incidents_agrees_with_one_at_a_time(incident, partnership, business_manager):
    other = make_incident(partnership, reference="2026/002", aware_on=dt.date(2026, 11, 2))
    record_step_completion(other, "notification", dt.date(2026, 11, 6), actor=business_manager)
    today = dt.date(2026, 11, 26)
    together = deadlines_of([incident, other], today)
    for case in (incident, other):
        assert [item.status for item in together if item.incident == case] == incident_deadlines(case, today)
    assert [item.status.due_on for item in together] == sorted(item.status.due_on for item in together)
