"""Screening through the pages: every route, each message, the status it sets, its audit rows, the lock."""

import datetime as dt
from html import unescape

import pytest
import time_machine
from django.urls import reverse

from cspr.audit.log import REDACTED
from cspr.audit.models import AuditAction, AuditEvent
from cspr.incidents import screening_rules as rules
from cspr.incidents.actions.screening import ScreeningLocked, do_record_screening_answer
from cspr.incidents.models import IncidentStatus, PartnerDecision, Screening, StatutoryPartner
from cspr.incidents.tests.test_screening_rules import HARMED, PATHS, path_id

STATUS = {
    rules.Outcome.NOTIFIABLE: IncidentStatus.NOTIFICATION_DUE,
    rules.Outcome.LOOKED_AFTER_DEATH: IncidentStatus.LOOKED_AFTER_DEATH,
    rules.Outcome.CARE_LEAVER_DEATH: IncidentStatus.CARE_LEAVER_DEATH,
    rules.Outcome.NOT_NOTIFIABLE: IncidentStatus.NOT_NOTIFIABLE,
}
NOTIFIABLE_ANSWERS = {**HARMED, rules.PLACE: "in_area"}
NOT_NOTIFIABLE_ANSWERS = {rules.WHO: "neither"}


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(dt.datetime(2026, 11, 26, 10, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def referred(incident):
    """The shared incident as it stands before screening: referred, nature not yet known."""
    incident.status = IncidentStatus.REFERRED
    incident.nature = ""
    incident.save()
    return incident


def url(name, incident, *args):
    return reverse(f"incidents:{name}", args=[incident.pk, *args])


def page(response) -> str:
    return unescape(response.content.decode())


def answer_through_pages(client, incident, answers: dict):
    """Answer each question on its page, checking every page leads to the next the rules ask."""
    given = {}
    for code, answer in answers.items():
        assert rules.next_question(given) == code
        question_page = client.get(url("screening-question", incident, code))
        assert question_page.status_code == 200
        assert f'<h1 class="govuk-fieldset__heading">{rules.QUESTIONS[code].text}</h1>' in page(question_page)
        response = client.post(url("screening-question", incident, code), {"answer": answer})
        given[code] = answer
        following = rules.next_question(given)
        expected = (
            url("screening-question", incident, following) if following else url("screening-check", incident)
        )
        assert response.status_code == 302
        assert response["Location"] == expected
    return given


def screen(incident, answers: dict):
    """Set the answers directly, as a screening in progress."""
    return Screening.objects.create(partnership=incident.partnership, incident=incident, answers=answers)


def confirm(client, incident, reasons="Reasons as edited.", **extra):
    return client.post(url("screening-outcome", incident), {"reasons": reasons, **extra})


@pytest.mark.parametrize("path", PATHS, ids=path_id)
def test_business_manager_screens_every_route_through_the_pages(client, business_manager, referred, path):
    answers, outcome, nature, place = path
    client.force_login(business_manager)
    answer_through_pages(client, referred, answers)

    check = page(client.get(url("screening-check", referred)))
    for code, answer in answers.items():
        question = rules.QUESTIONS[code]
        assert question.describe(answer) in check
        assert f'href="{url("screening-question", referred, code)}"' in check

    outcome_page = page(client.get(url("screening-outcome", referred)))
    decision = rules.decide(answers)
    assert outcome.label in outcome_page
    assert decision.reasons_text in outcome_page  # the reasons written from the answers, to edit

    extra = {"other_learning_review": "no"} if outcome == rules.Outcome.NOT_NOTIFIABLE else {}
    response = confirm(client, referred, "Edited: " + decision.reasons_text, **extra)
    assert response["Location"] == url("screening", referred)

    referred.refresh_from_db()
    assert referred.status == STATUS[outcome]
    assert referred.nature == (nature or "")
    assert referred.place == (place or "in_area")
    screening = referred.screening
    assert screening.answers == answers
    assert screening.outcome == outcome
    assert screening.reasons == "Edited: " + decision.reasons_text
    assert screening.decided_by == business_manager
    assert screening.decided_at is not None
    summary = page(client.get(url("screening", referred)))
    assert f"Screening outcome confirmed: {outcome.label}" in summary
    assert "Edited: " in summary


def test_answers_are_saved_as_they_are_given_and_audited(client, business_manager, referred):
    client.force_login(business_manager)
    client.post(url("screening-question", referred, "who"), {"answer": "child"})
    screening = Screening.objects.get(incident=referred)
    assert screening.answers == {"who": "child"}
    assert screening.outcome == ""
    created = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="incidents.screening")
    assert created.changes == {"answers": [None, {"who": "child"}]}

    client.post(url("screening-question", referred, "abuse-or-neglect"), {"answer": "yes"})
    changed = AuditEvent.objects.get(action=AuditAction.CHANGE, object_type="incidents.screening")
    assert changed.changes == {"answers": [{"who": "child"}, {"who": "child", "abuse-or-neglect": "yes"}]}
    referred.refresh_from_db()
    assert referred.status == IncidentStatus.REFERRED  # nothing moves until the outcome is confirmed


def test_giving_the_same_answer_again_writes_nothing(client, business_manager, referred):
    client.force_login(business_manager)
    client.post(url("screening-question", referred, "who"), {"answer": "child"})
    client.post(url("screening-question", referred, "who"), {"answer": "child"})
    assert AuditEvent.objects.filter(object_type="incidents.screening").count() == 1


def test_confirming_writes_audit_rows_without_the_reasons(client, business_manager, referred):
    screen(referred, NOTIFIABLE_ANSWERS)
    client.force_login(business_manager)
    confirm(client, referred, "Baby K was shaken by a parent.")
    screening_row = AuditEvent.objects.get(action=AuditAction.CHANGE, object_type="incidents.screening")
    assert screening_row.changes["outcome"] == ["", "notifiable"]
    assert screening_row.changes["reasons"] == [REDACTED, REDACTED]
    assert screening_row.changes["decided_by"] == [None, business_manager.pk]
    incident_row = AuditEvent.objects.get(action=AuditAction.CHANGE, object_type="incidents.incident")
    assert incident_row.changes == {
        "status": ["referred", "notification_due"],
        "nature": ["", "serious_harm"],
    }
    assert not AuditEvent.objects.filter(changes__icontains="shaken").exists()


def test_not_notifiable_case_may_go_to_another_learning_review(client, business_manager, referred):
    screen(referred, NOT_NOTIFIABLE_ANSWERS)
    client.force_login(business_manager)
    confirm(
        client,
        referred,
        "An adult.",
        other_learning_review="yes",
        learning_review_reason="Transition to adult services.",
    )
    screening = Screening.objects.get(incident=referred)
    assert screening.other_learning_review is True
    assert screening.reasons == "An adult.\n\nAnother learning review: Transition to adult services."
    summary = page(client.get(url("screening", referred)))
    assert "Yes: Transition to adult services." in summary
    # Coming back to the outcome page shows the two apart again, to edit.
    outcome_page = page(client.get(url("screening-outcome", referred)))
    assert "\nAn adult.</textarea>" in outcome_page
    assert "\nTransition to adult services.</textarea>" in outcome_page
    assert 'value="yes" checked' in outcome_page


def test_learning_review_is_only_for_a_case_that_is_not_notifiable(client, business_manager, referred):
    screen(referred, NOTIFIABLE_ANSWERS)
    client.force_login(business_manager)
    outcome_page = page(client.get(url("screening-outcome", referred)))
    assert "another learning review?" not in outcome_page
    confirm(client, referred, other_learning_review="yes", learning_review_reason="Ignored")
    screening = Screening.objects.get(incident=referred)
    assert screening.other_learning_review is False
    assert "Ignored" not in screening.reasons


# Validation messages


def question_prefix(code: str) -> dict:
    """Answers that lead to `code` as the next question."""
    for answers, *_ in PATHS:
        codes = list(answers)
        if code in codes:
            return {key: answers[key] for key in codes[: codes.index(code)]}
    raise AssertionError(code)


@pytest.mark.parametrize("code", list(rules.QUESTIONS))
def test_each_question_says_what_to_select_when_nothing_is_chosen(client, business_manager, referred, code):
    screen(referred, question_prefix(code))
    client.force_login(business_manager)
    response = client.post(url("screening-question", referred, code), {})
    html = page(response)
    assert response.status_code == 200
    assert "<title>Error: " in html
    assert "There is a problem" in html
    assert html.count(rules.QUESTIONS[code].error) == 2  # in the summary and by the question
    assert "govuk-form-group--error" in html
    assert Screening.objects.get(incident=referred).answers == question_prefix(code)


def test_an_answer_no_question_allows_is_refused_with_the_same_message(client, business_manager, referred):
    client.force_login(business_manager)
    html = page(client.post(url("screening-question", referred, "who"), {"answer": "adult"}))
    assert "Select who the referral is about" in html
    assert not Screening.objects.filter(incident=referred).exists()


def test_impairment_is_a_set_of_checkboxes(client, business_manager, referred):
    screen(referred, question_prefix("impairment"))
    client.force_login(business_manager)
    html = page(client.get(url("screening-question", referred, "impairment")))
    assert html.count('type="checkbox"') == 4
    client.post(url("screening-question", referred, "impairment"), {"answer": ["other", "mental_health"]})
    assert Screening.objects.get(incident=referred).answers["impairment"] == ["mental_health", "other"]


@pytest.mark.parametrize(
    ("answers", "data", "message"),
    [
        (NOTIFIABLE_ANSWERS, {"reasons": ""}, "Enter the reasons for the screening outcome"),
        (
            NOT_NOTIFIABLE_ANSWERS,
            {"reasons": "x"},
            "Select whether the case should go to another learning review",
        ),
        (
            NOT_NOTIFIABLE_ANSWERS,
            {"reasons": "x", "other_learning_review": "yes"},
            "Enter why the case should go to another learning review",
        ),
    ],
)
def test_outcome_messages(client, business_manager, referred, answers, data, message):
    screen(referred, answers)
    client.force_login(business_manager)
    html = page(client.post(url("screening-outcome", referred), data))
    assert html.count(message) == 2
    referred.refresh_from_db()
    assert referred.status == IncidentStatus.REFERRED
    assert Screening.objects.get(incident=referred).outcome == ""


# Navigation


def test_back_links_go_to_the_previous_question_then_the_summary(client, business_manager, referred):
    screen(referred, {"who": "child"})
    client.force_login(business_manager)
    first = page(client.get(url("screening-question", referred, "who")))
    assert f'href="{url("screening", referred)}" class="govuk-back-link"' in first
    second = page(client.get(url("screening-question", referred, "abuse-or-neglect")))
    assert f'href="{url("screening-question", referred, "who")}" class="govuk-back-link"' in second
    assert 'value="child" checked' in first


def test_a_question_not_yet_reached_sends_you_to_the_next_one(client, business_manager, referred):
    screen(referred, {"who": "child"})
    client.force_login(business_manager)
    response = client.get(url("screening-question", referred, "place"))
    assert response["Location"] == url("screening-question", referred, "abuse-or-neglect")
    response = client.post(url("screening-question", referred, "place"), {"answer": "in_area"})
    assert response["Location"] == url("screening-question", referred, "abuse-or-neglect")
    assert Screening.objects.get(incident=referred).answers == {"who": "child"}


def test_an_unknown_question_is_not_found(client, business_manager, referred):
    client.force_login(business_manager)
    assert client.get(url("screening-question", referred, "age")).status_code == 404


def test_check_and_outcome_wait_for_every_answer(client, business_manager, referred):
    screen(referred, {"who": "child", "abuse-or-neglect": "no"})
    client.force_login(business_manager)
    for name in ("screening-check", "screening-outcome"):
        assert client.get(url(name, referred))["Location"] == url("screening-question", referred, "harm")
    assert client.post(url("screening-outcome", referred), {"reasons": "x"}).status_code == 302
    assert Screening.objects.get(incident=referred).outcome == ""


def test_changing_an_answer_from_check_answers_continues_from_there(client, business_manager, referred):
    screen(referred, NOTIFIABLE_ANSWERS)
    client.force_login(business_manager)
    # The same route: straight back to check answers.
    response = client.post(url("screening-question", referred, "place"), {"answer": "outside_england"})
    assert response["Location"] == url("screening-check", referred)
    # A new route: on to the first question it adds.
    response = client.post(url("screening-question", referred, "harm"), {"answer": "died"})
    assert response["Location"] == url("screening-question", referred, "looked-after")
    assert "impairment" not in Screening.objects.get(incident=referred).answers


def test_summary_offers_start_continue_and_confirm(client, business_manager, referred):
    client.force_login(business_manager)
    html = page(client.get(url("screening", referred)))
    assert "Not screened yet" in html
    assert f'href="{url("screening-question", referred, "who")}"' in html and "Start screening" in html
    assert f'href="/incidents/{referred.pk}/" class="govuk-back-link"' in html
    screen(referred, {"who": "child"})
    html = page(client.get(url("screening", referred)))
    assert "Continue screening" in html
    assert f'href="{url("screening-question", referred, "abuse-or-neglect")}"' in html
    Screening.objects.filter(incident=referred).update(answers=NOTIFIABLE_ANSWERS)
    html = page(client.get(url("screening", referred)))
    assert "Confirm the outcome" in html
    assert "the outcome has not been confirmed yet" in html


def test_changed_answers_after_confirming_are_flagged_until_confirmed_again(
    client, business_manager, referred
):
    screen(referred, NOTIFIABLE_ANSWERS)
    client.force_login(business_manager)
    confirm(client, referred)
    client.post(url("screening-question", referred, "abuse-or-neglect"), {"answer": "no"})
    referred.refresh_from_db()
    assert referred.status == IncidentStatus.NOTIFICATION_DUE
    html = page(client.get(url("screening", referred)))
    assert "The answers have changed since this outcome was confirmed" in html
    confirm(client, referred, other_learning_review="no")
    referred.refresh_from_db()
    assert referred.status == IncidentStatus.NOT_NOTIFIABLE
    assert "The answers have changed" not in page(client.get(url("screening", referred)))


def test_the_outcome_page_offers_the_confirmed_reasons_again(client, business_manager, referred):
    screen(referred, NOTIFIABLE_ANSWERS)
    client.force_login(business_manager)
    confirm(client, referred, "Our own words.")
    assert "\nOur own words.</textarea>" in page(client.get(url("screening-outcome", referred)))


# Locked once the notification has gone to the Panel


@pytest.fixture
def notified(referred, business_manager):
    screen(referred, NOTIFIABLE_ANSWERS)
    referred.status = IncidentStatus.NOTIFIED
    referred.notified_on = dt.date(2026, 11, 25)
    referred.save()
    return referred


def test_screening_is_locked_after_notification(client, business_manager, notified):
    client.force_login(business_manager)
    html = page(client.get(url("screening", notified)))
    assert "Screening is locked: the notification was sent to the Panel on 25 November 2026" in html
    assert "Start screening" not in html and "Confirm the outcome" not in html
    assert f'href="{url("screening-question", notified, "who")}"' not in html
    for name, args in [("screening-question", ["who"]), ("screening-check", []), ("screening-outcome", [])]:
        response = client.get(url(name, notified, *args))
        assert response["Location"] == url("screening", notified)
    response = client.post(url("screening-outcome", notified), {"reasons": "Late change"}, follow=True)
    assert "Screening cannot be changed after the notification has been sent to the Panel" in page(response)
    client.post(url("screening-question", notified, "who"), {"answer": "neither"})
    notified.refresh_from_db()
    assert notified.status == IncidentStatus.NOTIFIED
    assert notified.screening.answers == NOTIFIABLE_ANSWERS
    assert notified.screening.outcome == ""


def test_the_action_refuses_a_locked_screening_too(business_manager, notified):
    with pytest.raises(ScreeningLocked):
        do_record_screening_answer(notified, "who", "neither", acting_user=business_manager, request=None)


# Partners' agreement to notify


def decide(client, incident, partner, agrees="yes", **extra):
    data = {
        "partner": partner,
        "agrees": agrees,
        "person_name": "Sam Partner",
        "person_role": "Director",
        "decided_on_day": "24",
        "decided_on_month": "11",
        "decided_on_year": "2026",
        **extra,
    }
    return client.post(url("partner-decision", incident), data)


def test_all_three_partners_agree(client, business_manager, referred):
    client.force_login(business_manager)
    assert "No decision recorded yet from: Local authority, Integrated Care Board, Police" in page(
        client.get(url("screening", referred))
    )
    for partner in StatutoryPartner.values:
        assert decide(client, referred, partner)["Location"] == url("screening", referred)
    html = page(client.get(url("screening", referred)))
    assert "All three agree" in html
    assert "Sam Partner, Director" in html
    assert "24 November 2026" in html
    assert "govuk-warning-text" not in html
    row = AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="incidents.partnerdecision"
    ).first()
    assert row.changes["agrees"] == [None, True]


