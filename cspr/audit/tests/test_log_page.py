import csv
import datetime
import io

import pytest
import time_machine
from django.urls import reverse

from conftest import make_user
from cspr.accounts.models import Role
from cspr.audit.log import record
from cspr.audit.models import AuditAction, AuditEvent
from cspr.audit.verify import verify_chain

LOG = reverse("audit:log")
EXPORT = reverse("audit:export")
LONDON = datetime.timezone(datetime.timedelta(hours=1))  # British Summer Time


def page_text(response) -> str:
    return response.content.decode()


@pytest.fixture
def signed_in(client, business_manager):
    client.force_login(business_manager)
    return client


@pytest.fixture
def two_partnerships_of_events(business_manager, other_business_manager, agency, system_admin):
    record(AuditAction.SIGN_IN, actor=business_manager, object_repr="northshire-sign-in")
    record(
        AuditAction.CHANGE,
        actor=system_admin,
        obj=agency,
        changes={"name": ["Old police", "Northshire Police"]},
    )
    record(AuditAction.SIGN_IN, actor=other_business_manager, object_repr="southshire-sign-in")
    record(AuditAction.SIGN_IN, actor=system_admin, object_repr="national-sign-in")


def test_business_manager_sees_their_partnerships_entries_only(signed_in, two_partnerships_of_events):
    response = signed_in.get(LOG)
    assert response.status_code == 200
    html = page_text(response)
    assert "northshire-sign-in" in html
    assert "Northshire Police" in html
    assert "Old police" in html
    assert "southshire-sign-in" not in html
    assert "national-sign-in" not in html
    assert "2 entries" in html


