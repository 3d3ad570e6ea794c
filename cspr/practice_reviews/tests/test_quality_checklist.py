"""Quality assurance of the final report: the checklists, the page that answers them, and what is stored.

The final report is checked against the ten points every review must do and, optionally, the 18 quality
markers; each point met, partly met or not met with where the report deals with it. Nothing is checked
before a final report exists, and the audit log never holds the comments' text.
"""

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from cspr.audit.models import AuditEvent
from cspr.practice_reviews.checklists import (
    MARKER_GROUPS,
    MUST_DO,
    MUST_DO_CHECKLIST,
    QUALITY_MARKERS,
    QUALITY_MARKERS_CHECKLIST,
    markers_in,
    point,
)
from cspr.practice_reviews.forms.quality import field_name
from cspr.practice_reviews.models import QualityAnswer, QualityAssurance, Stage
from cspr.practice_reviews.quality import quality_summary

from .quality_records import upload_final_report
from .records import practice_review

LONDON = ZoneInfo("Europe/London")
COMMENT = "Mother's account of the night of 3 November is quoted at length."


@pytest.fixture(autouse=True)
def tenth_of_march():
    with time_machine.travel(dt.datetime(2027, 3, 10, 10, tzinfo=LONDON), tick=False):
        yield


@pytest.fixture
def ctx(incident, agency):
    return {"incident": incident, "agency": agency, "partnership": incident.partnership}


@pytest.fixture
def review(ctx):
    return practice_review(ctx)


@pytest.fixture
def bm(client, business_manager):
    client.force_login(business_manager)
    return client


def quality_url(review):
    return reverse("practice_reviews:quality", args=[review.pk])


def rated(checklist=MUST_DO_CHECKLIST, points=MUST_DO, rating="met", **extra) -> dict:
    data = {}
    for item in points:
        data[field_name(checklist, item.code, "rating")] = rating
        data[field_name(checklist, item.code, "section")] = f"Section {item.code}"
    data.update(extra)
    return data


def test_the_checklists_hold_the_ten_must_do_points_and_the_eighteen_markers_in_three_groups():
    assert len(MUST_DO) == 10
    assert len(QUALITY_MARKERS) == 18
    assert [len(markers_in(group.code)) for group in MARKER_GROUPS] == [5, 8, 5]
    codes = [item.code for item in (*MUST_DO, *QUALITY_MARKERS)]
    assert len(set(codes)) == len(codes)
    assert point(MUST_DO_CHECKLIST, "child_perspective").question.startswith("Does the report reflect")
    assert point(QUALITY_MARKERS_CHECKLIST, "family_involvement").group == "running"
    assert point(MUST_DO_CHECKLIST, "no_such_point") is None


def test_before_the_final_report_the_page_says_why_and_nothing_is_saved(bm, review):
    page = bm.get(quality_url(review))
    assert page.status_code == 200
    assert "The final report has not been uploaded yet" in page.content.decode()

    response = bm.post(quality_url(review), rated(), follow=True)
    assert "Quality assurance starts once the final report is uploaded" in response.content.decode()
    assert not QualityAssurance.objects.exists()


def test_the_page_shows_every_point_of_both_checklists(bm, review):
    upload_final_report(review)
    page = bm.get(quality_url(review)).content.decode()
    for item in (*MUST_DO, *QUALITY_MARKERS):
        assert item.question.replace("'", "&#x27;") in page
    assert "version 1" in page


def test_saving_answers_stores_them_on_the_final_report_and_moves_the_stage(bm, review):
    final = upload_final_report(review)
    data = rated(**{field_name(MUST_DO_CHECKLIST, "recommendations", "rating"): "partly_met"})
    data[field_name(MUST_DO_CHECKLIST, "child_perspective", "comment")] = COMMENT

    response = bm.post(quality_url(review), data)

    assert response.status_code == 302
    quality = QualityAssurance.objects.get(practice_review=review)
    assert quality.final_draft == final
    answers = {a.point: a for a in quality.answers.all()}
    assert len(answers) == 10
    assert answers["recommendations"].rating == "partly_met"
    assert answers["overview"].report_section == "Section overview"
    assert answers["child_perspective"].comment == COMMENT
    review.refresh_from_db()
    assert review.stage == Stage.QUALITY_ASSURANCE
    summary = quality_summary(review)
    assert summary["must_do"] == {"met": 9, "partly_met": 1, "not_met": 0, "unanswered": 0, "total": 10}
    assert summary["quality_markers"] is None
    audit = json.dumps(list(AuditEvent.objects.values("changes", "object_repr")))
    assert "Mother" not in audit and "Section overview" not in audit


def test_a_note_without_a_rating_is_refused_and_everything_typed_is_kept(bm, review):
    upload_final_report(review)
    data = rated(points=MUST_DO[:3])
    data[field_name(MUST_DO_CHECKLIST, "overview", "comment")] = COMMENT

    response = bm.post(quality_url(review), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-form-group--error" in page
    assert (
        "Select met, partly met or not met for “Overview of circumstances”, or clear what you typed" in page
    )
    assert "quoted at length" in page
    assert "Section proportionate" in page
    assert not QualityAnswer.objects.exists()


def test_points_can_be_answered_a_few_at_a_time(bm, review):
    upload_final_report(review)
    bm.post(quality_url(review), rated(points=MUST_DO[:4]))
    assert quality_summary(review)["must_do"]["unanswered"] == 6

    page = bm.get(quality_url(review)).content.decode()
    assert "Section proportionate" in page


def test_quality_markers_are_saved_only_when_ticked_and_kept_when_unticked(bm, review):
    upload_final_report(review)
    markers = rated(QUALITY_MARKERS_CHECKLIST, QUALITY_MARKERS[:5], "not_met")

    bm.post(quality_url(review), {**rated(), **markers})
    assert not QualityAnswer.objects.filter(checklist=QUALITY_MARKERS_CHECKLIST).exists()

    bm.post(quality_url(review), {**rated(), **markers, "use_quality_markers": "on"})
    assert QualityAnswer.objects.filter(checklist=QUALITY_MARKERS_CHECKLIST).count() == 5
    summary = quality_summary(review)
    assert summary["quality_markers"] == {
        "met": 0,
        "partly_met": 0,
        "not_met": 5,
        "unanswered": 13,
        "total": 18,
    }

    bm.post(quality_url(review), rated())
    assert QualityAnswer.objects.filter(checklist=QUALITY_MARKERS_CHECKLIST).count() == 5
    assert quality_summary(review)["quality_markers"] is None


def test_the_status_page_shows_the_quality_assurance_to_decision_makers_only(
    client, independent_reviewer, executive_member, business_manager, review
):
    upload_final_report(review)
    client.force_login(business_manager)
    client.post(quality_url(review), rated(rating="not_met"))

    client.force_login(executive_member)
    page = client.get(review.get_absolute_url()).content.decode()
    assert 'id="quality"' in page
    assert "0 met, 0 partly met, 10 not met" in page

    client.force_login(independent_reviewer)
    response = client.get(review.get_absolute_url())
    assert response.status_code == 200
    assert 'id="quality"' not in response.content.decode()
