"""Family and practitioner involvement: who records it, the rules on its steps and dates, and what the
status page shows of it."""

import datetime as dt

import pytest
import time_machine
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from conftest import make_user
from cspr.audit.models import AuditEvent
from cspr.practice_reviews.models import InvolvementStep, MonitoringEntry, PracticeReview
from cspr.practice_reviews.views.running import section

from .records import appoint_reviewer, make_practice_review
from .running_records import TODAY, build_review


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def review(partnership, agency, incident, independent_reviewer, agency_lead):
    return build_review(partnership, agency, incident, independent_reviewer, agency_lead)


def url(review) -> str:
    return reverse("practice_reviews:involvement-add", args=[review.pk])


def step_data(
    track="family", step="invited", on=dt.date(2026, 11, 30), notes="Letter sent via the social worker."
):
    return {
        "track": track,
        "step": step,
        "happened_on_day": on.day,
        "happened_on_month": on.month,
        "happened_on_year": on.year,
        "notes": notes,
    }


def test_business_manager_records_the_family_invitation(client, business_manager, review):
    client.force_login(business_manager)
    response = client.post(url(review), step_data())
    assert response.status_code == 302
    step = InvolvementStep.objects.get(practice_review=review)
    assert (step.track, step.step, step.happened_on) == ("family", "invited", dt.date(2026, 11, 30))
    assert step.recorded_by == business_manager
    page = client.get(url(review)).content.decode()
    assert "30 November 2026" in page
    assert "Letter sent via the social worker." in page


def test_audit_row_says_notes_were_written_but_not_what_they_say(client, business_manager, review):
    client.force_login(business_manager)
    client.post(url(review), step_data(notes="Mother asked to meet at home."))
    event = AuditEvent.objects.get(object_type="practice_reviews.involvementstep")
    assert event.changes["notes"] == [None, "(not recorded)"]
    assert "Mother" not in str(event.changes)


def test_declared_reviewer_records_a_practitioner_event(client, independent_reviewer, review):
    client.force_login(independent_reviewer)
    response = client.post(url(review), step_data(track="practitioners", step="event_held", notes=""))
    assert response.status_code == 302
    assert InvolvementStep.objects.filter(practice_review=review, step="event_held").exists()


def test_a_practitioner_event_is_refused_for_the_family_keeping_what_was_typed(
    client, business_manager, review
):
    client.force_login(business_manager)
    response = client.post(url(review), step_data(step="event_held", notes="Typed notes kept"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "A practitioner event is for practitioners: select another step" in page
    assert "govuk-form-group--error" in page
    assert "Typed notes kept" in page
    assert not InvolvementStep.objects.exists()


@pytest.mark.parametrize(
    ("on", "message"),
    [
        (dt.date(2027, 1, 21), "The date must be today or in the past"),
        (
            dt.date(2026, 11, 25),
            "The date must be on or after the decision to initiate the review (26 November 2026)",
        ),
    ],
)
def test_dates_outside_the_review_are_refused(client, business_manager, review, on, message):
    client.force_login(business_manager)
    response = client.post(url(review), step_data(on=on))
    assert message in response.content.decode()
    assert not InvolvementStep.objects.exists()


def test_the_date_itself_is_required(client, business_manager, review):
    client.force_login(business_manager)
    data = step_data()
    data.update(happened_on_day="", happened_on_month="", happened_on_year="")
    response = client.post(url(review), data)
    assert "Enter the date it happened" in response.content.decode()


@pytest.mark.parametrize("persona", ["review_group_member", "executive_member", "agency_lead"])
def test_others_who_see_the_review_may_not_record_involvement(client, request, review, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.post(url(review), step_data()).status_code == 403
    assert not InvolvementStep.objects.exists()


def test_an_undeclared_reviewer_does_not_see_the_review(client, partnership, agency, incident, review):
    newcomer = make_user("independent_reviewer", partnership, email="newcomer@example.test")
    appoint_reviewer(review, newcomer, declared=False)
    client.force_login(newcomer)
    assert client.post(url(review), step_data()).status_code == 404


def test_nothing_more_is_recorded_once_published(client, business_manager, review):
    PracticeReview.objects.filter(pk=review.pk).update(published_on=dt.date(2027, 1, 10))
    client.force_login(business_manager)
    assert client.post(url(review), step_data()).status_code == 403


def _section(user, review) -> dict:
    request = RequestFactory().get("/")
    request.user = user
    return section(request, review)


def test_status_page_section_lists_each_track_with_its_steps(business_manager, review):
    InvolvementStep.objects.create(
        partnership=review.partnership,
        practice_review=review,
        track="practitioners",
        step="event_held",
        happened_on=dt.date(2027, 1, 12),
    )
    context = _section(business_manager, review)
    assert [(track, [s.step for s in steps]) for track, steps in context["running_involvement"]] == [
        ("Family", []),
        ("Practitioners", ["event_held"]),
    ]
    assert context["running_can_record_involvement"] is True
    assert context["running_can_record_monitoring"] is True


def test_status_page_section_shows_the_panel_nothing(panel_member, partnership):
    national = make_practice_review(partnership, kind="national_review", title="Child N")
    assert _section(panel_member, national) == {}


def test_status_page_partial_shows_involvement_monitoring_drafts_and_links(business_manager, review):
    InvolvementStep.objects.create(
        partnership=review.partnership,
        practice_review=review,
        track="family",
        step="invited",
        happened_on=dt.date(2026, 12, 1),
    )
    MonitoringEntry.objects.create(
        partnership=review.partnership,
        practice_review=review,
        kind="progress_check",
        entry_on=dt.date(2027, 1, 5),
        time_assessment="behind",
        quality_notes="Reviewer ill for two weeks.",
    )
    html = render_to_string(
        "practice_reviews/review/running.html",
        {"practice_review": review, **_section(business_manager, review)},
    )
    assert "1 December 2026" in html and "Invited to take part" in html
    assert "Behind" in html and "Reviewer ill for two weeks." in html
    assert "No draft of the report has been uploaded yet." in html
    for name in ("involvement-add", "monitoring-add", "drafts", "chronology"):
        assert reverse(f"practice_reviews:{name}", args=[review.pk]) in html


def test_status_page_partial_offers_the_review_panel_no_changes(agency_lead, review):
    html = render_to_string(
        "practice_reviews/review/running.html", {"practice_review": review, **_section(agency_lead, review)}
    )
    assert "Running the review" in html
    assert reverse("practice_reviews:drafts", args=[review.pk]) in html
    for name in ("involvement-add", "monitoring-add", "chronology"):
        assert reverse(f"practice_reviews:{name}", args=[review.pk]) not in html
