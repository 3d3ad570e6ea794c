"""The gates before publication: which a kind of review has, when each is met, refusals and waivers."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cspr.audit.models import AuditEvent
from cspr.briefings.formats import FORMATS
from cspr.briefings.models import LearningBriefing
from cspr.library.models import LibraryEntry
from cspr.practice_reviews.models import ReviewKind, Stage
from cspr.practice_reviews.tests.records import make_practice_review, practice_review
from cspr.publication.actions.anonymising import do_decide_findings
from cspr.publication.gates import (
    TO_REDACT,
    GateFacts,
    Waiver,
    evaluate_gates,
    gate_statuses,
    outstanding_gates,
)
from cspr.publication.models import (
    AnonymisationCheck,
    AnonymisationFinding,
    CheckOutcome,
    Gate,
    PublicationWaiver,
)

from .records import (
    add_document,
    add_finding,
    family_saw_report,
    passed_check,
    ready_to_publish,
    send_copies,
    sign_off,
)

DAY = dt.date(2027, 4, 1)
SEVEN_MINUTE_CODES = [section.code for section in FORMATS["seven_minute"].sections]
ALL_MET = GateFacts(
    review_group_signed_off_on=DAY,
    executive_signed_off_on=DAY,
    copies_sent_on={"panel": DAY, "secretary_of_state": DAY},
    family_saw_report_on=DAY,
    checks={"Full report": "passed"},
)


def test_local_review_has_all_five_gates_learning_review_two_national_none():
    assert [g.code for g in evaluate_gates(ReviewKind.LOCAL_CSPR, GateFacts())] == [g.value for g in Gate]
    assert [g.code for g in evaluate_gates(ReviewKind.LEARNING_REVIEW, GateFacts())] == [
        "quality_assured",
        "anonymisation_checked",
    ]
    assert evaluate_gates(ReviewKind.NATIONAL_REVIEW, GateFacts()) == []


def test_every_gate_met_when_everything_is_recorded():
    statuses = evaluate_gates(ReviewKind.LOCAL_CSPR, ALL_MET)
    assert all(status.met for status in statuses)
    assert outstanding_gates(statuses) == []
    assert (
        statuses[0].detail
        == "Signed off by the review group on 1 April 2027 and the executive on 1 April 2027"
    )


@pytest.mark.parametrize(
    ("facts", "gate"),
    [
        (GateFacts(review_group_signed_off_on=DAY), "quality_assured"),
        (GateFacts(copies_sent_on={"secretary_of_state": DAY}), "copy_to_panel"),
        (GateFacts(copies_sent_on={"panel": DAY}), "copy_to_secretary_of_state"),
        (GateFacts(), "family_seen_report"),
        (GateFacts(checks={"Full report": "found"}), "anonymisation_checked"),
        (GateFacts(checks={"Full report": None}), "anonymisation_checked"),
        (GateFacts(checks={"Full report": TO_REDACT}), "anonymisation_checked"),
        (GateFacts(checks={}), "anonymisation_checked"),
    ],
)
def test_each_gate_is_outstanding_until_done(facts, gate):
    status = next(s for s in evaluate_gates(ReviewKind.LOCAL_CSPR, facts) if s.code == gate)
    assert not status.met and status.outstanding and status.state == "Outstanding"


@pytest.mark.parametrize(
    ("checks", "met", "detail"),
    [
        ({}, False, "Nothing to check yet: upload the documents to publish"),
        (
            {"Full report": None, "Executive summary": "passed"},
            False,
            "Not checked since last changed: Full report",
        ),
        ({"Full report": "found"}, False, "Findings still to decide in: Full report"),
        (
            {"Full report": "passed", "Learning briefings": TO_REDACT},
            False,
            "Details marked to redact are still in: Learning briefings. Make the redacted copy and use it",
        ),
        ({"Full report": "passed"}, True, "Nothing identifying found"),
        (
            {"Full report": "resolved", "Executive summary": "passed"},
            True,
            "Every finding decided; details allowed with a reason in: Full report",
        ),
    ],
)
def test_the_anonymisation_gate_says_where_each_subject_stands(checks, met, detail):
    status = evaluate_gates(ReviewKind.LEARNING_REVIEW, GateFacts(checks=checks))[1]
    assert (status.met, status.detail) == (met, detail)


def test_decisions_to_redact_keep_the_gate_outstanding_until_the_redacted_copy_is_used(
    review, business_manager
):
    add_document(review)
    check = AnonymisationCheck.objects.create(
        partnership=review.partnership,
        practice_review=review,
        subject="full_report",
        outcome=CheckOutcome.FOUND,
        checked_at=timezone.now(),
    )
    postcode = add_finding(check, "postcode", "NS1 4AB")
    email = add_finding(check, "email_address", "duty@northshire.example")

    def gate():
        return next(g for g in gate_statuses(review) if g.code == "anonymisation_checked")

    assert not gate().met and "Findings still to decide" in gate().detail
    do_decide_findings(
        check,
        finding_type="email_address",
        text=email.text,
        decision="allowed",
        reason="Public inbox",
        acting_user=business_manager,
    )
    do_decide_findings(
        check,
        finding_type="postcode",
        text=postcode.text,
        decision="redact",
        replacement="[redacted]",
        acting_user=business_manager,
    )
    check.refresh_from_db()
    assert check.outcome == CheckOutcome.RESOLVED
    assert not gate().met and "Details marked to redact are still in: Full report" in gate().detail
    # Using the redacted copy checks again: the postcode is gone, the allowed email carries over.
    AnonymisationFinding.objects.filter(check_run=check, decision="redact").delete()
    assert gate().met and "allowed with a reason in: Full report" in gate().detail


def test_a_waived_gate_no_longer_stops_publication():
    waiver = Waiver("Family declined to read the report", "Exec Member", DAY)
    statuses = evaluate_gates(ReviewKind.LOCAL_CSPR, GateFacts(waivers={"family_seen_report": waiver}))
    family = next(s for s in statuses if s.code == "family_seen_report")
    assert family.state == "Waived" and not family.outstanding
    assert "family_seen_report" not in {s.code for s in outstanding_gates(statuses)}


@pytest.fixture
def review(partnership, agency, incident, business_manager, executive_member, independent_reviewer):
    return practice_review({"partnership": partnership, "agency": agency, "incident": incident})


def test_publish_refuses_listing_each_unmet_gate(client, business_manager, review):
    client.force_login(business_manager)
    response = client.get(reverse("publication:publish", args=[review.pk]))
    content = response.content.decode()
    assert "cannot be published yet" in content
    for gate in Gate:
        assert gate.label in content
    assert "Upload the full report to publish" in content
    response = client.post(reverse("publication:publish", args=[review.pk]), {})
    assert "cannot be published yet" in response.content.decode()
    review.refresh_from_db()
    assert review.published_on is None


@pytest.mark.parametrize("gate", list(Gate))
def test_publish_refuses_each_missing_gate_alone_and_its_waiver_lets_it_through(
    client, business_manager, executive_member, review, gate
):
    add_document(review)
    if gate != Gate.QUALITY_ASSURED:
        sign_off(review)
    if gate not in (Gate.COPY_TO_PANEL, Gate.COPY_TO_SECRETARY_OF_STATE):
        send_copies(review)
    else:
        review.final_report_copies.create(
            partnership=review.partnership,
            recipient="panel" if gate == Gate.COPY_TO_SECRETARY_OF_STATE else "secretary_of_state",
            sent_on=DAY,
        )
    if gate != Gate.FAMILY_SEEN_REPORT:
        family_saw_report(review)
    if gate != Gate.ANONYMISATION_CHECKED:
        passed_check(review)
    client.force_login(business_manager)
    refused = client.get(reverse("publication:publish", args=[review.pk])).content.decode()
    assert gate.label in refused
    assert sum(other.label in refused for other in Gate) == 1

    client.force_login(executive_member)
    url = reverse("publication:waive", args=[review.pk, gate.value])
    assert "govuk-form-group--error" in client.post(url, {"reason": ""}).content.decode()
    client.post(url, {"reason": "Agreed by the executive on 2 May"})
    waiver = PublicationWaiver.objects.get(practice_review=review, gate=gate)
    assert waiver.waived_by == executive_member
    event = AuditEvent.objects.filter(object_type="publication.publicationwaiver").get()
    assert "Agreed" not in str(event.changes)

    client.force_login(business_manager)
    response = client.post(
        reverse("publication:publish", args=[review.pk]),
        {"published_on_day": "3", "published_on_month": "5", "published_on_year": "2027"},
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.published_on == dt.date(2027, 5, 3)


def test_business_manager_cannot_waive(client, business_manager, review):
    client.force_login(business_manager)
    url = reverse("publication:waive", args=[review.pk, "copy_to_panel"])
    assert client.post(url, {"reason": "Because"}).status_code == 403
    assert not PublicationWaiver.objects.exists()


def test_learning_review_cannot_waive_a_gate_it_does_not_have(client, executive_member, partnership):
    review = make_practice_review(partnership, kind=ReviewKind.LEARNING_REVIEW, title="Family N")
    client.force_login(executive_member)
    assert client.get(reverse("publication:waive", args=[review.pk, "copy_to_panel"])).status_code == 404


def test_publishing_sets_the_address_stage_and_library_entry(client, business_manager, review):
    ready_to_publish({"partnership": review.partnership})
    client.force_login(business_manager)
    response = client.post(
        reverse("publication:publish", args=[review.pk]),
        {"published_on_day": "3", "published_on_month": "5", "published_on_year": "2027"},
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.public_slug == "child-k"
    assert review.publication_decision == "publish_report"
    assert review.stage == Stage.PUBLISHED
    entry = LibraryEntry.objects.get(practice_review=review)
    assert (entry.title, entry.year, entry.area) == ("Child K", 2027, "Northshire")
    assert entry.reviewer == "Independent Reviewer"


def test_national_review_is_recorded_as_published_by_the_panel(client, business_manager, partnership):
    review = make_practice_review(partnership, kind=ReviewKind.NATIONAL_REVIEW, title="Thematic review")
    client.force_login(business_manager)
    refused = client.get(reverse("publication:publish", args=[review.pk])).content.decode()
    assert "record the Panel&#x27;s publication instead" in refused
    response = client.post(
        reverse("publication:panel-publication", args=[review.pk]),
        {
            "published_on_day": "3",
            "published_on_month": "5",
            "published_on_year": "2026",
            "url": "https://www.gov.uk/government/publications/example",
        },
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.panel_publication_url == "https://www.gov.uk/government/publications/example"
    assert review.stage == Stage.PUBLISHED


def test_a_briefing_with_empty_sections_blocks_publication_until_it_is_finished(
    client, business_manager, review
):
    ready_to_publish({"partnership": review.partnership})
    briefing = LearningBriefing.objects.create(
        partnership=review.partnership,
        practice_review=review,
        format="seven_minute",
        title="Child K: what we learned",
        sections={"background": "Why the review was done.", "the_case": "Child K lived with their mother."},
    )
    client.force_login(business_manager)
    refused = client.get(reverse("publication:publish", args=[review.pk])).content.decode()
    assert "Finish the 7-minute briefing: 3. What we found" in refused
    assert "7. Further information not written yet" in refused
    briefing.sections = dict.fromkeys(SEVEN_MINUTE_CODES, "Written.")
    briefing.save()
    page = client.get(reverse("publication:publish", args=[review.pk])).content.decode()
    # Finished, the briefing only waits for its own anonymisation check, as any changed text does.
    assert "Finish the 7-minute briefing" not in page
    assert "Anonymisation check" in page