def test_a_disagreement_is_flagged_and_does_not_block(client, business_manager, referred):
    client.force_login(business_manager)
    decide(client, referred, "local_authority")
    decide(client, referred, "integrated_care_board")
    decide(client, referred, "police", "no", comment="Harm was accidental in our view.")
    html = page(client.get(url("screening", referred)))
    assert "Not every partner agrees to notify the Panel: Police" in html
    assert "The local authority decides whether to notify" in html
    assert "Harm was accidental in our view." in html
    assert "All three agree" not in html
    row = AuditEvent.objects.filter(
        object_type="incidents.partnerdecision", changes__agrees=[None, False]
    ).get()
    assert row.changes["comment"] == [None, REDACTED]
    # The outcome can still be confirmed as notifiable.
    Screening.objects.filter(incident=referred).update(answers=NOTIFIABLE_ANSWERS)
    confirm(client, referred)
    referred.refresh_from_db()
    assert referred.status == IncidentStatus.NOTIFICATION_DUE


def test_a_partner_changing_their_view_keeps_both_and_the_latest_counts(client, business_manager, referred):
    client.force_login(business_manager)
    decide(client, referred, "police", "no", comment="Need more information.")
    decide(client, referred, "police", "yes", decided_on_day="25")
    decide(client, referred, "local_authority")
    decide(client, referred, "integrated_care_board")
    assert PartnerDecision.objects.filter(partner="police").count() == 2
    html = page(client.get(url("screening", referred)))
    assert "Need more information." in html
    assert "All three agree" in html
    assert "Not every partner agrees" not in html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"partner": ""}, "Select which safeguarding partner made the decision"),
        ({"agrees": ""}, "Select whether the partner agrees to notify the Panel"),
        ({"person_name": ""}, "Enter the name of the person who decided"),
        ({"person_role": ""}, "Enter the role of the person who decided"),
        (
            {"decided_on_day": "", "decided_on_month": "", "decided_on_year": ""},
            "Enter the date of the decision",
        ),
        ({"decided_on_day": "27"}, "The date of the decision must be today or in the past"),
        ({"agrees": "no"}, "Enter why the partner does not agree to notify the Panel"),
    ],
)
def test_partner_decision_messages(client, business_manager, referred, data, message):
    client.force_login(business_manager)
    html = page(decide(client, referred, **{"partner": "police", **data}))
    assert html.count(message) == 2
    assert not PartnerDecision.objects.exists()


