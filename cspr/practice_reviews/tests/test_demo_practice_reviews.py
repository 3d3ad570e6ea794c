"""The demo practice reviews: every partnership shows a review at every stage, the conflict-of-interest gate
works on the demo reviewers, published material is complete (briefings in both formats, documents, library
entries) and never names a child, and loading the demo twice adds nothing."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import transaction
from django.test import override_settings
from docx import Document

from cspr.accounts.models import Role, User
from cspr.briefings.formats import FORMATS
from cspr.briefings.models import LearningBriefing
from cspr.demo.loader import load_demo
from cspr.incidents.models import Child
from cspr.library.models import LibraryEntry
from cspr.partnerships.models import Partnership
from cspr.practice_reviews.checklists import MUST_DO, QUALITY_MARKERS
from cspr.practice_reviews.models import (
    Declaration,
    PracticeReview,
    QualityAnswer,
    ReviewerAssignment,
    ReviewKind,
    Stage,
)
from cspr.publication.gates import gate_statuses
from cspr.publication.models import CheckOutcome, DocumentKind, Gate
from cspr.publication.rules import PublicState, public_state

LONDON = ZoneInfo("Europe/London")
TODAY = dt.date(2026, 11, 26)
CHEAP_HASHING = ["conftest.CheapArgon2PasswordHasher"]


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo loaded once for every test of this module (it takes seconds), and rolled back after; its
    documents go to a media folder of its own (the per-test one does not exist yet at module scope)."""
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


def _docx_text(field_file) -> str:
    with field_file.open("rb") as handle:
        document = Document(io.BytesIO(handle.read()))
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


def test_every_partnership_has_a_review_at_every_stage_and_of_every_kind(demo):
    for partnership in Partnership.objects.all():
        reviews = list(PracticeReview.objects.filter(partnership=partnership))
        stages = {review.stage for review in reviews}
        assert stages >= {
            Stage.COMMISSIONING,
            Stage.RUNNING,
            Stage.QUALITY_ASSURANCE,
            Stage.PRE_PUBLICATION,
            Stage.PUBLISHED,
            Stage.IMPROVEMENTS_PUBLISHED,
        }, partnership.slug
        states = {public_state(review, demo) for review in reviews}
        assert {PublicState.PUBLISHED, PublicState.AVAILABLE_ON_REQUEST} <= states
        kinds = {review.kind for review in reviews}
        assert kinds == {ReviewKind.LOCAL_CSPR, ReviewKind.LEARNING_REVIEW, ReviewKind.NATIONAL_REVIEW}
        thematic = [review for review in reviews if review.is_thematic]
        assert len(thematic) == 1
        assert 2 <= thematic[0].incidents.count() <= 3


def test_stored_stages_are_the_derived_ones_and_dates_are_in_order(demo):
    for review in PracticeReview.objects.all():
        assert review.stage == review.derive_stage(), review.reference
        assert review.decided_on < demo
        if review.terms_agreed_on:
            assert review.decided_on <= review.terms_agreed_on < demo
        if review.published_on:
            assert review.decided_on < review.published_on < demo
        for draft in review.drafts.all():
            assert review.decided_on < draft.uploaded_at.date() < demo


def test_reviews_from_rapid_reviews_follow_the_executive_decision(demo):
    linked = PracticeReview.objects.filter(rapid_reviews__isnull=False).distinct()
    assert linked.count() >= 8
    for review in linked:
        rapid_review = review.rapid_reviews.get()
        assert review.incidents.filter(pk=rapid_review.incident_id).exists()
        if review.kind == ReviewKind.NATIONAL_REVIEW:
            assert rapid_review.panel_response.response == "national_review"
        else:
            assert review.decided_on == rapid_review.executive_decision.decided_on
            expected = "local_cspr" if review.kind == ReviewKind.LOCAL_CSPR else "other_learning_review"
            assert rapid_review.executive_decision.decision == expected


def test_the_demo_reviewer_sees_only_reviews_declared_free_of_conflict(demo):
    for partnership in Partnership.objects.all():
        reviewer = User.objects.get(email=f"reviewer@{partnership.slug}.example")
        visible = set(PracticeReview.objects.visible_to(reviewer))
        assigned = ReviewerAssignment.objects.filter(reviewer=reviewer)
        awaited = assigned.get(declaration=Declaration.AWAITED).practice_review
        assert awaited.stage == Stage.COMMISSIONING
        assert awaited not in visible
        declared = {a.practice_review for a in assigned.filter(declaration=Declaration.NO_CONFLICT)}
        assert visible == declared and len(declared) >= 3
        conflicted = User.objects.get(email=f"reviewer.conflicted@{partnership.slug}.example")
        assert conflicted.role == Role.INDEPENDENT_REVIEWER
        assert not PracticeReview.objects.visible_to(conflicted).exists()
        assignment = ReviewerAssignment.objects.get(reviewer=conflicted)
        assert assignment.declaration == Declaration.CONFLICT and assignment.ended_on is not None


