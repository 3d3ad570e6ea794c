"""The demo rapid reviews: one at each stage in every partnership, with returns, chronologies that show
what the integrated chronology flags (uncertain dates, the same event twice, a gap), dates that agree with
the clock, children by pseudonym only, and nothing added by loading the demo twice."""

import datetime as dt
import random
from collections import Counter
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import transaction
from django.test import override_settings

from cspr.accounts.models import Role, User
from cspr.action_plans.models import Action, RecommendationKind
from cspr.audit.models import AuditEvent
from cspr.chronology import duplicates, gaps
from cspr.chronology.dates import parse_start_date
from cspr.chronology.models import ChronologyEntry, DatePrecision, DuplicateDecision, EventType
from cspr.clock import get_step
from cspr.deadlines.clock import current_calendar, incident_deadlines
from cspr.deadlines.models import StepCompletion
from cspr.demo.chronology import Case, Contributor, generate_chronology
from cspr.demo.loader import load_demo
from cspr.incidents.models import Child, Incident
from cspr.partnerships.models import AgencyKind, Partnership
from cspr.rapid_reviews.models import (
    AgencyReturn,
    ExecutiveDecision,
    MeetingAttendee,
    PanelResponse,
    RapidReview,
    RapidReviewStatus,
    Recommendation,
    ReturnStatus,
    ReviewGroupMeeting,
)
from cspr.rapid_reviews.report_content import SECTION_TITLES

