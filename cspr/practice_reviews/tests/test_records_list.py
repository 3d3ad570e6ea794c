"""The list of practice reviews: who sees which, the filters (kind, stage, late), sorting, the reviewer's
awaited declarations, the empty state, and the business manager's CSV export."""

import csv
import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse

from cspr.audit.models import AuditAction, AuditEvent
from cspr.practice_reviews.models import CommissioningNotice, NoticeRecipient, ReviewKind, Stage

from .records import appoint_reviewer, make_practice_review

pytestmark = pytest.mark.django_db
LIST = reverse("practice_reviews:list")


@pytest.fixture(autouse=True)
def friday_18_december():
    """The reviews decided 26 November are past their reviewer's date (17 December)."""
    with time_machine.travel(dt.datetime(2026, 12, 18, 10, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def reviews(partnership, other_partnership):
    late = make_practice_review(partnership, title="Bella and Ben")
    on_time = make_practice_review(
        partnership, kind=ReviewKind.LEARNING_REVIEW, title="The Unseen Men", decided_on=dt.date(2026, 12, 10)
    )
    theirs = make_practice_review(other_partnership, title="Baby Iris")
    return {"late": late, "on_time": on_time, "theirs": theirs}


def titles(client, query=""):
    page = client.get(f"{LIST}{query}").content.decode()
    return {title for title in ("Bella and Ben", "The Unseen Men", "Baby Iris") if title in page}


def test_the_partnership_sees_its_own_reviews(client, reviews, review_group_member):
    client.force_login(review_group_member)
    assert titles(client) == {"Bella and Ben", "The Unseen Men"}


def test_filters_by_kind_stage_and_late(client, reviews, business_manager):
    client.force_login(business_manager)
    assert titles(client, "?kind=learning_review") == {"The Unseen Men"}
    assert titles(client, "?late=on") == {"Bella and Ben"}
    assert titles(client, "?stage=running") == set()
    reviews["on_time"].stage = Stage.RUNNING
    reviews["on_time"].save()
    assert titles(client, "?stage=running") == {"The Unseen Men"}
    page = client.get(f"{LIST}?stage=published").content.decode()
    assert "No reviews match these filters" in page


def test_sorted_by_decision_latest_first_or_by_next_deadline(client, reviews, business_manager):
    client.force_login(business_manager)
    page = client.get(LIST).content.decode()
    assert page.index("The Unseen Men") < page.index("Bella and Ben")
    page = client.get(f"{LIST}?sort=due&direction=asc").content.decode()
    assert page.index("Bella and Ben") < page.index("The Unseen Men")


def test_the_panel_sees_only_reviews_it_was_told_of(client, reviews, panel_member):
    client.force_login(panel_member)
    assert titles(client) == set()
    CommissioningNotice.objects.create(
        partnership=reviews["theirs"].partnership,
        practice_review=reviews["theirs"],
        recipient=NoticeRecipient.PANEL,
        letter="…",
        reviewer_named="A Reviewer",
        sent_on=dt.date(2026, 12, 1),
    )
    page = client.get(LIST).content.decode()
    assert "Baby Iris" in page
    assert reviews["theirs"].partnership.name in page


def test_a_reviewer_sees_awaited_declarations_but_not_the_review(client, reviews, independent_reviewer):
    assignment = appoint_reviewer(reviews["late"], independent_reviewer, declared=False)
    client.force_login(independent_reviewer)
    page = client.get(LIST).content.decode()
    assert "Declarations awaited" in page
    assert reverse("practice_reviews:declare", args=[assignment.pk]) in page
    assert reviews["late"].get_absolute_url() not in page
    assert "No practice reviews yet" in page
    appoint_reviewer(reviews["on_time"], independent_reviewer)
    page = client.get(LIST).content.decode()
    assert reviews["on_time"].get_absolute_url() in page


def test_empty_state(client, business_manager):
    client.force_login(business_manager)
    page = client.get(LIST).content.decode()
    assert "No practice reviews yet" in page
    assert reverse("practice_reviews:new") in page


def test_the_export_holds_the_filtered_rows_and_is_audited(client, reviews, business_manager):
    client.force_login(business_manager)
    response = client.get(reverse("practice_reviews:export") + "?late=on")
    assert response["Content-Disposition"].startswith('attachment; filename="practice-reviews-2026-12-18')
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Title"] == "Bella and Ben"
    assert row["Stage"] == "Commissioning"
    assert "Independent reviewer appointed" in row["Steps overdue"]
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, object_repr__contains="1 row").exists()


def test_only_the_business_manager_exports(client, reviews, executive_member):
    client.force_login(executive_member)
    assert client.get(reverse("practice_reviews:export")).status_code == 403
    assert "Download these practice reviews" not in client.get(LIST).content.decode()