def test_record_link_can_preselect_the_partner(client, business_manager, referred):
    client.force_login(business_manager)
    html = page(client.get(url("partner-decision", referred) + "?partner=police"))
    assert 'value="police" checked' in html
    html = page(client.get(url("partner-decision", referred) + "?partner=mayor"))
    assert "checked" not in html


# Who sees what


def test_review_group_and_executive_read_the_screening_without_changing_it(
    client, review_group_member, executive_member, business_manager, referred
):
    screen(referred, NOTIFIABLE_ANSWERS)
    client.force_login(business_manager)
    confirm(client, referred, "Confirmed reasons.")
    decide(client, referred, "police")
    for reader in (review_group_member, executive_member):
        client.force_login(reader)
        html = page(client.get(url("screening", referred)))
        assert "Confirmed reasons." in html
        assert "Sam Partner, Director" in html
        assert "Change the outcome" not in html
        assert "Record a partner" not in html
        assert url("screening-question", referred, "who") not in html
        assert client.post(url("partner-decision", referred), {}).status_code == 403
        assert (
            client.post(url("screening-question", referred, "who"), {"answer": "neither"}).status_code == 403
        )


def test_viewing_the_summary_is_audited(client, review_group_member, business_manager, referred):
    screening = screen(referred, NOTIFIABLE_ANSWERS)
    client.force_login(review_group_member)
    client.get(url("screening", referred))
    row = AuditEvent.objects.get(action=AuditAction.VIEW)
    assert (row.object_type, row.object_id) == ("incidents.screening", str(screening.pk))


def test_agency_lead_may_not_see_the_screening(client, agency_lead, referred):
    client.force_login(agency_lead)
    assert client.get(url("screening", referred)).status_code == 403
    assert client.post(url("screening-question", referred, "who"), {"answer": "child"}).status_code == 403
    assert not Screening.objects.exists()


def test_panel_sees_no_screening(client, panel_member, notified, referred):
    client.force_login(panel_member)
    assert client.get(url("screening", notified)).status_code == 403  # the incident is notified: 403
    assert client.get(url("partner-decision", notified)).status_code == 403
    notified.notified_on = None
    notified.save()
    assert client.get(url("screening", notified)).status_code == 404


def test_another_partnership_cannot_screen_our_incident(client, other_business_manager, referred):
    client.force_login(other_business_manager)
    assert client.post(url("screening-question", referred, "who"), {"answer": "child"}).status_code == 404
    assert client.post(url("partner-decision", referred), {}).status_code == 404
    assert not Screening.objects.exists()