LONDON = ZoneInfo("Europe/London")
TODAY = dt.date(2026, 11, 26)
CHEAP_HASHING = ["conftest.CheapArgon2PasswordHasher"]
TEXT_FIELDS = ("facts", "action_outcome", "significance", "reviewer_note", "source_reference")
RETURN_SECTIONS = (
    "summary_of_involvement",
    "key_practice_episodes",
    "analysis",
    "what_went_well",
    "learning",
    "actions_taken",
)


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo loaded once for every test of this module (it takes seconds), and rolled back after."""
    with (
        django_db_blocker.unblock(),
        time_machine.travel(dt.datetime(2026, 11, 26, 9, tzinfo=LONDON), tick=False),
        # The demo writes documents: into a folder of the tests' own, never var/media.
        override_settings(PASSWORD_HASHERS=CHEAP_HASHING, MEDIA_ROOT=tmp_path_factory.mktemp("media")),
        transaction.atomic(),
    ):
        load_demo()
        yield TODAY
        transaction.set_rollback(True)


@pytest.fixture
def demo(loaded, db):
    return loaded


def test_every_notified_incident_has_its_rapid_review_from_the_notification(demo):
    notified = Incident.objects.filter(notified_on__isnull=False)
    assert notified.count() == 6 * 5
    for incident in notified:
        rapid_review = incident.rapid_review
        assert rapid_review.opened_on == rapid_review.notified_on == incident.notified_on
        assert rapid_review.aware_on == incident.aware_on
        assert rapid_review.partnership_id == incident.partnership_id
    assert RapidReview.objects.count() == notified.count()


def test_every_partnership_has_a_rapid_review_at_each_stage(demo):
    for partnership in Partnership.objects.all():
        statuses = Counter(
            RapidReview.objects.filter(partnership=partnership).values_list("status", flat=True)
        )
        assert statuses[RapidReviewStatus.OPEN] == 2, partnership.slug
        assert statuses[RapidReviewStatus.REVIEW_GROUP_MET] >= 1
        assert statuses[RapidReviewStatus.SENT] == 1
        assert statuses[RapidReviewStatus.RESPONDED] >= 1


def test_returns_in_progress_mix_submitted_draft_and_overdue_requests(demo):
    for partnership in Partnership.objects.all():
        in_progress = RapidReview.objects.get(
            partnership=partnership,
            status=RapidReviewStatus.OPEN,
            incident__aware_on__lt=demo - dt.timedelta(10),
        )
        returns = list(in_progress.returns.all())
        states = Counter(agency_return.status for agency_return in returns)
        assert states[ReturnStatus.DRAFT] == 1
        assert states[ReturnStatus.REQUESTED] == 1
        assert states[ReturnStatus.SUBMITTED] >= 3
        requested = next(r for r in returns if r.status == ReturnStatus.REQUESTED)
        assert requested.due_on < demo
        assert not any(getattr(requested, name) for name in RETURN_SECTIONS)


def test_returns_are_due_as_the_partnership_step_says_and_come_from_5_to_12_agencies(demo):
    calendar = current_calendar()
    step = get_step("agency_return_request")
    for rapid_review in RapidReview.objects.prefetch_related("returns"):
        returns = list(rapid_review.returns.all())
        assert 5 <= len(returns) <= 12
        assert set(rapid_review.incident.agencies_involved.all()) >= {r.agency for r in returns}
        for agency_return in returns:
            assert agency_return.due_on == step.due_date(agency_return.requested_on, calendar)
            assert agency_return.requested_on > rapid_review.notified_on
            assert str(rapid_review.incident.reference) in agency_return.request_message
            if agency_return.status == ReturnStatus.SUBMITTED:
                assert agency_return.requested_on < agency_return.submitted_on <= demo
                assert all(getattr(agency_return, name) for name in RETURN_SECTIONS)
            if agency_return.status == ReturnStatus.DRAFT:
                assert agency_return.summary_of_involvement and not agency_return.actions_taken


def test_the_demo_agency_lead_has_a_return_to_start_and_one_to_finish(demo):
    for lead in User.objects.filter(role=Role.AGENCY_LEAD, email__startswith="agency.lead@"):
        assert lead.agency.kind == AgencyKind.HEALTH_VISITING
        mine = AgencyReturn.objects.visible_to(lead)
        assert set(mine.values_list("agency_id", flat=True)) == {lead.agency_id}
        states = set(mine.values_list("status", flat=True))
        assert {ReturnStatus.REQUESTED, ReturnStatus.DRAFT} <= states, lead.email
        draft = mine.get(status=ReturnStatus.DRAFT)
        assert draft.entries.filter(created_by=lead).exists()


def test_review_group_decision_and_sending_follow_each_other(demo):
    for rapid_review in RapidReview.objects.exclude(status=RapidReviewStatus.OPEN):
        meeting = ReviewGroupMeeting.objects.get(rapid_review=rapid_review)
        assert rapid_review.notified_on < meeting.met_on <= demo
        assert meeting.recommendation and meeting.reasons and meeting.facts
        assert MeetingAttendee.objects.filter(meeting=meeting, agency__isnull=False).count() >= 5
        submitted = rapid_review.returns.values_list("submitted_on", flat=True)
        assert all(day is not None and day < meeting.met_on for day in submitted)
        decision = ExecutiveDecision.objects.filter(rapid_review=rapid_review).first()
        if rapid_review.status == RapidReviewStatus.REVIEW_GROUP_MET:
            assert decision is None
            continue
        assert meeting.met_on < decision.decided_on <= demo
        safety_actions = Action.objects.filter(
            recommendation__plan__rapid_review=rapid_review,
            recommendation__kind=RecommendationKind.SAFETY_ACTION,
        )
        assert safety_actions.count() >= 2
        assert decision.agrees == (decision.decision == meeting.recommendation)
        if rapid_review.status == RapidReviewStatus.DECIDED:
            assert rapid_review.sent_on is None and not rapid_review.sent_report
            continue
        assert decision.decided_on <= rapid_review.sent_on == rapid_review.incident.rapid_review_sent_on
        assert set(rapid_review.sent_report) == set(SECTION_TITLES)
        assert rapid_review.sent_by.role == Role.BUSINESS_MANAGER


def test_completed_rapid_reviews_cover_every_next_step_and_the_panel_member_responded(demo):
    panel_member = User.objects.get(email="panel.member1@panel.example")
    responded = RapidReview.objects.filter(status=RapidReviewStatus.RESPONDED)
    decisions = set(
        ExecutiveDecision.objects.filter(rapid_review__in=responded).values_list("decision", flat=True)
    )
    assert {
        Recommendation.LOCAL_CSPR,
        Recommendation.NO_FURTHER_REVIEW,
        Recommendation.OTHER_LEARNING_REVIEW,
    } <= decisions
    for rapid_review in responded:
        response = rapid_review.panel_response
        assert response.responded_by == panel_member
        assert rapid_review.sent_on < response.responded_on < demo
    awaiting = RapidReview.objects.filter(status=RapidReviewStatus.SENT)
    assert not PanelResponse.objects.filter(rapid_review__in=awaiting).exists()


def test_timeliness_records_agree_with_the_clock(demo):
    calendar = current_calendar()
    steps_by_status = {
        RapidReviewStatus.OPEN: {"agency_leads_contacted"},
        RapidReviewStatus.REVIEW_GROUP_MET: {"agency_leads_contacted", "review_group_meeting"},
        RapidReviewStatus.DECIDED: {"agency_leads_contacted", "review_group_meeting", "partners_sign_off"},
    }
    steps_by_status[RapidReviewStatus.SENT] = steps_by_status[RapidReviewStatus.DECIDED] | {"rapid_review"}
    steps_by_status[RapidReviewStatus.RESPONDED] = steps_by_status[RapidReviewStatus.SENT] | {
        "panel_response"
    }
    for rapid_review in RapidReview.objects.select_related("incident"):
        incident = rapid_review.incident
        done = dict(
            StepCompletion.objects.filter(incident=incident)
            .exclude(step_code__in=["notification", "safeguarding_partners_informed"])
            .values_list("step_code", "completed_on")
        )
        assert set(done) == steps_by_status[rapid_review.status], incident
        assert done["agency_leads_contacted"] == min(
            rapid_review.returns.values_list("requested_on", flat=True)
        )
        statuses = {status.step.code: status for status in incident_deadlines(incident, demo)}
        if rapid_review.is_sent:
            assert done["rapid_review"] == rapid_review.sent_on
            assert statuses["rapid_review"].completed_on == rapid_review.sent_on
            assert statuses["rapid_review"].due_on == calendar.add_working_days(rapid_review.notified_on, 15)
        else:
            assert statuses["rapid_review"].completed_on is None
    overdue = [
        rapid_review
        for rapid_review in RapidReview.objects.filter(sent_on__isnull=True)
        if rapid_review.notified_on < calendar.add_working_days(demo, -15)
    ]
    assert {rapid_review.partnership.slug for rapid_review in overdue} == {"gateshead", "leeds"}


def test_chronologies_have_a_few_hundred_entries_from_agencies_that_answered(demo):
    for rapid_review in RapidReview.objects.all():
        entries = ChronologyEntry.objects.filter(rapid_review=rapid_review)
        assert 150 <= entries.count() <= 600
        assert not entries.filter(agency_return__status=ReturnStatus.REQUESTED).exists()
        assert not entries.exclude(agency_return__rapid_review=rapid_review).exists()
        assert all(
            entry.agency_id == entry.agency_return.agency_id
            for entry in entries.select_related("agency_return")
        )
        assert not entries.filter(source_reference="").exists()
        key_share = entries.filter(key_practice_episode=True).count() / entries.count()
        assert 0.02 <= key_share <= 0.1
    for partnership in Partnership.objects.all():
        types = set(
            ChronologyEntry.objects.filter(partnership=partnership).values_list("event_type", flat=True)
        )
        assert types == set(EventType.values), partnership.slug


def test_uncertain_dates_read_back_as_the_upload_would_read_them(demo):
    uncertain = ChronologyEntry.objects.exclude(start_precision=DatePrecision.DAY)
    assert set(uncertain.values_list("start_precision", flat=True)) == {
        DatePrecision.APPROXIMATE,
        DatePrecision.MONTH,
        DatePrecision.YEAR,
    }
    for entry in [*uncertain, *ChronologyEntry.objects.filter(start_precision=DatePrecision.DAY)[:200]]:
        parsed = parse_start_date(entry.start_as_written, today=demo)
        assert (parsed.on, parsed.precision) == (entry.start_on, entry.start_precision)
    assert uncertain.filter(start_as_written__startswith="?").exists()
    assert ChronologyEntry.objects.filter(start_time__isnull=False).exists()


def test_each_chronology_shows_a_gap_and_the_same_event_from_two_agencies(demo):
    for rapid_review in RapidReview.objects.all():
        entries = list(ChronologyEntry.objects.filter(rapid_review=rapid_review, merged_into__isnull=True))
        found = gaps.find_gaps(gaps.covered(e.start_on, e.start_precision, e.end_on) for e in entries)
        assert any(gap.days > 120 for gap in found), rapid_review
        pairs = duplicates.find_duplicates(
            duplicates.Entry(e.pk, e.agency_id, e.start_on, e.start_precision, e.event_type, e.facts)
            for e in entries
        )
        decided = DuplicateDecision.objects.filter(rapid_review=rapid_review)
        if rapid_review.status == RapidReviewStatus.OPEN:
            assert pairs and not decided.exists()
        elif rapid_review.status == RapidReviewStatus.REVIEW_GROUP_MET:
            assert decided.exists()
        else:
            assert decided.filter(decision=DuplicateDecision.Decision.MERGED).exists()
            merged = ChronologyEntry.objects.filter(rapid_review=rapid_review, merged_into__isnull=False)
            assert merged.count() == decided.filter(decision=DuplicateDecision.Decision.MERGED).count()


def test_children_appear_by_pseudonym_only(demo):
    for child in Child.objects.filter(incident__rapid_review__isnull=False).select_related("incident"):
        rapid_review = child.incident.rapid_review
        surname = child.name.split()[-1]
        texts = [
            *(value for row in rapid_review.chronology_entries.values_list(*TEXT_FIELDS) for value in row),
            *(
                value
                for row in rapid_review.returns.values_list(*RETURN_SECTIONS, "request_message")
                for value in row
            ),
            *rapid_review.sent_report.values(),
            *rapid_review.report.values(),
        ]
        meeting = ReviewGroupMeeting.objects.filter(rapid_review=rapid_review).first()
        if meeting:
            texts += [meeting.facts, meeting.learning, meeting.reasons]
        assert not [text for text in texts if child.name in text or surname in text], child.pseudonym
        assert any(child.pseudonym in text for text in texts)


def test_the_audit_trail_has_a_few_rows_per_rapid_review_not_one_per_entry(demo):
    assert not AuditEvent.objects.filter(object_type="chronology.chronologyentry").exists()
    rows = AuditEvent.objects.filter(
        object_type__in=[
            "rapid_reviews.rapidreview",
            "rapid_reviews.agencyreturn",
            "rapid_reviews.reviewgroupmeeting",
        ]
    )
    assert RapidReview.objects.count() <= rows.count() <= 20 * RapidReview.objects.count()


def test_running_the_demo_again_adds_nothing(demo):
    models = (
        RapidReview,
        AgencyReturn,
        ChronologyEntry,
        DuplicateDecision,
        ReviewGroupMeeting,
        Action,
        PanelResponse,
        StepCompletion,
        AuditEvent,
    )
    counts = [model.objects.count() for model in models]
    load_demo()
    assert counts == [model.objects.count() for model in models]


def test_the_generator_is_deterministic_and_keeps_to_its_size():
    case = Case("Baby Test", dt.date(2026, 8, 1), dt.date(2026, 11, 1), dt.date(2026, 11, 2), "A summary.")
    contributors = [
        Contributor(1, AgencyKind.CHILDRENS_SOCIAL_CARE),
        Contributor(2, AgencyKind.POLICE),
        Contributor(3, AgencyKind.HEALTH_VISITING, share=0.5),
        Contributor(4, AgencyKind.MIDWIFERY),
    ]
    first = generate_chronology(random.Random(7), case, contributors, 250)  # noqa: S311
    again = generate_chronology(random.Random(7), case, contributors, 250)  # noqa: S311
    assert first == again
    assert 240 <= len(first) <= 260
    assert [entry["start_on"] for entry in first] == sorted(entry["start_on"] for entry in first)
    assert sum(entry["facts"].startswith("Admitted to the labour ward") for entry in first) <= 1
    assert {entry["agency_id"] for entry in first} == {1, 2, 3, 4}
