"""Signing off the quality-assured final report, and the partners' written response.

The review group signs off once every must-do point is answered; the executive only after the review
group, which moves the review on to preparing to publish. A newer final report reopens the checklist and,
once it is answered again, withdraws the sign-offs given on the earlier version.
"""

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from cspr.audit.models import AuditEvent
from cspr.practice_reviews.actions.quality import (
    SignOffRefused,
    do_save_quality_answers,
    do_sign_off_for_executive,
    do_sign_off_for_review_group,
)
from cspr.practice_reviews.forms.quality import field_name
from cspr.practice_reviews.models import QualityAssurance, Stage
from cspr.practice_reviews.quality import quality_summary

from .quality_records import must_do_answers, upload_final_report
from .records import practice_review

LONDON = ZoneInfo("Europe/London")
TODAY = dt.date(2027, 3, 10)
RESPONSE = "The partners accept every finding and will audit bruising referrals by June."


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


def answer(review, user, **kwargs):
    final = upload_final_report(review, version=kwargs.pop("version", 1))
    do_save_quality_answers(
        review,
        final_draft=final,
        use_quality_markers=False,
        answers=must_do_answers(**kwargs),
        acting_user=user,
    )


def sign_off_url(review):
    return reverse("practice_reviews:sign-off", args=[review.pk])


def quality(review):
    return QualityAssurance.objects.get(practice_review=review)


def test_the_review_group_cannot_sign_off_while_a_must_do_point_is_unanswered(
    client, review, business_manager, review_group_member
):
    answer(review, business_manager, leave_out=2)
    client.force_login(review_group_member)

    page = client.get(sign_off_url(review)).content.decode()
    assert "You cannot sign off yet" in page and "2 not answered" in page
    assert "Sign off the final report</button>" not in page

    response = client.post(sign_off_url(review), follow=True)
    assert (
        "Answer every point of what every review must do first: 2 not answered" in response.content.decode()
    )
    assert quality(review).review_group_signed_off_on is None


def test_the_review_group_then_the_executive_sign_off_and_the_review_moves_on(
    client, review, business_manager, review_group_member, executive_member
):
    answer(review, business_manager, rating="partly_met")
    client.force_login(executive_member)
    response = client.post(sign_off_url(review), follow=True)
    assert "The review group has not signed off the final report yet" in response.content.decode()
    assert quality(review).executive_signed_off_on is None

    client.force_login(review_group_member)
    page = client.get(sign_off_url(review)).content.decode()
    assert "10 partly met" in page and "Sign off the final report</button>" in page
    assert client.post(sign_off_url(review)).status_code == 302
    assert quality(review).review_group_signed_off_on == TODAY
    assert quality(review).review_group_signed_off_by == review_group_member
    review.refresh_from_db()
    assert review.stage == Stage.QUALITY_ASSURANCE

    client.force_login(executive_member)
    assert client.post(sign_off_url(review)).status_code == 302
    assert quality(review).executive_signed_off_on == TODAY
    review.refresh_from_db()
    assert review.stage == Stage.PRE_PUBLICATION
    assert quality_summary(review)["signed_off"] is True
    assert AuditEvent.objects.filter(
        object_type="practice_reviews.practicereview", changes__has_key="stage"
    ).exists()


def test_signing_off_twice_is_refused(review, business_manager, review_group_member):
    answer(review, business_manager)
    do_sign_off_for_review_group(review, signed_on=TODAY, acting_user=review_group_member)
    with pytest.raises(SignOffRefused, match="already signed off"):
        do_sign_off_for_review_group(review, signed_on=TODAY, acting_user=review_group_member)


def test_the_business_manager_cannot_sign_off(client, review, business_manager):
    answer(review, business_manager)
    client.force_login(business_manager)
    assert client.post(sign_off_url(review)).status_code == 403
    assert quality(review).review_group_signed_off_on is None


def test_signed_off_answers_are_read_only(client, review, business_manager, review_group_member):
    answer(review, business_manager)
    do_sign_off_for_review_group(review, signed_on=TODAY, acting_user=review_group_member)
    client.force_login(business_manager)
    url = reverse("practice_reviews:quality", args=[review.pk])

    page = client.get(url).content.decode()
    assert "The review group signed off these answers on 10 March 2027" in page
    assert "<form" not in page.split("govuk-main-wrapper")[-1]

    client.post(url, {field_name("must_do", "overview", "rating"): "not_met"})
    assert quality_summary(review)["must_do"]["not_met"] == 0


def test_a_newer_final_report_reopens_the_checklist_and_withdraws_the_sign_offs(
    client, review, business_manager, review_group_member, executive_member
):
    answer(review, business_manager)
    do_sign_off_for_review_group(review, signed_on=TODAY, acting_user=review_group_member)
    do_sign_off_for_executive(review, signed_on=TODAY, acting_user=executive_member)
    upload_final_report(review, version=2)

    summary = quality_summary(review)
    assert summary["out_of_date"] is True and summary["signed_off"] is False
    client.force_login(executive_member)
    page = client.get(sign_off_url(review)).content.decode()
    assert "A newer final report has been uploaded since the review group signed off" in page

    client.force_login(business_manager)
    page = client.get(reverse("practice_reviews:quality", args=[review.pk])).content.decode()
    assert "These answers were given on version 1" in page

    answer(review, business_manager, version=2)
    checked = quality(review)
    assert checked.final_draft.version == 2
    assert checked.review_group_signed_off_on is None and checked.executive_signed_off_on is None
    review.refresh_from_db()
    assert review.stage == Stage.QUALITY_ASSURANCE


def test_the_partners_response_is_recorded_with_its_date_and_kept_out_of_the_log(
    client, review, executive_member
):
    upload_final_report(review)
    client.force_login(executive_member)
    url = reverse("practice_reviews:partners-response", args=[review.pk])
    data = {
        "partners_response": RESPONSE,
        "partners_response_on_day": "11",
        "partners_response_on_month": "3",
        "partners_response_on_year": "2027",
    }

    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "The date of the response must be today or in the past" in page
    assert "audit bruising referrals" in page

    data["partners_response_on_day"] = "9"
    assert client.post(url, data).status_code == 302
    assert quality(review).partners_response == RESPONSE
    assert quality(review).partners_response_on == dt.date(2027, 3, 9)
    assert quality_summary(review)["partners_response_on"] == dt.date(2027, 3, 9)
    assert "bruising" not in json.dumps(list(AuditEvent.objects.values("changes")))
    assert RESPONSE in client.get(review.get_absolute_url()).content.decode()


def test_the_partners_response_waits_for_the_final_report(client, review, business_manager):
    client.force_login(business_manager)
    response = client.get(reverse("practice_reviews:partners-response", args=[review.pk]), follow=True)
    assert "Record the partners&#x27; response once the final report is uploaded" in response.content.decode()
