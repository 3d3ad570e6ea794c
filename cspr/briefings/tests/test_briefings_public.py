"""The public briefing pages: anyone may read a published review's briefings, nobody reads them before
publication, after the 12 months, after withdrawal, or when only the improvements were published; and
the child's real name never appears in them."""

import datetime as dt
import io

import docx
import pypdf
import pytest
import time_machine
from django.urls import reverse

from cspr.practice_reviews.models import PublicationDecision
from cspr.practice_reviews.tests.records import make_practice_review
from cspr.publication.rules import kept_until

from .records import make_briefing

PUBLISHED_ON = dt.date(2027, 3, 9)
DURING_THE_YEAR = dt.datetime(2027, 6, 1, 12, tzinfo=dt.UTC)


@pytest.fixture
def review(partnership, incident):
    review = make_practice_review(
        partnership,
        title="Child K",
        public_slug="child-k",
        publication_decision=PublicationDecision.PUBLISH_REPORT,
        published_on=PUBLISHED_ON,
    )
    review.incidents.add(incident)
    make_briefing(review)
    make_briefing(review, "six_step")
    return review


def urls(review, briefing_format="seven_minute") -> list[str]:
    args = [review.partnership.slug, review.public_slug, briefing_format]
    return [
        reverse(name, args=args)
        for name in ("public:briefing", "public:briefing-docx", "public:briefing-pdf")
    ]


def statuses(client, review, briefing_format="seven_minute") -> list[int]:
    return [client.get(url).status_code for url in urls(review, briefing_format)]


@time_machine.travel(DURING_THE_YEAR, tick=False)
def test_anyone_reads_a_published_reviews_briefings_without_signing_in(client, review):
    assert statuses(client, review) == [200, 200, 200]
    assert statuses(client, review, "six_step") == [200, 200, 200]
    page = client.get(urls(review)[0]).text
    assert "7. Further information" in page
    assert "Published 9 March 2027" in page
    assert reverse("public:review", args=["northshire", "child-k"]) in page


@time_machine.travel(DURING_THE_YEAR, tick=False)
def test_the_childs_real_name_is_on_no_public_page_or_document(client, review):
    page, word, pdf = (client.get(url) for url in urls(review))
    texts = [
        page.text,
        "\n".join(paragraph.text for paragraph in docx.Document(io.BytesIO(word.content)).paragraphs),
        "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf.content)).pages),
    ]
    for text in texts:
        assert "Child K" in text
        assert "Kai" not in text and "Testchild" not in text


def test_nothing_before_the_review_is_published(client, partnership):
    review = make_practice_review(partnership, title="Baby Rowan", public_slug="baby-rowan")
    make_briefing(review)
    assert statuses(client, review) == [404, 404, 404]


@time_machine.travel(dt.datetime(2027, 3, 8, 12, tzinfo=dt.UTC), tick=False)
def test_nothing_the_day_before_the_publication_date(client, review):
    assert statuses(client, review) == [404, 404, 404]


def test_after_the_twelve_months_the_briefing_leaves_the_website(client, review):
    last_day = kept_until(PUBLISHED_ON) - dt.timedelta(days=1)
    with time_machine.travel(dt.datetime.combine(last_day, dt.time(12), tzinfo=dt.UTC), tick=False):
        assert statuses(client, review) == [200, 200, 200]
    with time_machine.travel(
        dt.datetime.combine(kept_until(PUBLISHED_ON), dt.time(12), tzinfo=dt.UTC), tick=False
    ):
        assert statuses(client, review) == [404, 404, 404]


def test_a_review_kept_after_twelve_months_keeps_its_briefings(client, review):
    review.keep_published = True
    review.save()
    with time_machine.travel(dt.datetime(2029, 1, 10, 12, tzinfo=dt.UTC), tick=False):
        assert statuses(client, review) == [200, 200, 200]


@time_machine.travel(DURING_THE_YEAR, tick=False)
def test_a_withdrawn_review_has_no_public_briefing(client, review):
    review.withdrawn_on = dt.date(2027, 5, 1)
    review.save()
    assert statuses(client, review) == [404, 404, 404]


@time_machine.travel(DURING_THE_YEAR, tick=False)
def test_when_only_the_improvements_are_published_the_briefing_stays_private(client, review):
    review.publication_decision = PublicationDecision.IMPROVEMENTS_ONLY
    review.save()
    assert statuses(client, review) == [404, 404, 404]


@time_machine.travel(DURING_THE_YEAR, tick=False)
def test_a_format_not_written_or_unknown_is_not_found(client, partnership):
    review = make_practice_review(
        partnership,
        title="Bella and Ben",
        public_slug="bella-and-ben",
        publication_decision=PublicationDecision.PUBLISH_REPORT,
        published_on=PUBLISHED_ON,
    )
    make_briefing(review)
    assert statuses(client, review, "six_step") == [404, 404, 404]
    assert statuses(client, review, "ten_minute") == [404, 404, 404]


@time_machine.travel(DURING_THE_YEAR, tick=False)
def test_another_partnerships_address_does_not_reach_the_briefing(client, review, other_partnership):
    args = [other_partnership.slug, review.public_slug, "seven_minute"]
    assert client.get(reverse("public:briefing", args=args)).status_code == 404