def test_agency_lead_and_panel_see_the_reviews_they_are_part_of(demo):
    for lead in User.objects.filter(role=Role.AGENCY_LEAD):
        visible = PracticeReview.objects.visible_to(lead)
        assert {review.stage for review in visible} >= {
            Stage.RUNNING,
            Stage.QUALITY_ASSURANCE,
            Stage.PRE_PUBLICATION,
        }
        assert all(review.partnership_id == lead.partnership_id for review in visible)
    panel_member = User.objects.filter(role=Role.PANEL_MEMBER).first()
    seen = PracticeReview.objects.visible_to(panel_member)
    assert seen.filter(kind=ReviewKind.NATIONAL_REVIEW).count() == 5
    assert not seen.filter(kind=ReviewKind.LEARNING_REVIEW).exists()


def test_quality_assurance_uses_the_checklists_codes(demo):
    codes = {"must_do": {p.code for p in MUST_DO}, "quality_markers": {p.code for p in QUALITY_MARKERS}}
    answers = QualityAnswer.objects.all()
    assert answers.exists()
    for answer in answers:
        assert answer.point in codes[answer.checklist]
    for review in PracticeReview.objects.filter(stage=Stage.PUBLISHED):
        quality = review.quality_assurance
        assert quality.executive_signed_off_on and quality.review_group_signed_off_on
        assert quality.partners_response
        assert quality.answers.filter(checklist="must_do").count() == len(MUST_DO)


def test_published_reports_meet_their_gates_and_are_in_the_library(demo):
    published = PracticeReview.objects.filter(stage=Stage.PUBLISHED)
    assert published.count() == 15
    for review in published:
        assert all(gate.met for gate in gate_statuses(review)), review.reference
        assert {d.kind for d in review.documents.all()} >= {
            DocumentKind.FULL_REPORT,
            DocumentKind.EXECUTIVE_SUMMARY,
        }
        assert review.public_slug and review.lead_reviewer().published_name
        entry = LibraryEntry.objects.get(practice_review=review)
        assert entry.title == review.title and entry.themes.exists()
    for review in PracticeReview.objects.filter(stage=Stage.IMPROVEMENTS_PUBLISHED):
        assert review.improvements_statement and review.not_publishing_reasons
        assert not LibraryEntry.objects.filter(practice_review=review).exists()


def test_reviews_about_to_be_published_show_an_outstanding_gate_or_a_waiver(demo):
    for review in PracticeReview.objects.filter(stage=Stage.PRE_PUBLICATION):
        statuses = {status.code: status for status in gate_statuses(review)}
        assert review.planned_publication_on > demo
        outstanding = [code for code, status in statuses.items() if status.outstanding]
        waived = [code for code, status in statuses.items() if status.waiver]
        if outstanding:
            assert outstanding == [Gate.ANONYMISATION_CHECKED]
            assert review.anonymisation_checks.filter(outcome=CheckOutcome.FOUND).exists()
        else:
            assert waived == [Gate.COPY_TO_SECRETARY_OF_STATE]
            assert review.anonymisation_checks.filter(outcome=CheckOutcome.RESOLVED).exists()


def test_briefings_fill_every_section_of_their_format(demo):
    briefings = LearningBriefing.objects.all()
    assert {b.format for b in briefings} == set(FORMATS)
    for briefing in briefings:
        codes = FORMATS[briefing.format].codes()
        # JSON objects keep no key order on PostgreSQL (jsonb): compare the codes, not their order.
        assert sorted(briefing.sections) == sorted(codes)
        assert all(briefing.sections[code].strip() for code in codes)
        assert briefing.practice_review.title in briefing.title
    for review in PracticeReview.objects.filter(stage=Stage.PUBLISHED, kind=ReviewKind.LOCAL_CSPR):
        if public_state(review, demo) == PublicState.PUBLISHED:
            assert review.briefings.count() == 2


def test_nothing_public_names_a_child(demo):
    names = {part.lower() for name in Child.objects.values_list("name", flat=True) for part in name.split()}
    assert names
    public = PracticeReview.objects.exclude(published_on=None)
    for review in public:
        texts = [review.title, review.public_summary, review.improvements_statement]
        texts += [b.title + " ".join(b.sections.values()) for b in review.briefings.all()]
        texts += [_docx_text(document.file) for document in review.documents.all()]
        words = {word.strip(".,:;()'").lower() for text in texts for word in text.split()}
        assert not words & names, review.reference


def test_loading_the_demo_twice_adds_no_practice_review(demo):
    counts = (PracticeReview.objects.count(), User.objects.count(), LibraryEntry.objects.count())
    load_demo()
    assert counts == (PracticeReview.objects.count(), User.objects.count(), LibraryEntry.objects.count())
