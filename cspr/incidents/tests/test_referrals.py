"""Referrals: in cspr by an agency lead, recorded by the business unit, and held over a duplicate warning."""

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import make_incident, make_user
from cspr.accounts.models import Role
from cspr.audit.models import AuditAction, AuditEvent
from cspr.incidents.duplicates import possible_duplicates
from cspr.incidents.models import Child, Incident, IncidentStatus, Referral, ReferralChannel
from cspr.incidents.views.referrals import PENDING_KEY
from cspr.partnerships.models import Agency, AgencyKind

from .referral_data import date_fields, referral_data

TODAY = dt.date(2026, 11, 26)
REFER = reverse("incidents:refer")
RECORD = reverse("incidents:record-referral")


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(dt.datetime(2026, 11, 26, 10, tzinfo=ZoneInfo("Europe/London")), tick=False):
        yield


def audit_text() -> str:
    return json.dumps(list(AuditEvent.objects.values("object_repr", "changes")))


def sent_referral(response) -> Referral:
    assert response.status_code == 302, response.content.decode()[:2000]
    referral = Referral.objects.get(pk=response["Location"].split("/")[-3])
    assert response["Location"] == reverse("incidents:referral-sent", args=[referral.pk])
    return referral


# Referring in cspr


def test_the_form_is_prefilled_from_the_agency_lead(client, agency_lead, agency):
    client.force_login(agency_lead)
    page = client.get(REFER).content.decode()
    assert 'value="Agency Lead"' in page
    assert f'value="{agency_lead.email}"' in page
    assert f"Agency: {agency.name}" in page
    assert 'name="referrer_agency"' not in page
    assert page.count("Characteristics of child") == 4


def test_agency_lead_refers_a_new_case(client, agency_lead, agency, other_agency, partnership):
    client.force_login(agency_lead)
    data = referral_data(
        children=[
            {"name": "Ava Example", "date_of_birth": dt.date(2025, 8, 14), "sex": "female"},
            {"age_years": "4", "sex": "male", "looked_after": "yes", "placement_type": "foster_care"},
        ],
        agencies_involved=[str(agency.pk), str(other_agency.pk)],
        further_children="An older sibling, aged 15, lives with their father.",
    )
    referral = sent_referral(client.post(REFER, data))
    incident = referral.incident
    assert incident.partnership == partnership
    assert incident.reference == "2026/001"
    assert incident.status == IncidentStatus.REFERRED
    assert incident.aware_on == TODAY
    assert incident.incident_on == dt.date(2026, 11, 21)
    assert incident.summary == data["what_happened"]
    assert incident.further_children == data["further_children"]
    assert incident.created_by == agency_lead
    assert set(incident.agencies_involved.all()) == {agency, other_agency}
    first, second = incident.children.order_by("position")
    assert (first.name, first.pseudonym, first.date_of_birth, first.sex) == (
        "Ava Example",
        "Child A",
        dt.date(2025, 8, 14),
        "female",
    )
    assert (second.name, second.pseudonym, second.age_years, second.placement_type) == (
        "",
        "Child B",
        4,
        "foster_care",
    )
    assert referral.channel == ReferralChannel.PRODUCT
    assert referral.received_on == TODAY
    assert referral.referrer_agency == agency
    assert referral.submitted_by == agency_lead
    assert referral.agency_concerns == data["agency_concerns"]


def test_confirmation_panel_gives_the_reference_and_next_steps(client, agency_lead):
    client.force_login(agency_lead)
    response = client.post(REFER, referral_data(), follow=True)
    page = response.content.decode()
    assert "govuk-panel--confirmation" in page
    assert "2026/001" in page
    assert "What happens next" in page
    assert "5 working days" in page


def test_referral_numbers_follow_the_partnership_register(client, business_manager, incident):
    client.force_login(business_manager)
    referral = sent_referral(client.post(REFER, referral_data()))
    assert referral.incident.reference == "2026/002"
    assert referral.referrer_agency is None


def test_business_manager_may_name_the_referrers_agency(client, business_manager, other_agency):
    client.force_login(business_manager)
    referral = sent_referral(client.post(REFER, referral_data(referrer_agency=str(other_agency.pk))))
    assert referral.referrer_agency == other_agency


