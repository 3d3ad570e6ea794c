"""Writing and reading briefings as staff: who may write them, the name check, the audit trail, the
review page's section and the downloads."""

import json

import pytest
from django.urls import reverse

from cspr.audit.models import AuditAction, AuditEvent
from cspr.briefings.models import LearningBriefing
from cspr.practice_reviews.tests.records import appoint_reviewer, make_practice_review

from .records import TEXTS, make_briefing


@pytest.fixture
def review(partnership, incident):
    review = make_practice_review(partnership, title="Child K")
    review.incidents.add(incident)
    return review


def edit_url(review, briefing_format="seven_minute"):
    return reverse("briefings:edit", args=[review.pk, briefing_format])


def form_data(briefing_format="seven_minute", **changes):
    return {"title": "Learning from Child K", **TEXTS[briefing_format], **changes}


def test_the_business_manager_writes_a_seven_minute_briefing(client, business_manager, review):
    client.force_login(business_manager)
    page = client.get(edit_url(review))
    assert page.status_code == 200
    assert "1. Background" in page.text and "7. Further information" in page.text
    assert "Learning from the review of Child K" in page.text

    response = client.post(edit_url(review), form_data())

    briefing = LearningBriefing.objects.get(practice_review=review, format="seven_minute")
    assert response.url == reverse("briefings:detail", args=[briefing.pk])
    assert briefing.sections == TEXTS["seven_minute"]
    assert briefing.updated_by == business_manager


def test_saving_again_changes_the_same_briefing_and_audits_which_sections_changed(
    client, business_manager, review
):
    client.force_login(business_manager)
    client.post(edit_url(review), form_data())
    client.post(edit_url(review), form_data(what_to_do="Ask who cares for the baby."))

    assert LearningBriefing.objects.filter(practice_review=review).count() == 1
    change = AuditEvent.objects.filter(
        action=AuditAction.CHANGE, object_type="briefings.learningbriefing"
    ).get()
    assert list(change.changes) == ["what_to_do"]
    # The audit trail says what changed, never what the briefing says.
    assert "Ask who cares" not in json.dumps(change.changes)
    created = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="briefings.learningbriefing")
    assert "Child K lived" not in json.dumps(created.changes)


def test_the_childs_real_name_is_refused_and_nothing_typed_is_lost(client, business_manager, review):
    client.force_login(business_manager)
    typed = "Kai lived with his mother and her partner."

    response = client.post(edit_url(review), form_data(the_case=typed))

    assert response.status_code == 200
    assert "govuk-form-group--error" in response.text
    assert "The case contains the child&#x27;s real name: use the name the review is published under" in (
        response.text
    )
    assert typed in response.text
    assert not LearningBriefing.objects.exists()


def test_a_briefing_needs_a_title_but_sections_may_wait(client, business_manager, review):
    client.force_login(business_manager)
    response = client.post(edit_url(review, "six_step"), {"title": ""})
    assert "Enter the title of the briefing" in response.text

    client.post(
        edit_url(review, "six_step"), {"title": "Learning from Child K", "what_happened": "Seen often."}
    )
    briefing = LearningBriefing.objects.get(format="six_step")
    assert briefing.sections["what_happened"] == "Seen often."
    assert briefing.sections["why_the_review"] == ""


def test_the_reviewer_writes_once_declared_and_the_review_group_only_reads(
    client, independent_reviewer, review_group_member, review
):
    appoint_reviewer(review, independent_reviewer)
    client.force_login(independent_reviewer)
    assert client.post(edit_url(review), form_data()).status_code == 302

    briefing = LearningBriefing.objects.get()
    client.force_login(review_group_member)
    assert client.get(edit_url(review)).status_code == 403
    assert client.get(reverse("briefings:detail", args=[briefing.pk])).status_code == 200


def test_a_reviewer_who_has_not_declared_sees_nothing(client, independent_reviewer, review):
    appoint_reviewer(review, independent_reviewer, declared=False)
    briefing = make_briefing(review)
    client.force_login(independent_reviewer)
    assert client.get(edit_url(review)).status_code == 404
    assert client.get(reverse("briefings:detail", args=[briefing.pk])).status_code == 404
    assert client.get(reverse("briefings:pdf", args=[briefing.pk])).status_code == 404


def test_an_unknown_format_is_not_found(client, business_manager, review):
    client.force_login(business_manager)
    assert client.get(edit_url(review, "ten_minute")).status_code == 404


def test_the_briefing_page_shows_every_section_as_headings_and_lists(client, business_manager, review):
    briefing = make_briefing(review)
    client.force_login(business_manager)
    page = client.get(reverse("briefings:detail", args=[briefing.pk])).text
    assert '<h2 class="govuk-heading-m">6. Questions for reflection</h2>' in page
    assert "<li>When did you last speak to a father or partner on your own?</li>" in page
    assert "Draft: not yet published" in page
    assert "Kai" not in page


def test_the_review_page_lists_both_formats_with_what_to_do_next(client, business_manager, review):
    make_briefing(review)
    client.force_login(business_manager)
    page = client.get(review.get_absolute_url()).text
    assert "Learning briefings" in page
    assert "Learning from the review of Child K" in page
    assert "Write the 6-step briefing" in page
    assert reverse("briefings:edit", args=[review.pk, "seven_minute"]) in page


def test_the_review_page_shows_no_briefing_links_to_those_who_may_not_write(client, executive_member, review):
    client.force_login(executive_member)
    page = client.get(review.get_absolute_url()).text
    assert "Learning briefings" in page
    assert "Write the 7-minute briefing" not in page


def test_downloads_are_named_after_the_review_and_audited(client, business_manager, review):
    briefing = make_briefing(review)
    client.force_login(business_manager)
    response = client.get(reverse("briefings:docx", args=[briefing.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="child-k-7-minute-briefing.docx"'
    response = client.get(reverse("briefings:pdf", args=[briefing.pk]))
    assert response.content.startswith(b"%PDF")
    formats = sorted(
        event.changes["format"] for event in AuditEvent.objects.filter(action=AuditAction.EXPORT)
    )
    assert formats == ["docx", "pdf"]
