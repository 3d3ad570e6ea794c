"""The Panel's response to a rapid review: who may record it, what it needs, what it changes (status, the
clock's timeliness record, the audit trail, the email to the partnership) and what the partnership reads."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from cspr.audit.log import REDACTED
from cspr.audit.models import AuditAction, AuditEvent
from cspr.deadlines.models import StepCompletion
from cspr.rapid_reviews.models import PanelResponse, PanelResponseKind, RapidReviewStatus, Recommendation

from .panel_records import make_rapid_review

TODAY = dt.datetime(2026, 11, 26, 12, tzinfo=ZoneInfo("Europe/London"))
REASONS = "The learning is already covered by the Panel's review of infant injuries."


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def sent(partnership):
    """Northshire 2026/001: notified 2 November, sent 20 November; the Panel's response is expected by
    4 December (10 working days)."""
    return make_rapid_review(
        partnership,
        "2026/001",
        dt.date(2026, 11, 2),
        sent_on=dt.date(2026, 11, 20),
        recommendation=Recommendation.LOCAL_CSPR,
        decision=Recommendation.LOCAL_CSPR,
    )


def url(rapid_review) -> str:
    return reverse("rapid_reviews:panel-response", args=[rapid_review.pk])


def answer(response=PanelResponseKind.AGREE_LOCAL_REVIEW, reasons="", day=(25, 11, 2026)) -> dict:
    return {
        "response": response,
        "reasons": reasons,
        "responded_on_day": str(day[0]),
        "responded_on_month": str(day[1]),
        "responded_on_year": str(day[2]),
    }


def post(client, user, rapid_review, data, django_capture_on_commit_callbacks):
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(url(rapid_review), data)


def test_panel_member_sees_the_form_with_the_rapid_review(client, panel_member, sent):
    client.force_login(panel_member)
    html = client.get(url(sent)).content.decode()
    assert '<h1 class="govuk-heading-l">Record the Panel\'s response</h1>' in html
    assert "Northshire, incident 2026/001" in html
    assert "20 November 2026" in html
    assert "Child K" in html and "Kai Testchild" not in html
    assert "Disagrees with the decision" in html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (answer(response=""), "Select the Panel&#x27;s response"),
        (
            answer(response=PanelResponseKind.DISAGREE),
            "Enter the reasons the Panel disagrees with the decision",
        ),
        (
            answer(response=PanelResponseKind.NATIONAL_REVIEW, reasons="   "),
            "Enter the reasons the Panel will carry out a national review",
        ),
        (answer(day=(27, 11, 2026)), "The date of the Panel&#x27;s response must be today or in the past"),
        (
            answer(day=(19, 11, 2026)),
            "must be the same as or after the date the rapid review was sent (20 November 2026)",
        ),
        (answer(day=("", "", "")), "Enter the date of the Panel&#x27;s response"),
        ({**answer(), "responded_on_day": ""}, "The date must include a day"),
    ],
)
def test_response_is_validated_and_nothing_is_saved(
    client, panel_member, sent, data, message, django_capture_on_commit_callbacks
):
    response = post(client, panel_member, sent, data, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert message in html
    assert not PanelResponse.objects.exists()
    assert mail.outbox == []


def test_recording_the_response_answers_the_rapid_review(
    client,
    panel_member,
    business_manager,
    review_group_member,
    other_business_manager,
    sent,
    django_capture_on_commit_callbacks,
):
    data = answer(response=PanelResponseKind.DISAGREE, reasons=REASONS, day=(25, 11, 2026))
    response = post(client, panel_member, sent, data, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response.url == sent.get_absolute_url()

    saved = PanelResponse.objects.get(rapid_review=sent)
    assert (saved.response, saved.reasons, saved.responded_on, saved.responded_by) == (
        PanelResponseKind.DISAGREE,
        REASONS,
        dt.date(2026, 11, 25),
        panel_member,
    )
    assert saved.partnership_id == sent.partnership_id
    sent.refresh_from_db()
    assert sent.status == RapidReviewStatus.RESPONDED

    completion = StepCompletion.objects.get(incident=sent.incident, step_code="panel_response")
    assert (completion.due_on, completion.completed_on, completion.working_days_late) == (
        dt.date(2026, 12, 4),
        dt.date(2026, 11, 25),
        -7,
    )

    # Only the partnership's business manager is told; no child's name, no reasons.
    assert [message.to for message in mail.outbox] == [[business_manager.email]]
    message = mail.outbox[0]
    assert message.subject == "The Panel has responded: rapid review of incident 2026/001"
    assert "Disagrees with the decision" in message.body
    assert "25 November 2026" in message.body
    assert f"/rapid-reviews/{sent.pk}/" in message.body
    assert "Kai Testchild" not in message.body and "Child K" not in message.body
    assert REASONS not in message.body

    created = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="rapid_reviews.panelresponse")
    assert created.changes["reasons"] == [None, REDACTED]
    assert created.changes["response"] == [None, "disagree"]
    assert created.partnership_id == sent.partnership_id
    assert AuditEvent.objects.filter(
        action=AuditAction.CHANGE, object_type="rapid_reviews.rapidreview", object_id=str(sent.pk)
    ).exists()
    assert AuditEvent.objects.filter(object_type="deadlines.stepcompletion").exists()
    assert not AuditEvent.objects.filter(changes__icontains="Kai").exists()


def test_a_panel_member_corrects_the_response(
    client, panel_member, business_manager, sent, django_capture_on_commit_callbacks
):
    post(client, panel_member, sent, answer(), django_capture_on_commit_callbacks)
    mail.outbox.clear()
    form = client.get(url(sent)).content.decode()
    assert '<h1 class="govuk-heading-l">Correct the Panel\'s response</h1>' in form
    assert 'value="agree_local_review" checked>' in form
    assert 'name="responded_on_day" value="25"' in form

    data = answer(response=PanelResponseKind.NATIONAL_REVIEW, reasons=REASONS, day=(26, 11, 2026))
    assert post(client, panel_member, sent, data, django_capture_on_commit_callbacks).status_code == 302
    saved = PanelResponse.objects.get(rapid_review=sent)
    assert (saved.response, saved.responded_on) == (PanelResponseKind.NATIONAL_REVIEW, dt.date(2026, 11, 26))
    assert StepCompletion.objects.get(
        incident=sent.incident, step_code="panel_response"
    ).completed_on == dt.date(2026, 11, 26)
    change = AuditEvent.objects.get(action=AuditAction.CHANGE, object_type="rapid_reviews.panelresponse")
    assert change.changes["response"] == ["agree_local_review", "national_review"]
    assert change.changes["reasons"] == [REDACTED, REDACTED]
    assert mail.outbox[0].subject == "The Panel has corrected its response: rapid review of incident 2026/001"
    assert PanelResponse.objects.count() == 1


def test_the_partnership_reads_the_response_on_its_rapid_review(
    client, panel_member, business_manager, executive_member, sent, django_capture_on_commit_callbacks
):
    client.force_login(business_manager)
    html = client.get(sent.get_absolute_url()).content.decode()
    assert "Awaiting the Panel's response — expected by 4 December 2026." in html
    assert url(sent) not in html

    data = answer(response=PanelResponseKind.DISAGREE, reasons=REASONS)
    post(client, panel_member, sent, data, django_capture_on_commit_callbacks)
    for reader in (business_manager, executive_member):
        client.force_login(reader)
        html = client.get(sent.get_absolute_url()).content.decode()
        assert "Disagrees with the decision" in html
        assert "25 November 2026" in html
        assert "The learning is already covered by the Panel&#x27;s review of infant injuries." in html
        assert "Awaiting the Panel" not in html
        assert url(sent) not in html


def test_an_unsent_rapid_review_says_the_panel_responds_once_sent(client, business_manager, partnership):
    rapid_review = make_rapid_review(partnership, "2026/001", dt.date(2026, 11, 24))
    client.force_login(business_manager)
    html = client.get(rapid_review.get_absolute_url()).content.decode()
    assert "The Panel responds once the rapid review has been sent to it." in html


def test_only_the_panel_responds_and_only_to_what_was_sent(
    client, panel_member, business_manager, partnership, sent, django_capture_on_commit_callbacks
):
    assert (
        post(client, business_manager, sent, answer(), django_capture_on_commit_callbacks).status_code == 403
    )
    unsent = make_rapid_review(partnership, "2026/002", dt.date(2026, 11, 24))
    assert post(client, panel_member, unsent, answer(), django_capture_on_commit_callbacks).status_code == 404
    assert not PanelResponse.objects.exists()
