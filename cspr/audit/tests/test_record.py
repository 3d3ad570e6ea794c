import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from cspr.audit.log import REDACTED, changes_between, client_ip, record, snapshot, viewed
from cspr.audit.models import AuditAction
from cspr.partnerships.models import Agency, AgencyKind


def get(path="/partnerships/northshire/?q=Smith", user=None, **meta):
    request = RequestFactory().get(path, **meta)
    request.user = user or AnonymousUser()
    return request


def test_record_takes_person_address_and_path_from_the_request(business_manager):
    event = record(AuditAction.SIGN_IN, request=get(user=business_manager, REMOTE_ADDR="203.0.113.9"))
    assert event.actor_id == business_manager.pk
    assert event.actor_email == business_manager.email
    assert event.actor_role == "business_manager"
    assert event.partnership_id == business_manager.partnership_id
    assert event.ip_address == "203.0.113.9"
    assert event.path == "/partnerships/northshire/"


def test_record_for_a_signed_out_request_has_no_actor(db):
    event = record(AuditAction.SIGN_IN_FAILED, request=get(), object_repr="nobody@example.test")
    assert event.actor_id is None
    assert event.actor_email == ""
    assert event.partnership_id is None


def test_explicit_actor_wins_over_the_request_user(business_manager, system_admin):
    event = record(AuditAction.ACCOUNT_UNLOCKED, actor=system_admin, request=get(user=business_manager))
    assert event.actor_id == system_admin.pk


def test_record_about_a_partnership_record_belongs_to_its_partnership(system_admin, agency):
    event = record(AuditAction.CHANGE, actor=system_admin, obj=agency)
    assert event.partnership_id == agency.partnership_id
    assert event.object_type == "partnerships.agency"
    assert event.object_id == str(agency.pk)
    assert event.object_repr == "Northshire Police"


def test_record_about_a_person_belongs_to_their_partnership(system_admin, agency_lead):
    event = record(AuditAction.CREATE, actor=system_admin, obj=agency_lead, object_repr=agency_lead.email)
    assert event.partnership_id == agency_lead.partnership_id
    assert event.object_type == "accounts.user"


def test_record_about_a_partnership_belongs_to_it(system_admin, partnership):
    assert record(AuditAction.CHANGE, actor=system_admin, obj=partnership).partnership_id == partnership.pk


def test_national_records_belong_to_no_partnership(system_admin, panel_member):
    assert record(AuditAction.SIGN_IN, actor=system_admin).partnership_id is None
    assert record(AuditAction.CHANGE, actor=system_admin, obj=panel_member).partnership_id is None


def test_case_data_is_labelled_by_kind_and_id_never_by_its_name(business_manager, agency, monkeypatch):
    monkeypatch.setattr(Agency, "is_case_data", True)
    assert record(AuditAction.VIEW, actor=business_manager, obj=agency).object_repr == f"Agency {agency.pk}"
    monkeypatch.setattr(Agency, "audit_label", lambda self: "AG-001", raising=False)
    assert record(AuditAction.VIEW, actor=business_manager, obj=agency).object_repr == "AG-001"


def test_long_labels_and_paths_are_cut_to_fit(business_manager):
    event = record(
        AuditAction.VIEW, request=get("/" + "a" * 600, user=business_manager), object_repr="x" * 300
    )
    assert len(event.object_repr) == 200
    assert len(event.path) == 500


@pytest.mark.parametrize(
    ("remote_addr", "forwarded", "trust", "expected"),
    [
        ("10.0.0.5", "198.51.100.7", False, "10.0.0.5"),
        ("10.0.0.5", "6.6.6.6, 198.51.100.7", True, "198.51.100.7"),
        ("10.0.0.5", "", True, "10.0.0.5"),
        ("10.0.0.5", "not-an-address", True, None),
        ("", "", False, None),
    ],
)
def test_client_address_ignores_x_forwarded_for_unless_trusted(
    settings, remote_addr, forwarded, trust, expected
):
    settings.AUDIT_TRUST_X_FORWARDED_FOR = trust
    request = get(REMOTE_ADDR=remote_addr, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_snapshot_gives_json_values(agency):
    agency.created = datetime.date(2023, 5, 9)
    values = snapshot(agency, ["name", "kind", "partnership", "is_statutory_partner"])
    assert values == {
        "name": "Northshire Police",
        "kind": "police",
        "partnership": agency.partnership_id,
        "is_statutory_partner": False,
    }


def test_changes_between_lists_only_what_changed():
    before = {"name": "Old", "kind": "police", "email": ""}
    after = {"name": "New", "kind": "police", "email": "a@example.test"}
    assert changes_between(before, after) == {"name": ["Old", "New"], "email": ["", "a@example.test"]}


def test_changes_of_a_new_record_have_no_before():
    assert changes_between({}, {"name": "New", "email": ""}) == {"name": [None, "New"], "email": [None, ""]}


def test_redacted_fields_say_they_changed_but_not_what_they_say():
    changes = changes_between({"child_name": "A"}, {"child_name": "B"}, redact=["child_name"])
    assert changes == {"child_name": [REDACTED, REDACTED]}
    assert changes_between({}, {"child_name": "B"}, redact=["child_name"]) == {"child_name": [None, REDACTED]}


def test_snapshot_and_changes_record_a_real_edit(business_manager, partnership):
    agency = Agency.objects.create(partnership=partnership, name="Old name", kind=AgencyKind.GP)
    before = snapshot(agency, ["name", "kind"])
    agency.name = "New name"
    agency.kind = AgencyKind.SCHOOL
    agency.save()
    event = record(
        AuditAction.CHANGE,
        actor=business_manager,
        obj=agency,
        changes=changes_between(before, snapshot(agency, ["name", "kind"])),
    )
    assert event.changes == {"name": ["Old name", "New name"], "kind": ["gp", "school"]}


def test_viewed_marks_the_request_with_the_record(agency):
    request = get()
    assert viewed(request, agency) is agency
    assert request.audit_object is agency


def test_record_rejects_unknown_actions(db):
    with pytest.raises(ValueError):
        record("made_up")