def test_agency_lead_cannot_refer_for_another_agency(client, agency_lead, agency, other_agency):
    client.force_login(agency_lead)
    referral = sent_referral(client.post(REFER, referral_data(referrer_agency=str(other_agency.pk))))
    assert referral.referrer_agency == agency


def test_inactive_agencies_are_not_offered(client, business_manager, agency):
    Agency.objects.filter(pk=agency.pk).update(is_active=False)
    client.force_login(business_manager)
    assert agency.name not in client.get(REFER).content.decode()


def test_referral_audit_rows_name_no_one_and_hold_no_case_text(client, agency_lead):
    client.force_login(agency_lead)
    sent_referral(client.post(REFER, referral_data()))
    created = AuditEvent.objects.filter(action=AuditAction.CREATE)
    assert sorted(created.values_list("object_type", flat=True)) == [
        "incidents.child",
        "incidents.incident",
        "incidents.referral",
    ]
    text = audit_text()
    for secret in ("Ava Example", "2025-08-14", "head injury", "Family home", "Sam Referrer", "sam.referrer"):
        assert secret not in text
    child_row = created.get(object_type="incidents.child")
    assert child_row.object_repr == "Child A in incident 2026/001"
    assert child_row.changes["name"] == [None, "(not recorded)"]


# Validation


def errors_for(client, data, url=REFER, field_error=True):
    """The page shown again with the error summary (and the field marked); no incident saved."""
    response = client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert ("govuk-form-group--error" in page) is field_error
    assert not Incident.objects.exists()
    return page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"incident_on_day": "", "incident_on_month": "", "incident_on_year": ""},
            "Enter the date of the incident",
        ),
        ({"incident_on": dt.date(2026, 11, 27)}, "The date of the incident must be today or in the past"),
        ({"incident_on_month": "13"}, "The date must be a real date"),
        ({"place": None}, "Select where the incident happened"),
        ({"nature": None}, "Select whether the child died, was seriously harmed or other"),
        ({"what_happened": ""}, "Enter what happened"),
        ({"referrer_name": ""}, "Enter the referrer&#x27;s name"),
        ({"referrer_role": ""}, "Enter the referrer&#x27;s role"),
        ({"referrer_email": ""}, "Enter an email address or a phone number so the business unit can reply"),
        ({"referrer_email": "not-an-email"}, "Enter an email address in the correct format"),
    ],
)
def test_case_and_referrer_errors(client, agency_lead, overrides, message):
    client.force_login(agency_lead)
    assert message in errors_for(client, referral_data(**overrides))


def test_at_least_one_child(client, agency_lead):
    client.force_login(agency_lead)
    page = errors_for(client, referral_data(children=[]), field_error=False)
    assert "Give details of at least one child" in page


def test_a_phone_number_is_enough_to_reply(client, agency_lead):
    client.force_login(agency_lead)
    sent_referral(client.post(REFER, referral_data(referrer_email="", referrer_phone="01632 960000")))


@pytest.mark.parametrize(
    ("child", "message"),
    [
        ({"date_of_birth": dt.date(2026, 11, 27)}, "The date of birth must be today or in the past"),
        (
            {"date_of_birth": dt.date(2026, 11, 22)},
            "The date of birth must be on or before the date of the incident, unless the child was unborn",
        ),
        (
            {"unborn": True, "date_of_birth": dt.date(2026, 11, 20)},
            "A child who was unborn at the time of the incident must have a date of birth after it",
        ),
        ({"unborn": True, "age_years": "1"}, "Leave the age blank for a child who was unborn at the time"),
        (
            {"name": "Ava Example"},
            "Enter the child&#x27;s date of birth or age, or select that they were unborn",
        ),
        (
            {"date_of_birth": dt.date(2025, 8, 14), "age_years": "3"},
            "The age does not match the date of birth: on the date of the incident the child was 1",
        ),
        (
            {"age_years": "2", "placement_type": "foster_care"},
            "Select a placement type only for a looked-after child, or answer yes to looked after",
        ),
        ({"age_years": "25"}, "Enter an age of 24 or less"),
        ({"age_years": "seven"}, "Enter the age as a whole number, like 7"),
        ({"date_of_birth_day": "3", "date_of_birth_month": "5"}, "The date of birth must include a year"),
    ],
)
def test_child_errors(client, agency_lead, child, message):
    client.force_login(agency_lead)
    page = errors_for(client, referral_data(children=[child]))
    assert message in page
    assert 'href="#id_children-0-' in page


