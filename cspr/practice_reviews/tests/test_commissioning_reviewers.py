"""The independent reviewer: appointment, the conflict-of-interest declaration, and the gate it opens.

A reviewer sees nothing of the review (status page, drafts, chronology) until they declare no conflict;
a declared conflict keeps it closed and tells the business managers; ending the assignment closes it again.
"""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from conftest import make_user
from cspr.accounts.models import Role
from cspr.audit.models import AuditEvent
from cspr.practice_reviews.models import Declaration, ReviewerAssignment, Stage

from .records import appoint_reviewer, make_practice_review

TODAY = dt.date(2026, 12, 10)
GATED_URLS = ["practice_reviews:detail", "practice_reviews:drafts", "practice_reviews:chronology"]


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(dt.datetime(2026, 12, 10, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def review(partnership, incident, agency):
    review = make_practice_review(partnership, terms_agreed_on=dt.date(2026, 12, 1))
    review.incidents.add(incident)
    return review


def appoint(client, review, reviewer, **overrides):
    data = {
        "reviewer": str(reviewer.pk),
        "published_name": "Dr Alex Reviewer",
        "organisation": "Reviewers Ltd",
        "is_lead": "on",
        "appointed_on_day": "3",
        "appointed_on_month": "12",
        "appointed_on_year": "2026",
        **overrides,
    }
    return client.post(reverse("practice_reviews:reviewer-add", args=[review.pk]), data)


def declare(client, assignment, declaration, **fields):
    data = {"declaration": declaration, **fields}
    return client.post(reverse("practice_reviews:declare", args=[assignment.pk]), data)


def gated_statuses(client, review) -> list[int]:
    return [client.get(reverse(name, args=[review.pk])).status_code for name in GATED_URLS]


def test_business_manager_appoints_a_reviewer_who_is_emailed_a_link(
    client, business_manager, independent_reviewer, review, django_capture_on_commit_callbacks
):
    client.force_login(business_manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = appoint(client, review, independent_reviewer)
    assert response.status_code == 302
    assignment = ReviewerAssignment.objects.get(practice_review=review)
    assert assignment.declaration == Declaration.AWAITED
    assert assignment.published_name == "Dr Alex Reviewer"
    assert assignment.appointed_on == dt.date(2026, 12, 3)
    assert assignment.assigned_by == business_manager
    [email] = mail.outbox
    assert email.to == [independent_reviewer.email]
    assert reverse("practice_reviews:declare", args=[assignment.pk]) in email.body
    assert review.title not in email.body  # the reference only, nothing of the case
    event = AuditEvent.objects.get(object_type="practice_reviews.reviewerassignment", action="create")
    assert "Dr Alex Reviewer" not in str(event.changes)


def test_published_name_defaults_to_the_account_name(client, business_manager, independent_reviewer, review):
    client.force_login(business_manager)
    appoint(client, review, independent_reviewer, published_name="")
    assert ReviewerAssignment.objects.get().published_name == independent_reviewer.full_name


def test_only_the_partnerships_reviewer_accounts_are_offered(
    client, business_manager, independent_reviewer, other_partnership, review
):
    stranger = make_user(Role.INDEPENDENT_REVIEWER, other_partnership)
    client.force_login(business_manager)
    page = client.get(reverse("practice_reviews:reviewer-add", args=[review.pk])).content.decode()
    assert independent_reviewer.email in page
    assert stranger.email not in page
    response = appoint(client, review, stranger)
    assert "Select the independent reviewer from the list" in response.content.decode()
    assert not ReviewerAssignment.objects.exists()


def test_appointment_date_cannot_be_before_the_decision(
    client, business_manager, independent_reviewer, review
):
    client.force_login(business_manager)
    response = appoint(client, review, independent_reviewer, appointed_on_day="1", appointed_on_month="1")
    assert response.status_code == 200
    assert "must be on or after the decision to initiate the review (26 November 2026)" in (
        response.content.decode()
    )


def test_a_new_lead_reviewer_takes_over_the_lead(client, business_manager, independent_reviewer, review):
    first = appoint_reviewer(
        review, make_user(Role.INDEPENDENT_REVIEWER, review.partnership, email="a@x.test")
    )
    client.force_login(business_manager)
    appoint(client, review, independent_reviewer)
    first.refresh_from_db()
    assert not first.is_lead
    assert review.lead_reviewer().reviewer == independent_reviewer


def test_conflict_of_interest_gate(client, business_manager, independent_reviewer, review):
    """Before the declaration: 404; after "no conflict": 200; after the assignment ends: 404 again."""
    assignment = appoint_reviewer(review, independent_reviewer, declared=False)
    client.force_login(independent_reviewer)
    assert gated_statuses(client, review) == [404, 404, 404]

    page = client.get(reverse("practice_reviews:declare", args=[assignment.pk])).content.decode()
    assert review.reference in page and review.partnership.name in page
    assert "Northshire Police" in page  # the agency involved in the incident
    assert "Kai" not in page and "Child K" in page  # the title, never the child's name

    response = declare(
        client,
        assignment,
        Declaration.NO_CONFLICT,
        no_involvement_with_case="on",
        no_involvement_with_agencies="on",
    )
    assert response.status_code == 302
    assert response["Location"] == review.get_absolute_url()
    assert gated_statuses(client, review) == [200, 200, 200]
    review.refresh_from_db()
    assert review.stage == Stage.RUNNING  # terms agreed and a reviewer declared

    client.force_login(business_manager)
    response = client.post(
        reverse("practice_reviews:reviewer-end", args=[review.pk, assignment.pk]),
        {"ended_on_day": "10", "ended_on_month": "12", "ended_on_year": "2026"},
    )
    assert response.status_code == 302
    client.force_login(independent_reviewer)
    assert gated_statuses(client, review) == [404, 404, 404]


def test_declared_conflict_keeps_access_closed_and_tells_the_business_managers(
    client, business_manager, independent_reviewer, review, django_capture_on_commit_callbacks
):
    assignment = appoint_reviewer(review, independent_reviewer, declared=False)
    client.force_login(independent_reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        response = declare(
            client, assignment, Declaration.CONFLICT, interests="I supervised the social worker in 2024."
        )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.declaration == Declaration.CONFLICT
    assert gated_statuses(client, review) == [404, 404, 404]
    [email] = mail.outbox
    assert email.to == [business_manager.email]
    assert "conflict of interest" in email.body
    assert "supervised" not in email.body  # the interests stay in cspr
    event = AuditEvent.objects.filter(object_type="practice_reviews.reviewerassignment").latest("sequence")
    assert "supervised" not in str(event.changes)
    # The declaration cannot be changed afterwards.
    declare(
        client,
        assignment,
        Declaration.NO_CONFLICT,
        no_involvement_with_case="on",
        no_involvement_with_agencies="on",
    )
    assignment.refresh_from_db()
    assert assignment.declaration == Declaration.CONFLICT


def test_no_conflict_needs_both_confirmations(client, independent_reviewer, review):
    assignment = appoint_reviewer(review, independent_reviewer, declared=False)
    client.force_login(independent_reviewer)
    response = declare(client, assignment, Declaration.NO_CONFLICT, no_involvement_with_case="on")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Confirm you have had no involvement with the agencies concerned" in page
    assert "govuk-form-group--error" in page
    assignment.refresh_from_db()
    assert assignment.declaration == Declaration.AWAITED


def test_conflict_needs_its_description(client, independent_reviewer, review):
    assignment = appoint_reviewer(review, independent_reviewer, declared=False)
    client.force_login(independent_reviewer)
    response = declare(client, assignment, Declaration.CONFLICT)
    assert "Describe the conflict of interest" in response.content.decode()


def test_another_reviewer_cannot_open_someone_elses_declaration(client, independent_reviewer, review):
    other = make_user(Role.INDEPENDENT_REVIEWER, review.partnership, email="other.reviewer@example.test")
    assignment = appoint_reviewer(review, other, declared=False)
    client.force_login(independent_reviewer)
    assert client.get(reverse("practice_reviews:declare", args=[assignment.pk])).status_code == 404


def test_status_page_shows_reviewers_and_declarations_to_the_business_manager(
    client, business_manager, independent_reviewer, review
):
    appoint_reviewer(review, independent_reviewer, declared=False)
    client.force_login(business_manager)
    page = client.get(review.get_absolute_url()).content.decode()
    assert "Declaration awaited" in page
    assert reverse("practice_reviews:reviewer-add", args=[review.pk]) in page