@pytest.mark.parametrize(
    "persona",
    [
        "review_group_member",
        "executive_member",
        "agency_lead",
        "independent_reviewer",
        "panel_member",
        "system_admin",
    ],
)
def test_other_roles_may_not_read_the_audit_log(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(LOG).status_code == 403
    assert client.get(EXPORT).status_code == 403
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_other_partnerships_business_manager_sees_only_their_own(
    client, other_business_manager, two_partnerships_of_events
):
    client.force_login(other_business_manager)
    html = page_text(client.get(LOG))
    assert "southshire-sign-in" in html
    assert "northshire-sign-in" not in html
    assert "Northshire Police" not in html


def test_signed_out_visitor_is_sent_to_sign_in(client, db):
    response = client.get(LOG)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_log_page_cannot_be_posted_to(signed_in):
    assert signed_in.post(LOG).status_code == 405


def test_newest_entries_come_first_unless_oldest_first_is_chosen(signed_in, business_manager):
    for label in ("first-entry", "second-entry"):
        record(AuditAction.VIEW, actor=business_manager, object_repr=label)
    newest = page_text(signed_in.get(LOG))
    assert newest.index("second-entry") < newest.index("first-entry")
    oldest = page_text(signed_in.get(LOG, {"order": "oldest"}))
    assert oldest.index("first-entry") < oldest.index("second-entry")


def test_times_are_shown_in_london_time_in_govuk_style(signed_in, business_manager):
    with time_machine.travel(datetime.datetime(2023, 5, 9, 14, 5, tzinfo=LONDON), tick=False):
        record(AuditAction.SIGN_IN, actor=business_manager)
    assert "9 May 2023, 2:05pm" in page_text(signed_in.get(LOG))


def test_filter_by_action(signed_in, business_manager):
    record(AuditAction.SIGN_IN, actor=business_manager, object_repr="a-sign-in")
    record(AuditAction.VIEW, actor=business_manager, object_repr="a-page-view")
    html = page_text(signed_in.get(LOG, {"action": "sign_in"}))
    assert "a-sign-in" in html
    assert "a-page-view" not in html


def test_filter_by_part_of_an_email_address(signed_in, business_manager, review_group_member):
    record(AuditAction.SIGN_IN, actor=business_manager, object_repr="manager-entry")
    record(AuditAction.SIGN_IN, actor=review_group_member, object_repr="review-group-entry")
    html = page_text(signed_in.get(LOG, {"email": "REVIEW_GROUP"}))
    assert "review-group-entry" in html
    assert "manager-entry" not in html


def test_filter_by_kind_of_record(signed_in, business_manager, agency):
    record(AuditAction.CHANGE, actor=business_manager, obj=agency, object_repr="agency-change")
    record(AuditAction.CHANGE, actor=business_manager, obj=business_manager, object_repr="account-change")
    html = page_text(signed_in.get(LOG, {"object_type": "partnerships.agency"}))
    assert "agency-change" in html
    assert "account-change" not in html


def test_filter_by_london_dates_includes_both_whole_days(signed_in, business_manager):
    moments = {
        "before-range": datetime.datetime(2023, 5, 8, 23, 59, tzinfo=LONDON),
        "first-day-start": datetime.datetime(2023, 5, 9, 0, 0, tzinfo=LONDON),
        "last-day-end": datetime.datetime(2023, 5, 10, 23, 59, tzinfo=LONDON),
        "after-range": datetime.datetime(2023, 5, 11, 0, 0, tzinfo=LONDON),
    }
    for label, moment in moments.items():
        with time_machine.travel(moment, tick=False):
            record(AuditAction.VIEW, actor=business_manager, object_repr=label)
    query = {
        "date_from_day": "9", "date_from_month": "5", "date_from_year": "2023",
        "date_to_day": "10", "date_to_month": "May", "date_to_year": "2023",
    }  # fmt: skip
    html = page_text(signed_in.get(LOG, query))
    assert "first-day-start" in html
    assert "last-day-end" in html
    assert "before-range" not in html
    assert "after-range" not in html


def test_impossible_dates_show_govuk_errors(signed_in):
    query = {"date_from_day": "31", "date_from_month": "2", "date_from_year": "2023"}
    html = page_text(signed_in.get(LOG, query))
    assert "govuk-error-summary" in html
    assert "govuk-form-group--error" in html
    assert "The from date must be a real date" in html


def test_to_date_before_from_date_is_an_error(signed_in):
    query = {
        "date_from_day": "9", "date_from_month": "5", "date_from_year": "2023",
        "date_to_day": "1", "date_to_month": "5", "date_to_year": "2023",
    }  # fmt: skip
    assert "The to date must be the same as or after the from date" in page_text(signed_in.get(LOG, query))


def test_no_matching_entries_shows_the_empty_state(signed_in, business_manager):
    record(AuditAction.SIGN_IN, actor=business_manager)
    html = page_text(signed_in.get(LOG, {"action": "delete"}))
    assert "No audit entries match these filters" in html
    assert "govuk-table" not in html


def test_entries_are_shown_fifty_a_page_with_filters_kept_in_page_links(signed_in, business_manager):
    for n in range(1, 121):
        record(AuditAction.CHANGE, actor=business_manager, object_repr=f"entry-{n:03d}")
    first = page_text(signed_in.get(LOG, {"action": "change"}))
    assert "120 entries, showing 1 to 50" in first
    assert "entry-120" in first and "entry-071" in first and "entry-070" not in first
    assert "govuk-pagination" in first
    assert "?action=change&amp;page=2" in first
    last = page_text(signed_in.get(LOG, {"action": "change", "page": "3"}))
    assert "entry-020" in last and "entry-001" in last and "entry-021" not in last


def test_export_is_csv_of_the_filtered_entries_and_is_itself_audited(
    signed_in, business_manager, other_business_manager
):
    record(AuditAction.SIGN_IN, actor=business_manager, object_repr='=HYPERLINK("http://evil")')
    record(AuditAction.VIEW, actor=business_manager, object_repr="a-page-view")
    record(AuditAction.SIGN_IN, actor=other_business_manager, object_repr="southshire-sign-in")
    response = signed_in.get(EXPORT, {"action": "sign_in"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="audit-log-northshire-')
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:5] == ["Entry", "Time", "Email", "Role", "Action"]
    assert len(rows) == 2
    assert rows[1][2] == business_manager.email
    assert rows[1][4] == "Signed in"
    assert rows[1][7] == '\'=HYPERLINK("http://evil")'

    export = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert export.actor_id == business_manager.pk
    assert export.partnership_id == business_manager.partnership_id
    assert export.object_repr == "Audit log, 1 entry (action Signed in)"
    assert export.path == EXPORT
    assert verify_chain().ok


def test_export_with_invalid_filters_goes_back_to_the_log(signed_in):
    response = signed_in.get(
        EXPORT, {"date_from_day": "40", "date_from_month": "1", "date_from_year": "2023"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(LOG)
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_the_log_offers_no_way_to_change_or_delete_entries(signed_in, business_manager):
    record(AuditAction.SIGN_IN, actor=business_manager)
    html = page_text(signed_in.get(LOG))
    assert 'method="post"' not in html.split('id="main-content"')[1]


def test_business_manager_of_a_partnership_sees_entries_of_people_since_moved(
    client, partnership, other_partnership
):
    manager = make_user(Role.BUSINESS_MANAGER, partnership, email="bm2@example.test")
    leaver = make_user(Role.REVIEW_GROUP_MEMBER, partnership, email="leaver@example.test")
    record(AuditAction.SIGN_IN, actor=leaver, object_repr="while-in-northshire")
    leaver.partnership = other_partnership
    leaver.save()
    client.force_login(manager)
    assert "while-in-northshire" in page_text(client.get(LOG))
