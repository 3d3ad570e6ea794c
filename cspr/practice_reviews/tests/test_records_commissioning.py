"""Commissioning a practice review from a rapid review (or without one), its details and its terms of
reference, through the pages: who may, what is preset from the decision, the refusals, and the audit."""

import datetime as dt
import json

import pytest
import time_machine
from django.urls import reverse

from conftest import make_incident
from cspr.audit.models import AuditEvent
from cspr.library.models import Theme
from cspr.practice_reviews.models import PracticeReview, ReviewKind, Stage
from cspr.rapid_reviews.models import PanelResponse, PanelResponseKind, RapidReview, Recommendation
from cspr.rapid_reviews.tests.matrix_decision import decided_rapid_review

from .records import appoint_reviewer, make_practice_review

pytestmark = pytest.mark.django_db
NOTES = "Two agencies did not share the bruising concerns."


@pytest.fixture(autouse=True)
def tuesday_1_december():
    with time_machine.travel(dt.datetime(2026, 12, 1, 10, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def ctx(incident, agency):
    return {"incident": incident, "agency": agency, "partnership": incident.partnership}


def decided(ctx, decision=Recommendation.LOCAL_CSPR):
    rapid_review = decided_rapid_review(ctx)
    rapid_review.executive_decision.decision = decision
    rapid_review.executive_decision.decided_by_role = "Director of children's services"
    rapid_review.executive_decision.save()
    return rapid_review


def commission_url(rapid_review):
    return reverse("practice_reviews:commission", args=[rapid_review.pk])


def date_fields(name, day):
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}


def commission_data(**extra):
    return {
        "kind": ReviewKind.LOCAL_CSPR,
        "title": "The Quiet House",
        "decided_by": "The executive",
        "decision_notes": NOTES,
        **date_fields("decided_on", dt.date(2026, 11, 26)),
        **extra,
    }


def test_the_rapid_review_page_offers_commissioning_to_the_business_manager_only(
    client, ctx, business_manager, review_group_member
):
    rapid_review = decided(ctx)
    client.force_login(business_manager)
    page = client.get(rapid_review.get_absolute_url()).content.decode()
    assert "Commission the practice review" in page
    assert commission_url(rapid_review) in page
    client.force_login(review_group_member)
    assert (
        "Commission the practice review" not in client.get(rapid_review.get_absolute_url()).content.decode()
    )


def test_no_further_review_offers_nothing_and_the_page_refuses(client, ctx, business_manager):
    rapid_review = decided(ctx, Recommendation.NO_FURTHER_REVIEW)
    client.force_login(business_manager)
    assert (
        "Commission the practice review" not in client.get(rapid_review.get_absolute_url()).content.decode()
    )
    response = client.get(commission_url(rapid_review), follow=True)
    assert response.redirect_chain[-1][0] == rapid_review.get_absolute_url()
    assert "There is no review to commission" in response.content.decode()


def test_the_form_is_preset_from_the_executive_decision(client, ctx, business_manager):
    rapid_review = decided(ctx)
    client.force_login(business_manager)
    page = client.get(commission_url(rapid_review)).content.decode()
    assert 'value="local_cspr" checked' in page
    assert "Alex Director, Director of children&#x27;s services" in page
    assert 'name="decided_on_day" value="26"' in page


def test_a_national_review_is_preset_from_the_panels_response(client, ctx, business_manager):
    rapid_review = decided(ctx, Recommendation.SUGGEST_NATIONAL_REVIEW)
    PanelResponse.objects.create(
        partnership=rapid_review.partnership,
        rapid_review=rapid_review,
        response=PanelResponseKind.NATIONAL_REVIEW,
        responded_on=dt.date(2026, 11, 30),
    )
    client.force_login(business_manager)
    page = client.get(commission_url(rapid_review)).content.decode()
    assert 'value="national_review" checked' in page
    assert "Child Safeguarding Practice Review Panel" in page


def test_commissioning_links_the_rapid_review_and_audits_without_the_reasons(client, ctx, business_manager):
    rapid_review = decided(ctx)
    client.force_login(business_manager)
    response = client.post(commission_url(rapid_review), commission_data())
    review = PracticeReview.objects.get()
    assert response.url == review.get_absolute_url()
    assert review.reference == "PR 2026/01"
    assert review.kind == ReviewKind.LOCAL_CSPR
    assert review.stage == Stage.COMMISSIONING
    assert not review.is_thematic
    assert list(review.rapid_reviews.all()) == [rapid_review]
    assert list(review.incidents.all()) == [rapid_review.incident]
    assert review.created_by == business_manager
    logged = json.dumps(list(AuditEvent.objects.values("changes", "object_repr")))
    assert "PR 2026/01" in logged
    assert NOTES not in logged
    assert "The executive" not in logged
    # Commissioned once: the rapid review's page now links it and offers no second one.
    page = client.get(rapid_review.get_absolute_url()).content.decode()
    assert review.get_absolute_url() in page
    assert "Commission the practice review" not in page
    again = client.get(commission_url(rapid_review))
    assert again.url == review.get_absolute_url()


def test_ticking_further_rapid_reviews_makes_a_thematic_review(client, ctx, partnership, business_manager):
    rapid_review = decided(ctx)
    other_incident = make_incident(partnership, reference="2026/002")
    other = RapidReview.objects.create(
        partnership=partnership,
        incident=other_incident,
        opened_on=dt.date(2026, 11, 20),
        notified_on=dt.date(2026, 11, 20),
        aware_on=other_incident.aware_on,
    )
    client.force_login(business_manager)
    assert "Incident 2026/002" in client.get(commission_url(rapid_review)).content.decode()
    client.post(commission_url(rapid_review), commission_data(further_rapid_reviews=[str(other.pk)]))
    review = PracticeReview.objects.get()
    assert review.is_thematic
    assert set(review.rapid_reviews.all()) == {rapid_review, other}
    assert set(review.incidents.all()) == {rapid_review.incident, other_incident}


def test_the_form_keeps_what_was_typed_and_explains_errors(client, ctx, business_manager):
    rapid_review = decided(ctx)
    client.force_login(business_manager)
    data = commission_data(
        kind=ReviewKind.LEARNING_REVIEW, title="", **date_fields("decided_on", dt.date(2026, 12, 5))
    )
    page = client.post(commission_url(rapid_review), data).content.decode()
    assert "govuk-form-group--error" in page
    assert "Enter the review&#x27;s title" in page
    assert "The date of the decision must be today or in the past" in page
    assert "Select the kind of learning review" in page
    assert NOTES in page
    assert not PracticeReview.objects.exists()


def test_another_partnership_cannot_commission_from_this_rapid_review(client, ctx, other_business_manager):
    rapid_review = decided(ctx)
    client.force_login(other_business_manager)
    assert client.post(commission_url(rapid_review), commission_data()).status_code == 404
    assert not PracticeReview.objects.exists()


def test_a_learning_review_not_from_a_rapid_review(client, incident, business_manager):
    client.force_login(business_manager)
    url = reverse("practice_reviews:new")
    assert "2026/001 (aware 23 November 2026)" in client.get(url).content.decode()
    data = commission_data(
        kind=ReviewKind.LEARNING_REVIEW,
        learning_method="multi_agency_case_review",
        incidents=[str(incident.pk)],
    )
    client.post(url, data)
    review = PracticeReview.objects.get()
    assert review.kind == ReviewKind.LEARNING_REVIEW
    assert review.learning_method == "multi_agency_case_review"
    assert list(review.incidents.all()) == [incident]
    assert not review.rapid_reviews.exists()


def test_editing_sets_the_planned_date_themes_and_summary(client, partnership, business_manager):
    review = make_practice_review(partnership)
    themes = list(Theme.objects.filter(is_active=True)[:2])
    client.force_login(business_manager)
    data = {
        "title": "Child K",
        "decided_by": "The executive",
        **date_fields("decided_on", dt.date(2026, 11, 26)),
        **date_fields("planned_publication_on", dt.date(2027, 4, 30)),
        "themes": [str(theme.pk) for theme in themes],
        "public_summary": "Neglect and the voice of the child.",
    }
    response = client.post(reverse("practice_reviews:edit", args=[review.pk]), data)
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.planned_publication_on == dt.date(2027, 4, 30)
    assert set(review.themes.all()) == set(themes)
    page = client.get(review.get_absolute_url()).content.decode()
    assert themes[0].label in page
    assert "30 April 2027" in page


def test_the_planned_publication_cannot_be_before_the_decision(client, partnership, business_manager):
    review = make_practice_review(partnership)
    client.force_login(business_manager)
    data = {
        "title": "Child K",
        "decided_by": "The executive",
        **date_fields("decided_on", dt.date(2026, 11, 26)),
        **date_fields("planned_publication_on", dt.date(2026, 11, 1)),
    }
    page = client.post(reverse("practice_reviews:edit", args=[review.pk]), data).content.decode()
    assert "The planned publication date must be after the decision (26 November 2026)" in page


def terms_data(**extra):
    return {
        **date_fields("scope_start_on", dt.date(2025, 1, 1)),
        **date_fields("scope_end_on", dt.date(2026, 11, 21)),
        "key_lines_of_enquiry": "How did agencies share information about bruising?",
        "methodology": "scie_learning_together",
        **extra,
    }


def test_agreed_terms_start_the_review_once_the_reviewer_has_declared(
    client, partnership, business_manager, independent_reviewer
):
    review = make_practice_review(partnership)
    client.force_login(business_manager)
    url = reverse("practice_reviews:terms", args=[review.pk])
    client.post(url, terms_data())
    review.refresh_from_db()
    assert review.methodology == "scie_learning_together"
    assert review.stage == Stage.COMMISSIONING  # a draft: not agreed yet
    appoint_reviewer(review, independent_reviewer)
    client.post(url, terms_data(**date_fields("terms_agreed_on", dt.date(2026, 11, 30))))
    review.refresh_from_db()
    assert review.terms_agreed_on == dt.date(2026, 11, 30)
    assert review.stage == Stage.RUNNING
    logged = json.dumps(list(AuditEvent.objects.values("changes")))
    assert "bruising" not in logged
    assert '"stage": ["commissioning", "running"]' in logged


def test_terms_errors(client, partnership, business_manager):
    review = make_practice_review(partnership)
    client.force_login(business_manager)
    data = terms_data(
        methodology="other",
        **date_fields("scope_end_on", dt.date(2024, 1, 1)),
        **date_fields("terms_agreed_on", dt.date(2026, 11, 20)),
    )
    page = client.post(reverse("practice_reviews:terms", args=[review.pk]), data).content.decode()
    assert "The end of the scope period must be after its start" in page
    assert "Enter the methodology" in page
    assert "The date agreed must be on or after the decision (26 November 2026)" in page


def test_only_the_business_manager_changes_the_record_and_not_after_publication(
    client, partnership, business_manager, executive_member
):
    review = make_practice_review(partnership)
    client.force_login(executive_member)
    assert client.get(reverse("practice_reviews:terms", args=[review.pk])).status_code == 403
    assert "Record<span" not in client.get(review.get_absolute_url()).content.decode()
    review.published_on = dt.date(2026, 11, 30)
    review.save()
    client.force_login(business_manager)
    assert client.get(reverse("practice_reviews:edit", args=[review.pk])).status_code == 403