def test_a_child_unborn_at_the_time_and_born_since_is_accepted(client, agency_lead):
    client.force_login(agency_lead)
    referral = sent_referral(
        client.post(REFER, referral_data(children=[{"unborn": True, "date_of_birth": dt.date(2026, 11, 24)}]))
    )
    child = referral.incident.children.get()
    assert child.unborn
    assert child.age_description() == "Unborn"


def test_age_that_matches_the_date_of_birth_is_kept(client, agency_lead):
    client.force_login(agency_lead)
    referral = sent_referral(
        client.post(
            REFER, referral_data(children=[{"date_of_birth": dt.date(2025, 8, 14), "age_years": "1"}])
        )
    )
    assert referral.incident.children.get().age_years == 1


def test_no_more_than_four_named_children(client, agency_lead):
    client.force_login(agency_lead)
    children = [{"age_years": str(age)} for age in range(1, 6)]
    page = errors_for(client, referral_data(children=children, total_forms=5), field_error=False)
    assert (
        "You can give details of up to 4 children. Describe any other children under further children" in page
    )


def test_a_wrong_incident_date_does_not_hide_the_other_errors(client, agency_lead):
    client.force_login(agency_lead)
    page = errors_for(
        client,
        referral_data(incident_on=dt.date(2027, 1, 1), what_happened="", children=[{"age_years": "x"}]),
    )
    assert "The date of the incident must be today or in the past" in page
    assert "Enter what happened" in page
    assert "Enter the age as a whole number" in page


def test_what_was_typed_is_shown_again_after_an_error(client, agency_lead):
    client.force_login(agency_lead)
    page = errors_for(client, referral_data(what_happened="", location="Grandparents' flat"))
    assert "Grandparents&#x27; flat" in page
    assert 'value="Ava Example"' in page


# Recording a referral received elsewhere


def recorded_data(**overrides):
    fields = {"channel_received": "email", "received_on": dt.date(2026, 11, 23)}
    fields.update(overrides)
    return referral_data(**fields)


def test_business_manager_records_an_emailed_referral_with_the_original(
    client, business_manager, private_media
):
    client.force_login(business_manager)
    upload = SimpleUploadedFile("Referral about Ava Example.eml", b"From: school\n\nPlease consider...")
    referral = sent_referral(client.post(RECORD, {**recorded_data(), "original_document": upload}))
    assert referral.channel == ReferralChannel.EMAIL
    assert referral.received_on == dt.date(2026, 11, 23)
    assert referral.incident.aware_on == dt.date(2026, 11, 23)
    assert referral.original_document.name.startswith("referrals/2026/referral-2026-001")
    assert "Ava" not in referral.original_document.name
    assert referral.original_document.read() == b"From: school\n\nPlease consider..."
    assert (private_media / referral.original_document.name).exists()


def test_a_phone_referral_needs_no_document(client, business_manager):
    client.force_login(business_manager)
    referral = sent_referral(client.post(RECORD, recorded_data(channel_received="phone")))
    assert referral.channel == ReferralChannel.PHONE
    assert not referral.original_document


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"channel_received": None}, "Select how the referral was received"),
        ({"channel_received": "product"}, "Select a valid choice"),
        ({"received_on": None}, "Enter the date the referral was received"),
        (
            {"received_on": dt.date(2026, 11, 27)},
            "The date the referral was received must be today or in the past",
        ),
        (
            {"received_on": dt.date(2026, 11, 20)},
            "The date the referral was received must be the same as or after the date of the incident",
        ),
    ],
)
def test_recorded_referral_errors(client, business_manager, overrides, message):
    if overrides.get("received_on", "") is None:
        overrides = {**dict.fromkeys(date_fields("received_on_date", None), "")}
    client.force_login(business_manager)
    assert message in errors_for(client, recorded_data(**overrides), url=RECORD)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "referral.exe",
            b"MZ",
            "The selected file must be a PDF, Word document, email (EML or MSG), text, RTF or ODT",
        ),
        ("referral.html", b"<p>", "The selected file must be a PDF, Word document"),
        ("referral.pdf", b"", "The selected file is empty"),
        ("referral.pdf", b"x" * (10 * 1024 * 1024 + 1), "The selected file must be smaller than 10MB"),
    ],
)
def test_document_errors(client, business_manager, name, content, message):
    client.force_login(business_manager)
    upload = SimpleUploadedFile(name, content)
    assert message in errors_for(client, {**recorded_data(), "original_document": upload}, url=RECORD)


