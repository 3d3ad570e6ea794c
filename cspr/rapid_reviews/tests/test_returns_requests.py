"""Asking agencies for returns: the records, the emails, the clock step, the audit trail and the rapid
review page's table of returns."""

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from cspr.audit.models import AuditAction, AuditEvent
from cspr.deadlines.models import LocalStepLength, StepCompletion
from cspr.partnerships.models import Agency, AgencyKind
from cspr.rapid_reviews.models import AgencyReturn, ReturnStatus

from .matrix import open_rapid_review, sent_rapid_review

TODAY = dt.datetime(2026, 11, 26, 12, tzinfo=ZoneInfo("Europe/London"))  # a Thursday
MESSAGE = "Please include Kai Testchild's visits to the surgery"


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def rapid_review(incident):
    return open_rapid_review({"incident": incident})


def request_url(rapid_review) -> str:
    return reverse("rapid_reviews:requests", args=[rapid_review.pk])


def due(day: dt.date) -> dict:
    return {"due_on_day": day.day, "due_on_month": day.month, "due_on_year": day.year}


def send(client, user, rapid_review, capture, **data):
    client.force_login(user)
    with capture(execute=True):
        return client.post(request_url(rapid_review), data)


def test_sending_asks_each_agency_and_emails_its_leads_without_the_childs_name(
    client,
    business_manager,
    agency,
    other_agency,
    agency_lead,
    other_agency_lead,
    rapid_review,
    mailoutbox,
    settings,
    django_capture_on_commit_callbacks,
):
    settings.SITE_URL = "https://cspr.example.org"
    other_agency.email = "safeguarding@gp.example.test"
    other_agency.save()
    response = send(
        client,
        business_manager,
        rapid_review,
        django_capture_on_commit_callbacks,
        agencies=[agency.pk, other_agency.pk],
        message=MESSAGE,
        **due(dt.date(2026, 12, 3)),
    )
    assert response.status_code == 302
    assert response["Location"] == rapid_review.get_absolute_url()
    returns = list(AgencyReturn.objects.filter(rapid_review=rapid_review).order_by("agency__name"))
    assert [(r.agency, r.status, r.requested_on, r.due_on) for r in returns] == [
        (other_agency, ReturnStatus.REQUESTED, dt.date(2026, 11, 26), dt.date(2026, 12, 3)),
        (agency, ReturnStatus.REQUESTED, dt.date(2026, 11, 26), dt.date(2026, 12, 3)),
    ]
    assert all(r.request_message == MESSAGE and r.requested_by == business_manager for r in returns)
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted(
        [agency_lead.email, other_agency_lead.email, "safeguarding@gp.example.test"]
    )
    gp_mail = next(mail for mail in mailoutbox if mail.to == [other_agency_lead.email])
    assert gp_mail.subject == "Agency return requested: incident 2026/001"
    assert "asks Northshire GP Practices for an agency return" in gp_mail.body
    assert "Due: 3 December 2026" in gp_mail.body
    assert f"https://cspr.example.org/rapid-reviews/returns/{returns[0].pk}/" in gp_mail.body
    for mail in mailoutbox:
        text = mail.subject + mail.body
        assert "Kai" not in text and "Testchild" not in text
        assert "surgery" not in text  # the message stays in cspr


def test_sending_involves_the_agencies_and_completes_the_letters_step(
    client, business_manager, agency, other_agency, rapid_review, django_capture_on_commit_callbacks
):
    incident = rapid_review.incident
    assert list(incident.agencies_involved.all()) == [agency]
    send(
        client,
        business_manager,
        rapid_review,
        django_capture_on_commit_callbacks,
        agencies=[other_agency.pk],
        **due(dt.date(2026, 12, 3)),
    )
    assert set(incident.agencies_involved.all()) == {agency, other_agency}
    completion = StepCompletion.objects.get(incident=incident, step_code="agency_leads_contacted")
    # Notified Tuesday 24 November, so the letters were due on the 25th: one working day late.
    assert (completion.due_on, completion.completed_on, completion.working_days_late) == (
        dt.date(2026, 11, 25),
        dt.date(2026, 11, 26),
        1,
    )


