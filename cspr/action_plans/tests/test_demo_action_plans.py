"""The demo action plans: every partnership has plans from rapid reviews, practice reviews and a national
report, with actions in every state (overdue included), a closed recommendation and one sent back; the
demo agency lead sees only their own agency's actions, in several states; evidence files are real
files; and loading the demo twice adds nothing."""

import datetime as dt
import io
from collections import Counter
from zoneinfo import ZoneInfo

import openpyxl
import pytest
import time_machine
from django.db import transaction
from django.test import override_settings
from docx import Document
from pypdf import PdfReader

from cspr.accounts.models import Role, User
from cspr.action_plans import rules
from cspr.action_plans.models import (
    Action,
    ActionPlan,
    AssuranceDecision,
    AssuranceOutcome,
    Evidence,
    ProgressUpdate,
    Recommendation,
    RecommendationKind,
    Source,
)
from cspr.deadlines.clock import current_calendar
from cspr.demo.action_plans import load_demo_action_plans
from cspr.demo.loader import load_demo
from cspr.incidents.models import Child
from cspr.partnerships.models import Partnership

LONDON = ZoneInfo("Europe/London")
TODAY = dt.date(2026, 11, 26)
CHEAP_HASHING = ["conftest.CheapArgon2PasswordHasher"]


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo loaded once for every test of this module (it takes seconds), and rolled back after; its
    files go to a media folder of its own."""
    media = tmp_path_factory.mktemp("demo-media")
    with (
        django_db_blocker.unblock(),
        time_machine.travel(dt.datetime(2026, 11, 26, 9, tzinfo=LONDON), tick=False),
        override_settings(PASSWORD_HASHERS=CHEAP_HASHING, MEDIA_ROOT=media),
        transaction.atomic(),
    ):
        load_demo()
        yield media
        transaction.set_rollback(True)


@pytest.fixture
def demo(loaded, db, settings):
    settings.MEDIA_ROOT = loaded
    return TODAY


def test_every_partnership_has_plans_from_each_kind_of_source(demo):
    for partnership in Partnership.objects.all():
        plans = ActionPlan.objects.filter(partnership=partnership)
        sources = Counter(plan.source for plan in plans)
        assert sources[Source.RAPID_REVIEW] >= 2, partnership.slug
        assert sources[Source.PRACTICE_REVIEW] >= 4, partnership.slug
        assert sources[Source.NATIONAL_REPORT] == 1, partnership.slug
        national = plans.get(source=Source.NATIONAL_REPORT)
        assert "Child Safeguarding Practice Review Panel" in national.national_report
        assert national.national_report_url.startswith("https://www.gov.uk/")
        for plan in plans.filter(source=Source.PRACTICE_REVIEW):
            assert plan.practice_review.stage in ("pre_publication", "published", "improvements_published")
            assert 3 <= plan.recommendations.count() <= 6
        for plan in plans.filter(source=Source.RAPID_REVIEW):
            kinds = Counter(plan.recommendations.values_list("kind", flat=True))
            assert kinds[RecommendationKind.SAFETY_ACTION] == 3
            assert kinds[RecommendationKind.IMMEDIATE_LEARNING] >= 1


def test_recommendations_have_agencies_themes_and_actions_of_those_agencies(demo):
    for recommendation in Recommendation.objects.prefetch_related("agencies", "themes", "actions"):
        agencies = set(recommendation.agencies.all())
        assert 1 <= len(agencies) <= 3
        assert recommendation.themes.exists()
        actions = list(recommendation.actions.all())
        assert {action.agency for action in actions} == agencies
        assert recommendation.due_on == max(action.due_on for action in actions)
        assert all(action.agency.partnership_id == recommendation.partnership_id for action in actions)


def test_every_state_is_shown_in_every_partnership(demo):
    for partnership in Partnership.objects.all():
        actions = Action.objects.filter(partnership=partnership)
        shown = Counter(action.display_status(demo) for action in actions)
        assert set(shown) == set(rules.DISPLAY_STATUSES), partnership.slug
        assert shown[rules.OVERDUE] >= 5
        long_overdue = [a for a in actions if a.is_overdue(demo) and (demo - a.due_on).days > 60]
        assert long_overdue, partnership.slug
        sent_back = AssuranceDecision.objects.filter(
            partnership=partnership, outcome=AssuranceOutcome.SENT_BACK
        )
        assert sent_back.exists() and all(decision.reasons for decision in sent_back)
        assert all(decision.action.status == rules.ON_TRACK for decision in sent_back)
        closed = Recommendation.objects.filter(partnership=partnership, closed_on__isnull=False)
        assert closed.exists()
        for recommendation in closed:
            assured_on = [action.assured_on for action in recommendation.actions.all()]
            assert rules.is_closed(list(recommendation.actions.values_list("status", flat=True)))
            assert recommendation.closed_on == max(assured_on)
        open_ones = Recommendation.objects.filter(partnership=partnership, closed_on__isnull=True)
        assert all(not rules.is_closed([a.status for a in r.actions.all()]) for r in open_ones)


def test_dates_fit_the_states(demo):
    calendar = current_calendar()
    for action in Action.objects.select_related("recommendation__plan"):
        agreed_on = action.recommendation.plan.agreed_on
        assert action.due_on > agreed_on
        if action.due_working_days:
            assert action.due_on == calendar.add_working_days(agreed_on, action.due_working_days)
        if action.status == rules.ASSURED:
            assert agreed_on < action.completed_on <= action.assured_on < demo < action.retest_on
            decision = action.assurance_decisions.first()
            assert decision.outcome == AssuranceOutcome.ASSURED and decision.evidence_reviewed
            assert decision.retest_on == action.retest_on
        elif action.status == rules.COMPLETE:
            assert agreed_on < action.completed_on < demo and action.assured_on is None
        else:
            assert action.completed_on is None and action.assured_on is None
        updates = list(action.updates.all())
        if updates:  # the latest is the agency's own status; assurance is a decision, not an update
            reported = rules.COMPLETE if action.status == rules.ASSURED else action.status
            assert updates[0].status == reported
        assert all(agreed_on < update.written_at.date() < demo for update in updates)


def test_the_demo_agency_lead_sees_only_their_agencys_actions_in_several_states(demo):
    for lead in User.objects.filter(role=Role.AGENCY_LEAD):
        visible = list(Action.objects.visible_to(lead))
        own = Action.objects.filter(agency=lead.agency)
        assert set(visible) == set(own) and len(visible) >= 8
        states = {action.display_status(demo) for action in visible}
        assert len(states) >= 4 and rules.OVERDUE in states, lead.email
        assert ProgressUpdate.objects.filter(written_by=lead, from_spreadsheet=False).exists()
        assert all(
            update.action.agency_id == lead.agency_id for update in ProgressUpdate.objects.visible_to(lead)
        )
        plans = ActionPlan.objects.visible_to(lead)
        assert plans.exists() and all(plan.partnership_id == lead.partnership_id for plan in plans)
        others = Action.objects.filter(partnership=lead.partnership).exclude(agency=lead.agency)
        assert others.exists()


def test_evidence_files_are_real_files_of_their_type(demo):
    evidence = Evidence.objects.select_related("action__agency")
    assert {item.kind for item in evidence} == {"training", "policy", "audit"}
    for item in evidence:
        with item.file.open("rb") as handle:
            content = handle.read()
        agency = item.action.agency.name
        if item.original_name.endswith(".xlsx"):
            rows = list(openpyxl.load_workbook(io.BytesIO(content)).active.values)
            assert agency in rows[0][0] and rows[-1][0] == "All teams"
        elif item.original_name.endswith(".docx"):
            paragraphs = [paragraph.text for paragraph in Document(io.BytesIO(content)).paragraphs]
            assert agency in paragraphs[0] and item.action.what_will_change in paragraphs
        else:
            reader = PdfReader(io.BytesIO(content))
            assert len(reader.pages) == 1
            text = reader.pages[0].extract_text()
            assert agency in text and "Audit of records" in text


def test_no_child_is_named_and_owners_are_roles(demo):
    names = Child.objects.exclude(name="").values_list("name", flat=True)
    first_names = {name.split()[0] for name in names}
    assert first_names
    texts = [plan.title for plan in ActionPlan.objects.all()]
    texts += list(Recommendation.objects.values_list("text", flat=True))
    texts += list(ProgressUpdate.objects.values_list("note", flat=True))
    for text in texts:
        assert not any(name in text.split() for name in first_names), text
    owners = set(Action.objects.values_list("owner", flat=True))
    assert "Named Nurse for Safeguarding" in owners


def test_loading_again_adds_nothing(demo):
    counts = (ActionPlan.objects.count(), Action.objects.count(), Evidence.objects.count())
    for number, partnership in enumerate(Partnership.objects.order_by("pk")):
        assert load_demo_action_plans(partnership, number) == 0
    assert counts == (ActionPlan.objects.count(), Action.objects.count(), Evidence.objects.count())
