"""The findings page: each detail found, in context, grouped, and the business manager's decision on it
(redact with a replacement, or allow with a reason), audited without the text."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from cspr.audit.models import AuditEvent
from cspr.practice_reviews.tests.records import practice_review
from cspr.publication.actions.anonymising import do_run_anonymisation_check
from cspr.publication.actions.preparing import do_upload_document
from cspr.publication.models import AnonymisationCheck, CheckOutcome, FindingDecision

from .records import add_document, add_finding, docx_bytes

POSTCODE = "NS1 4AB"
EMAIL = "the.family@example.com"


@pytest.fixture
def review(partnership, agency, incident, business_manager, executive_member, review_group_member):
    return practice_review({"partnership": partnership, "agency": agency, "incident": incident})


@pytest.fixture
def check(review):
    add_document(review)
    check = AnonymisationCheck.objects.create(
        partnership=review.partnership,
        practice_review=review,
        subject="full_report",
        outcome=CheckOutcome.FOUND,
        checked_at=timezone.now(),
        source_name="report.docx",
    )
    add_finding(check, "postcode", POSTCODE)
    add_finding(check, "postcode", POSTCODE, confidence=0.5)
    add_finding(check, "email_address", EMAIL, context_before="<script>alert(1)</script> wrote to ")
    return check


def page(client, review, query=""):
    return client.get(reverse("publication:anonymisation", args=[review.pk]) + query).content.decode()


def decide(client, review, finding, **data):
    url = reverse("publication:finding-decision", args=[review.pk, finding.pk])
    return client.post(url, {f"finding-{finding.pk}-{key}": value for key, value in data.items()})


def test_findings_are_grouped_by_detail_with_each_place_in_context(client, business_manager, review, check):
    client.force_login(business_manager)
    content = page(client, review)
    assert "2 possible identifying details in 3 places" in content
    assert "<strong>2 to decide</strong>" in content
    assert f"Postcode: {POSTCODE}" in content and "Found in 2 places" in content
    assert f"They lived at <mark>{POSTCODE}</mark> until the spring." in content
    assert "Page 1, paragraph 1" in content and "Page 1, paragraph 2" in content
    assert "High (0.90)" in content and "Low (0.50)" in content
    # Everything from the document is escaped: only the highlight is markup.
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt; wrote to <mark>" in content
    assert content.count("Save the decision") == 2


def test_redacting_applies_to_every_place_and_is_audited_without_the_text(
    client, business_manager, review, check
):
    client.force_login(business_manager)
    first = check.found.get(position=1)
    response = decide(client, review, first, decision="redact", replacement="Child K")
    assert response.status_code == 302
    places = list(check.found.filter(text=POSTCODE))
    assert {(p.decision, p.replacement, p.decided_by) for p in places} == {
        ("redact", "Child K", business_manager)
    }
    assert check.found.get(text=EMAIL).decision == FindingDecision.OPEN
    event = AuditEvent.objects.filter(object_type="publication.anonymisationcheck", action="change").get()
    assert event.changes["positions"] == [1, 2] and event.changes["decision"] == ["open", "redact"]
    assert POSTCODE not in str(event.changes) and "Child K" not in str(event.changes)


def test_allowing_needs_a_reason_and_keeps_what_was_typed(client, business_manager, review, check):
    client.force_login(business_manager)
    email = check.found.get(text=EMAIL)
    response = decide(client, review, email, decision="allowed", reason="  ")
    content = response.content.decode()
    assert response.status_code == 200
    assert "Enter why it may be published" in content and "govuk-form-group--error" in content
    assert "There is a problem" in content
    assert check.found.get(text=EMAIL).decision == FindingDecision.OPEN
    decide(client, review, email, decision="allowed", reason="The partnership's public inbox")
    email.refresh_from_db()
    check.refresh_from_db()
    assert (email.decision, email.reason) == ("allowed", "The partnership's public inbox")
    assert check.outcome == CheckOutcome.FOUND  # the postcode is still to decide
    assert "public inbox" not in str(AuditEvent.objects.values_list("changes", flat=True))


def test_the_replacement_must_be_a_pseudonym_or_redacted(client, business_manager, review, check):
    client.force_login(business_manager)
    first = check.found.get(position=1)
    content = decide(client, review, first, decision="redact", replacement="Kai").content.decode()
    assert "Select a pseudonym or [redacted]" in content
    assert content.count("Save the decision") == 2
    assert check.found.get(position=1).decision == FindingDecision.OPEN


def test_every_decision_made_resolves_the_check_and_shows_who_decided(
    client, business_manager, review, check
):
    client.force_login(business_manager)
    decide(client, review, check.found.get(position=1), decision="redact", replacement="[redacted]")
    decide(client, review, check.found.get(text=EMAIL), decision="allowed", reason="Public inbox")
    check.refresh_from_db()
    assert check.outcome == CheckOutcome.RESOLVED
    content = page(client, review)
    assert "Redact: replaced by [redacted]" in content and "Allowed: Public inbox" in content
    assert f"Decided by {business_manager.full_name} on" in content
    assert "every one decided" in content and "Save the decision" not in content
    # Changing a decision opens its form again, filled in.
    change = reverse("publication:finding-decision", args=[review.pk, check.found.get(text=EMAIL).pk])
    assert change in content
    reopened = client.get(change).content.decode()
    assert reopened.count("Save the decision") == 1 and "Public inbox</textarea>" in reopened


def test_filters_by_kind_and_by_decision(client, business_manager, review, check):
    client.force_login(business_manager)
    decide(client, review, check.found.get(text=EMAIL), decision="allowed", reason="Public inbox")
    only_emails = page(client, review, "?type=email_address")
    assert f"Email address: {EMAIL}" in only_emails and f"Postcode: {POSTCODE}" not in only_emails
    undecided = page(client, review, "?state=open")
    assert f"Postcode: {POSTCODE}" in undecided and f"Email address: {EMAIL}" not in undecided
    decided = page(client, review, "?state=decided")
    assert f"Email address: {EMAIL}" in decided and f"Postcode: {POSTCODE}" not in decided
    # Deciding from a filtered page comes back to it.
    first = check.found.get(position=1)
    url = reverse("publication:finding-decision", args=[review.pk, first.pk])
    assert f"{url}?state=open" in undecided
    data = {f"finding-{first.pk}-decision": "redact", f"finding-{first.pk}-replacement": "[redacted]"}
    response = client.post(f"{url}?state=open", data)
    assert response.url.endswith(f"?state=open#finding-{first.pk}")


def test_readers_see_the_findings_but_only_the_business_manager_decides(
    client, review_group_member, executive_member, review, check
):
    client.force_login(review_group_member)
    content = page(client, review)
    assert f"Postcode: {POSTCODE}" in content and "Save the decision" not in content
    assert decide(client, review, check.found.first(), decision="allowed", reason="x").status_code == 403
    client.force_login(executive_member)
    assert decide(client, review, check.found.first(), decision="allowed", reason="x").status_code == 403
    assert not check.found.exclude(decision=FindingDecision.OPEN).exists()


def test_reduced_name_detection_is_a_warning_on_the_page(client, business_manager, review, check):
    AnonymisationCheck.objects.filter(pk=check.pk).update(name_detection_reduced=True)
    client.force_login(business_manager)
    assert "Name detection was reduced for this check" in page(client, review)


def test_running_the_check_again_carries_earlier_decisions_over(client, business_manager, review):
    add_document(review, content=docx_bytes(f"Email {EMAIL} or write to the team."))
    first = do_run_anonymisation_check(review, acting_user=business_manager).checks[0]
    email = first.found.get(text=EMAIL)
    client.force_login(business_manager)
    decide(client, review, email, decision="allowed", reason="The partnership's public inbox")
    corrected = docx_bytes(f"Email {EMAIL} or write to the team.", "NHS number 943 476 5919.")
    do_upload_document(
        review,
        kind="full_report",
        upload=SimpleUploadedFile("v2.docx", corrected),
        acting_user=business_manager,
    )
    second = do_run_anonymisation_check(review, acting_user=business_manager).checks[0]
    carried = second.found.get(text=EMAIL)
    assert (carried.decision, carried.reason, carried.decided_by) == (
        "allowed",
        "The partnership's public inbox",
        business_manager,
    )
    assert second.found.get(type="nhs_number").decision == FindingDecision.OPEN
    assert second.outcome == CheckOutcome.FOUND
    # The earlier check's findings can no longer be decided.
    assert decide(client, review, email, decision="redact", replacement="[redacted]").status_code == 404


def test_the_redacted_copies_are_offered_once_every_finding_is_decided_with_some_to_redact(
    client, business_manager, review, check
):
    client.force_login(business_manager)
    make = reverse("publication:redacted-copies", args=[review.pk, check.pk])
    decide(client, review, check.found.get(position=1), decision="redact", replacement="[redacted]")
    assert make not in page(client, review)
    decide(client, review, check.found.get(text=EMAIL), decision="allowed", reason="Public inbox")
    content = page(client, review)
    assert make in content and "Make the redacted copies" in content
    assert reverse("publication:use-redacted", args=[review.pk, check.pk]) not in content
    AnonymisationCheck.objects.filter(pk=check.pk).update(redacted_at=timezone.now())
    assert reverse("publication:use-redacted", args=[review.pk, check.pk]) in page(client, review)