def test_the_audit_trail_records_the_requests_but_never_the_message(
    client, business_manager, agency, rapid_review, django_capture_on_commit_callbacks
):
    send(
        client,
        business_manager,
        rapid_review,
        django_capture_on_commit_callbacks,
        agencies=[agency.pk],
        message=MESSAGE,
        **due(dt.date(2026, 12, 3)),
    )
    agency_return = AgencyReturn.objects.get()
    event = AuditEvent.objects.get(
        action=AuditAction.CREATE, object_type="rapid_reviews.agencyreturn", object_id=str(agency_return.pk)
    )
    assert event.object_repr == "Agency return of Northshire Police for incident 2026/001"
    assert event.changes["request_message"] == [None, "(not recorded)"]
    assert event.changes["due_on"] == [None, "2026-12-03"]
    assert event.changes["agency"] == [None, agency.pk]
    everything = json.dumps([e.changes for e in AuditEvent.objects.all()]) + "".join(
        AuditEvent.objects.values_list("object_repr", flat=True)
    )
    assert "Kai" not in everything and "surgery" not in everything
    assert AuditEvent.objects.filter(
        object_type="deadlines.stepcompletion", actor_id=business_manager.pk
    ).exists()


def test_a_new_agency_is_added_to_the_partnership_and_asked(
    client, business_manager, rapid_review, mailoutbox, django_capture_on_commit_callbacks
):
    send(
        client,
        business_manager,
        rapid_review,
        django_capture_on_commit_callbacks,
        new_agency_name="Northshire Housing",
        new_agency_kind=AgencyKind.HOUSING,
        new_agency_email="safeguarding@housing.example.test",
        **due(dt.date(2026, 12, 4)),
    )
    housing = Agency.objects.get(name="Northshire Housing")
    assert (housing.partnership, housing.kind, housing.is_active) == (
        rapid_review.partnership,
        AgencyKind.HOUSING,
        True,
    )
    assert AgencyReturn.objects.get().agency == housing
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="partnerships.agency", object_id=str(housing.pk)
    ).exists()
    assert [mail.to for mail in mailoutbox] == [["safeguarding@housing.example.test"]]


def test_agencies_already_asked_are_shown_with_their_status_and_not_asked_again(
    client, business_manager, agency, other_agency, rapid_review, django_capture_on_commit_callbacks
):
    first = AgencyReturn.objects.create(
        partnership=rapid_review.partnership,
        rapid_review=rapid_review,
        agency=agency,
        requested_on=dt.date(2026, 11, 24),
        due_on=dt.date(2026, 12, 1),
        status=ReturnStatus.DRAFT,
    )
    client.force_login(business_manager)
    page = client.get(request_url(rapid_review)).content.decode()
    assert "Agencies already asked" in page
    assert "Draft saved" in page
    assert f'value="{agency.pk}"' not in page  # no checkbox for it
    assert f'value="{other_agency.pk}"' in page
    # Posting it anyway (an old form) asks nobody twice.
    send(
        client,
        business_manager,
        rapid_review,
        django_capture_on_commit_callbacks,
        agencies=[other_agency.pk],
        **due(dt.date(2026, 12, 3)),
    )
    assert AgencyReturn.objects.filter(agency=agency).get() == first
    assert AgencyReturn.objects.count() == 2