@pytest.mark.parametrize("suffix", [".pdf", ".doc", ".docx", ".eml", ".msg", ".txt", ".rtf", ".ODT"])
def test_every_accepted_document_type(client, business_manager, suffix):
    client.force_login(business_manager)
    upload = SimpleUploadedFile(f"original{suffix}", b"content")
    referral = sent_referral(client.post(RECORD, {**recorded_data(), "original_document": upload}))
    assert referral.original_document.name.endswith(suffix.lower())


def test_agency_lead_cannot_record_referrals(client, agency_lead):
    client.force_login(agency_lead)
    assert client.post(RECORD, recorded_data()).status_code == 403
    assert not Incident.objects.exists()


# The original document


@pytest.fixture
def referral_with_document(incident):
    referral = incident.referrals.get()
    referral.original_document.save("referral-2026-001.txt", SimpleUploadedFile("x.txt", b"The original"))
    return referral


def document_url(referral):
    return reverse("incidents:referral-document", args=[referral.pk])


def test_business_manager_downloads_the_original_and_it_is_audited(
    client, business_manager, referral_with_document
):
    client.force_login(business_manager)
    response = client.get(document_url(referral_with_document))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == b"The original"
    event = AuditEvent.objects.get(action=AuditAction.VIEW)
    assert event.object_type == "incidents.referral"
    assert event.object_id == str(referral_with_document.pk)


