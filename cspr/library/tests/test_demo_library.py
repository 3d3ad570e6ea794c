"""The demo library: three fictional reviews for each seed partnership, imported through the library's
importer; public ones with confirmed themes, drafts with the tagger's suggestions to check; their
numbered recommendations found; a few adopted into action plans with an agency and an action; and
loading the demo again adds nothing."""

import datetime as dt
from collections import Counter
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import transaction
from django.test import override_settings

from cspr.action_plans.models import ActionPlan, Recommendation, Source
from cspr.demo.library import demo_texts, load_demo_library
from cspr.demo.loader import load_demo
from cspr.demo.partnerships import PARTNERSHIPS
from cspr.library.models import (
    EntrySource,
    EntryStatus,
    LibraryEntry,
    LibraryRecommendation,
    Theme,
    ThemeState,
)
from cspr.partnerships.models import Partnership

LONDON = ZoneInfo("Europe/London")
CHEAP_HASHING = ["conftest.CheapArgon2PasswordHasher"]


def load_library():
    for number, partnership in enumerate(Partnership.objects.order_by("pk")):
        load_demo_library(partnership, number)


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo loaded once for the module (with the library, whether or not `load_demo` calls it yet),
    and rolled back after; its files go to a media folder of its own."""
    media = tmp_path_factory.mktemp("demo-library-media")
    with (
        django_db_blocker.unblock(),
        time_machine.travel(dt.datetime(2026, 11, 26, 9, tzinfo=LONDON), tick=False),
        override_settings(PASSWORD_HASHERS=CHEAP_HASHING, MEDIA_ROOT=media),
        transaction.atomic(),
    ):
        load_demo()
        load_library()
        yield media
        transaction.set_rollback(True)


@pytest.fixture
def demo(loaded, db, settings):
    settings.MEDIA_ROOT = loaded


def test_the_texts_are_fictional_of_the_right_length_and_describe_themselves(db):
    texts = demo_texts()
    labels = set(Theme.objects.values_list("label", flat=True))
    slugs = {slug for slug, *_ in PARTNERSHIPS}
    assert Counter(text.partnership for text in texts) == dict.fromkeys(slugs, 3)
    for text in texts:
        body = text.path.read_text().split("\n---\n", 1)[1]
        assert 600 <= len(body.split()) <= 1500, text.path.name
        assert "This is a fictional" in body and "not a real case" in body.lower(), text.path.name
        assert text.status in (EntryStatus.PUBLIC, EntryStatus.DRAFT)
        assert set(text.themes) <= labels, text.path.name
        assert bool(text.themes) == (text.status == EntryStatus.PUBLIC), text.path.name


def test_every_partnership_has_public_reviews_with_confirmed_themes_and_drafts_to_check(demo):
    texts = {text.title: text for text in demo_texts()}
    for partnership in Partnership.objects.all():
        entries = LibraryEntry.objects.filter(partnership=partnership, source=EntrySource.IMPORTED)
        assert Counter(entries.values_list("status", flat=True)) == {"public": 2, "draft": 1}, (
            partnership.slug
        )
        for entry in entries:
            text = texts[entry.title]
            assert (entry.year, entry.review_type, entry.age_band, entry.harm) == (
                text.year,
                text.review_type,
                text.age_band,
                text.harm,
            )
            assert entry.area == partnership.name and entry.summary and entry.files.count() == 1
            assert entry.passages.count() > 20
            states = Counter(entry.entry_themes.values_list("state", flat=True))
            if entry.is_public:
                confirmed = entry.entry_themes.filter(state=ThemeState.CONFIRMED)
                assert {item.theme.label for item in confirmed} == set(text.themes)
                assert states[ThemeState.SUGGESTED] == 0
            else:
                assert states == {ThemeState.SUGGESTED: states[ThemeState.SUGGESTED]}
                assert states[ThemeState.SUGGESTED] >= 2, entry.title
                assert all(item.evidence for item in entry.entry_themes.all())


def test_each_reviews_numbered_recommendations_are_found(demo):
    for entry in LibraryEntry.objects.filter(source=EntrySource.IMPORTED):
        numbers = list(entry.recommendations.exclude(number="").values_list("number", flat=True))
        assert numbers[:4] in (["1", "2", "3", "4"], ["6.1", "6.2", "6.3", "6.4"]), entry.title
    sam = LibraryEntry.objects.get(title__startswith="Child V:")
    assert sam.recommendations.count() == 5


def test_a_few_recommendations_are_adopted_with_an_agency_and_an_action(demo):
    for number, partnership in enumerate(Partnership.objects.order_by("pk")):
        adopted = Recommendation.objects.filter(partnership=partnership, library_recommendation__isnull=False)
        assert adopted.count() == (2 if number == 0 else 3), partnership.slug
        plans = ActionPlan.objects.filter(partnership=partnership, source=Source.LIBRARY)
        assert plans.count() == (1 if number == 0 else 2)
        for recommendation in adopted:
            assert recommendation.plan in plans and recommendation.themes.exists()
            assert recommendation.text == recommendation.library_recommendation.text
            action = recommendation.actions.get()
            assert action.agency.partnership == partnership and recommendation.agencies.get() == action.agency
            assert action.due_on == recommendation.due_on


def test_loading_again_adds_nothing(demo):
    counts = (
        LibraryEntry.objects.count(),
        LibraryRecommendation.objects.count(),
        Recommendation.objects.count(),
        ActionPlan.objects.count(),
    )
    load_library()
    assert counts == (
        LibraryEntry.objects.count(),
        LibraryRecommendation.objects.count(),
        Recommendation.objects.count(),
        ActionPlan.objects.count(),
    )