def test_the_due_date_defaults_to_the_partnerships_length(client, business_manager, rapid_review):
    client.force_login(business_manager)
    page = client.get(request_url(rapid_review)).content.decode()
    # 5 working days from Thursday 26 November 2026.
    assert 'name="due_on_day" value="3"' in page
    assert "Usually 5 working days after the request: 3 December 2026" in page
    LocalStepLength.objects.create(
        partnership=rapid_review.partnership, step_code="agency_return_request", length=8
    )
    page = client.get(request_url(rapid_review)).content.decode()
    assert "Usually 8 working days after the request: 8 December 2026" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({**due(dt.date(2026, 12, 3))}, "Select the agencies to ask for a return, or add an agency"),
        ({"agencies": "AGENCY", **due(dt.date(2026, 11, 25))}, "must be today or in the future"),
        ({"agencies": "AGENCY"}, "Enter the date the returns are due"),
        ({"new_agency_email": "x@example.test", **due(dt.date(2026, 12, 3))}, "Enter the agency&#x27;s name"),
        (
            {
                "new_agency_name": "northshire police",
                "new_agency_kind": "police",
                **due(dt.date(2026, 12, 3)),
            },
            "This partnership already has an agency with this name",
        ),
    ],
)
def test_invalid_requests_are_refused_with_a_message(
    client, business_manager, agency, rapid_review, data, message, mailoutbox
):
    data = {key: agency.pk if value == "AGENCY" else value for key, value in data.items()}
    client.force_login(business_manager)
    response = client.post(request_url(rapid_review), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and "govuk-form-group--error" in page
    assert message in page
    assert not AgencyReturn.objects.exists()
    assert mailoutbox == []


def test_only_the_business_manager_asks_and_not_once_sent(
    client, review_group_member, business_manager, incident
):
    rapid_review = open_rapid_review({"incident": incident})
    client.force_login(review_group_member)
    assert client.get(request_url(rapid_review)).status_code == 403
    sent_rapid_review({"incident": incident})
    client.force_login(business_manager)
    assert client.get(request_url(rapid_review)).status_code == 403


def test_the_rapid_review_page_counts_the_returns_submitted(
    client, business_manager, executive_member, agency, other_agency, rapid_review
):
    for asked, status in ((agency, ReturnStatus.SUBMITTED), (other_agency, ReturnStatus.REQUESTED)):
        AgencyReturn.objects.create(
            partnership=rapid_review.partnership,
            rapid_review=rapid_review,
            agency=asked,
            requested_on=dt.date(2026, 11, 19),
            due_on=dt.date(2026, 11, 24),
            status=status,
            submitted_on=dt.date(2026, 11, 23) if status == ReturnStatus.SUBMITTED else None,
        )
    client.force_login(business_manager)
    page = client.get(rapid_review.get_absolute_url()).content.decode()
    assert "1 of 2 returns submitted" in page
    assert "Met on time" in page  # submitted before the due date
    assert "Overdue by 2 working days" in page  # due Tuesday 24th, still awaited on Thursday 26th
    assert request_url(rapid_review) in page
    client.force_login(executive_member)
    page = client.get(rapid_review.get_absolute_url()).content.decode()
    assert "1 of 2 returns submitted" in page
    assert request_url(rapid_review) not in page


def test_posting_an_agency_already_asked_is_refused(
    client, business_manager, agency, rapid_review, django_capture_on_commit_callbacks
):
    send(
        client,
        business_manager,
        rapid_review,
        django_capture_on_commit_callbacks,
        agencies=[agency.pk],
        **due(dt.date(2026, 12, 3)),
    )
    response = client.post(request_url(rapid_review), {"agencies": [agency.pk], **due(dt.date(2026, 12, 3))})
    assert "Select agencies from the list: one you selected was already asked" in response.content.decode()
    assert AgencyReturn.objects.count() == 1


def test_the_panel_sees_no_returns_on_a_sent_rapid_review(client, panel_member, agency, incident):
    rapid_review = sent_rapid_review({"incident": incident})
    AgencyReturn.objects.create(
        partnership=rapid_review.partnership,
        rapid_review=rapid_review,
        agency=agency,
        requested_on=dt.date(2026, 11, 24),
        due_on=dt.date(2026, 12, 1),
    )
    client.force_login(panel_member)
    page = client.get(rapid_review.get_absolute_url()).content.decode()
    assert "The agencies' returns stay with the partnership" in page
    assert "Northshire Police" not in page
    assert "Request agency returns" not in page


def test_once_every_agency_is_asked_only_a_new_agency_can_be_added(
    client, business_manager, agency, rapid_review, django_capture_on_commit_callbacks
):
    send(
        client,
        business_manager,
        rapid_review,
        django_capture_on_commit_callbacks,
        agencies=[agency.pk],
        **due(dt.date(2026, 12, 3)),
    )
    page = client.get(request_url(rapid_review)).content.decode()
    assert "Every active agency of the partnership has been asked" in page
    response = client.post(request_url(rapid_review), due(dt.date(2026, 12, 3)))
    assert 'href="#id_new_agency_name"' in response.content.decode()
    assert "Enter the name of the agency to ask for a return" in response.content.decode()
