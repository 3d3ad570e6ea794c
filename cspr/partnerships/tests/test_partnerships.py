from html import unescape

from django.urls import reverse

from cspr.audit.models import AuditAction, AuditEvent
from cspr.partnerships.models import Agency, AgencyKind, Partnership


def test_business_manager_adds_an_agency_and_it_is_audited(client, business_manager, partnership):
    client.force_login(business_manager)
    response = client.post(
        reverse("partnerships:agency-create", args=[partnership.slug]),
        {"name": "Northshire Housing", "kind": AgencyKind.HOUSING, "is_active": "on"},
    )
    assert response["Location"] == partnership.get_absolute_url()
    agency = Agency.objects.get(name="Northshire Housing")
    assert agency.partnership == partnership
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="partnerships.agency")
    assert event.partnership_id == partnership.pk
    assert event.changes["name"] == [None, "Northshire Housing"]


def test_duplicate_agency_name_is_refused(client, business_manager, partnership, agency):
    client.force_login(business_manager)
    response = client.post(
        reverse("partnerships:agency-create", args=[partnership.slug]),
        {"name": agency.name.upper(), "kind": AgencyKind.POLICE},
    )
    assert "already has an agency with this name" in response.content.decode()


def test_agency_lead_sees_only_their_own_agency(agency_lead, agency, other_agency):
    assert list(Agency.objects.visible_to(agency_lead)) == [agency]


def test_other_partnership_sees_none_of_our_agencies(other_business_manager, agency, other_agency):
    assert not Agency.objects.visible_to(other_business_manager).exists()


def test_panel_and_reviewer_see_no_agencies(panel_member, independent_reviewer, agency):
    assert not Agency.objects.visible_to(panel_member).exists()
    assert not Agency.objects.visible_to(independent_reviewer).exists()


def test_administrator_creates_a_partnership_covering_two_councils(client, system_admin):
    client.force_login(system_admin)
    response = client.post(
        reverse("partnerships:create"),
        {
            "name": "Eastshire and Westford",
            "slug": "eastshire-westford",
            "integrated_care_board": "NHS Eastshire ICB",
            "police_force": "Eastshire Police",
            "councils": "Eastshire Council\nWestford Borough Council\n",
        },
    )
    partnership = Partnership.objects.get(slug="eastshire-westford")
    assert response["Location"] == partnership.get_absolute_url()
    assert partnership.council_names() == "Eastshire Council, Westford Borough Council"


def test_missing_partnership_fields_get_govuk_messages(client, system_admin):
    client.force_login(system_admin)
    html = unescape(client.post(reverse("partnerships:create"), {}).content.decode())
    assert "Enter the partnership's name" in html
    assert "Enter at least one local authority" in html