def test_the_notifier_downloads_the_original(client, partnership, incident, referral_with_document):
    social_care = Agency.objects.create(
        partnership=partnership, name="Northshire Children's Services", kind=AgencyKind.CHILDRENS_SOCIAL_CARE
    )
    notifier = make_user(Role.AGENCY_LEAD, partnership, social_care, email="notifier@example.test")
    Incident.objects.filter(pk=incident.pk).update(notifier=notifier)
    client.force_login(notifier)
    assert client.get(document_url(referral_with_document)).status_code == 200


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("agency_lead", 403),
        ("review_group_member", 403),
        ("executive_member", 403),
        ("other_agency_lead", 404),
        ("other_business_manager", 404),
        ("panel_member", 404),
    ],
)
def test_others_cannot_download_the_original(client, request, referral_with_document, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(document_url(referral_with_document)).status_code == status


def test_a_referral_without_document_has_none_to_download(client, business_manager, incident):
    client.force_login(business_manager)
    assert client.get(document_url(incident.referrals.get())).status_code == 404


def test_confirmation_is_not_shown_to_another_agency(client, other_agency_lead, incident):
    client.force_login(other_agency_lead)
    url = reverse("incidents:referral-sent", args=[incident.referrals.get().pk])
    assert client.get(url).status_code == 404


# Duplicate warning


def kai_again(**overrides):
    return referral_data(
        children=[{"name": " kai  TESTCHILD", "date_of_birth": dt.date(2026, 5, 2)}], **overrides
    )


def test_business_manager_is_warned_of_a_possible_duplicate(client, business_manager, incident):
    client.force_login(business_manager)
    response = client.post(REFER, kai_again())
    page = response.content.decode()
    assert response.status_code == 200
    assert "This may be a case the partnership already holds" in page
    assert "govuk-warning-text" in page
    assert "2026/001" in page
    assert "21 November 2026" in page
    assert "Child K (Kai Testchild)" in page
    assert "Notification due" in page
    assert "Same child&#x27;s name and date of birth" in page
    assert Incident.objects.count() == 1
    assert len(client.session[PENDING_KEY]) == 1


def pending_token(client) -> str:
    [token] = client.session[PENDING_KEY]
    return token


def test_adding_the_referral_to_the_incident_already_held(client, business_manager, incident, other_agency):
    client.force_login(business_manager)
    client.post(REFER, kai_again(agencies_involved=[str(other_agency.pk)]))
    response = client.post(REFER, {"pending": pending_token(client), "decision": str(incident.pk)})
    referral = sent_referral(response)
    assert referral.incident == incident
    assert Incident.objects.count() == 1
    assert incident.children.count() == 1  # Kai is not added twice
    assert other_agency in incident.agencies_involved.all()
    assert incident.referrals.count() == 2
    assert client.session[PENDING_KEY] == {}


def test_creating_a_new_incident_anyway(client, business_manager, incident):
    client.force_login(business_manager)
    client.post(REFER, kai_again(location="Nursery"))
    referral = sent_referral(client.post(REFER, {"pending": pending_token(client), "decision": "new"}))
    assert referral.incident.reference == "2026/002"
    assert referral.incident.location == "Nursery"
    assert referral.incident.children.get().name == " kai  TESTCHILD".strip()


def test_a_decision_is_required(client, business_manager, incident):
    client.force_login(business_manager)
    client.post(REFER, kai_again())
    page = client.post(REFER, {"pending": pending_token(client)}).content.decode()
    assert "There is a problem" in page
    assert "Select whether to add the referral to an incident or create a new incident" in page
    assert Incident.objects.count() == 1


def test_an_incident_that_was_not_offered_cannot_be_chosen(client, business_manager, incident, partnership):
    unrelated = make_incident(partnership, reference="2026/009", incident_on=dt.date(2025, 1, 1))
    Child.objects.filter(incident=unrelated).update(name="Someone Else", date_of_birth=dt.date(2020, 1, 1))
    client.force_login(business_manager)
    client.post(REFER, kai_again())
    page = client.post(
        REFER, {"pending": pending_token(client), "decision": str(unrelated.pk)}
    ).content.decode()
    assert "Select whether to add the referral" in page
    assert unrelated.referrals.count() == 0


def test_a_lost_pending_referral_is_explained(client, business_manager):
    client.force_login(business_manager)
    response = client.post(REFER, {"pending": "gone", "decision": "new"}, follow=True)
    assert "enter it again" in response.content.decode()
    assert not Incident.objects.exists()


def test_a_held_referral_keeps_its_document(
    client, business_manager, incident, private_media, django_capture_on_commit_callbacks
):
    client.force_login(business_manager)
    upload = SimpleUploadedFile("letter.pdf", b"%PDF original letter")
    kai = recorded_data(children=[{"name": "Kai Testchild", "age_years": "0"}])
    client.post(RECORD, {**kai, "original_document": upload})
    pending = private_media / "referrals" / "pending"
    assert len(list(pending.iterdir())) == 1
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(RECORD, {"pending": pending_token(client), "decision": "new"})
    referral = sent_referral(response)
    assert referral.channel == ReferralChannel.EMAIL
    assert referral.original_document.read() == b"%PDF original letter"
    assert list(pending.iterdir()) == []


def test_a_held_referral_belongs_to_the_page_it_came_from(client, business_manager, incident):
    client.force_login(business_manager)
    client.post(REFER, kai_again())
    response = client.post(RECORD, {"pending": pending_token(client), "decision": "new"})
    assert response.status_code == 302
    assert Incident.objects.count() == 1


def test_agency_lead_is_warned_only_of_incidents_they_may_see(client, agency_lead, incident):
    client.force_login(agency_lead)
    page = client.post(REFER, kai_again()).content.decode()
    assert "2026/001" in page
    assert "Child K" in page
    assert "Kai Testchild" not in page


def test_another_agency_is_not_told_of_an_incident_it_cannot_see(client, other_agency_lead, incident):
    client.force_login(other_agency_lead)
    referral = sent_referral(client.post(REFER, kai_again()))
    assert referral.incident != incident
    page = client.get(reverse("incidents:referral-sent", args=[referral.pk])).content.decode()
    assert "Child K" not in page
    assert "checks whether the partnership already holds this case" in page
    assert [match.incident for match in possible_duplicates(referral.incident)] == [incident]


def test_a_fifth_child_joining_a_full_incident_is_described_without_a_name(
    client, business_manager, incident
):
    for position in range(2, 5):
        Child.objects.create(
            partnership=incident.partnership,
            incident=incident,
            position=position,
            pseudonym=f"Child {position}",
            age_years=position,
        )
    client.force_login(business_manager)
    data = referral_data(
        children=[
            {"name": "Kai Testchild", "date_of_birth": dt.date(2026, 5, 2)},
            {"name": "Newly Named", "age_years": "9", "sex": "female"},
        ]
    )
    client.post(REFER, data)
    sent_referral(client.post(REFER, {"pending": pending_token(client), "decision": str(incident.pk)}))
    incident.refresh_from_db()
    assert incident.children.count() == 4
    assert "aged 9, sex female" in incident.further_children
    assert "Newly Named" not in incident.further_children
