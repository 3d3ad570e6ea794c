"""The list of rapid reviews: who sees which (the Panel only those sent to it), the clock's tags, filters,
sorting, pagination, the CSV export and bounded queries."""

import csv
import datetime as dt
import io
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cspr.audit.models import AuditAction, AuditEvent
from cspr.rapid_reviews.models import PanelResponseKind, Recommendation

from .panel_records import make_rapid_review

LIST = reverse("rapid_reviews:list")
EXPORT = reverse("rapid_reviews:list-export")
# Thursday 26 November 2026.
TODAY = dt.datetime(2026, 11, 26, 12, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def reviews(partnership, other_partnership):
    """Northshire: 001 open and due, 002 overdue and unsent, 003 sent on time awaiting the Panel (whose
    response is overdue), 004 sent late and answered. Southshire: 001 sent and answered, 002 not sent."""
    return {
        "open": make_rapid_review(partnership, "2026/001", dt.date(2026, 11, 24)),
        "overdue": make_rapid_review(
            partnership, "2026/002", dt.date(2026, 10, 1), recommendation=Recommendation.LOCAL_CSPR
        ),
        "awaiting": make_rapid_review(
            partnership,
            "2026/003",
            dt.date(2026, 9, 1),
            sent_on=dt.date(2026, 9, 18),
            recommendation=Recommendation.LOCAL_CSPR,
            decision=Recommendation.LOCAL_CSPR,
            pseudonym="Child M",
        ),
        "answered": make_rapid_review(
            partnership,
            "2026/004",
            dt.date(2026, 8, 3),
            sent_on=dt.date(2026, 9, 1),
            recommendation=Recommendation.LOCAL_CSPR,
            decision=Recommendation.NO_FURTHER_REVIEW,
            response=PanelResponseKind.AGREE_NO_REVIEW,
            responded_on=dt.date(2026, 9, 10),
        ),
        "other_sent": make_rapid_review(
            other_partnership,
            "2026/001",
            dt.date(2026, 10, 5),
            sent_on=dt.date(2026, 10, 20),
            decision=Recommendation.SUGGEST_NATIONAL_REVIEW,
            response=PanelResponseKind.NATIONAL_REVIEW,
            responded_on=dt.date(2026, 11, 2),
            pseudonym="Baby S",
        ),
        "other_unsent": make_rapid_review(other_partnership, "2026/002", dt.date(2026, 11, 20)),
    }


def rows(response) -> list[str]:
    """Each row as "reference" or, on the Panel's list, "reference partnership", in order."""
    html = response.content.decode()
    found = re.findall(
        r'<th scope="row" class="govuk-table__header"><a class="govuk-link" href="/rapid-reviews/\d+/">'
        r"([^<]+)</a></th>\s*(?:<td class=\"govuk-table__cell\">(Northshire|Southshire)</td>)?",
        html,
    )
    return [f"{reference} {partnership}".strip() for reference, partnership in found]


def get(client, user, **params):
    client.force_login(user)
    response = client.get(LIST, params)
    assert response.status_code == 200
    return response


def test_partnership_sees_its_rapid_reviews_with_the_clock_and_pseudonyms_only(
    client, business_manager, reviews
):
    response = get(client, business_manager)
    html = response.content.decode()
    # Next due date first: 003's Panel response (2 Oct), 002's rapid review (22 Oct), 001's (15 Dec); 004
    # awaits nothing.
    assert rows(response) == ["2026/003", "2026/002", "2026/001", "2026/004"]
    assert "Child K" in html and "Child M" in html
    assert "Kai Testchild" not in html
    assert "Southshire" not in html and "Baby S" not in html
    assert "Due 15 December 2026" in html and "Due in 13 working days" in html
    assert "Due 22 October 2026" in html and "Overdue by 25 working days" in html
    assert "Sent 18 September 2026" in html and "Sent on time" in html
    # Due 24 August; the summer bank holiday (31 August) does not count.
    assert "Sent 1 September 2026" in html and "Sent 5 working days late" in html
    assert "Local child safeguarding practice review (recommended by the review group)" in html
    assert "No further review" in html and "Agrees no further review is needed" in html
    assert "Awaiting the Panel's response" in html and "Expected by 2 October 2026" in html
    assert "Not sent yet" in html
    assert "4 rapid reviews" in html
    assert reverse("deadlines:panel-overdue") not in html


def test_panel_sees_only_rapid_reviews_sent_to_it_from_every_partnership(client, panel_member, reviews):
    response = get(client, panel_member)
    html = response.content.decode()
    assert sorted(rows(response)) == ["2026/001 Southshire", "2026/003 Northshire", "2026/004 Northshire"]
    assert "Not sent yet" not in html
    assert "Kai Testchild" not in html
    assert reverse("deadlines:panel-overdue") in html
    assert reverse("rapid_reviews:thematic-reviews") in html


def test_panel_gets_404_for_a_rapid_review_not_sent_and_sees_a_sent_one(client, panel_member, reviews):
    client.force_login(panel_member)
    assert client.get(reviews["open"].get_absolute_url()).status_code == 404
    assert client.get(reviews["other_unsent"].get_absolute_url()).status_code == 404
    page = client.get(reviews["awaiting"].get_absolute_url())
    assert page.status_code == 200
    assert "Record the Panel's response</a>" in page.content.decode()


def test_other_partnership_sees_only_its_own(client, other_business_manager, reviews):
    assert rows(get(client, other_business_manager)) == ["2026/002", "2026/001"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "sent"}, ["2026/003"]),
        ({"status": "open"}, ["2026/001"]),
        ({"recommendation": Recommendation.LOCAL_CSPR}, ["2026/003", "2026/002"]),
        ({"recommendation": Recommendation.NO_FURTHER_REVIEW}, ["2026/004"]),
        ({"panel_response": "awaiting"}, ["2026/003"]),
        ({"panel_response": PanelResponseKind.AGREE_NO_REVIEW}, ["2026/004"]),
        (
            {"sent_from_day": "1", "sent_from_month": "9", "sent_from_year": "2026", "sent_to_day": "10"}
            | {"sent_to_month": "9", "sent_to_year": "2026"},
            ["2026/004"],
        ),
        ({"overdue": "on"}, ["2026/003", "2026/002"]),
    ],
)
def test_partnership_filters(client, business_manager, reviews, params, expected):
    assert rows(get(client, business_manager, **params)) == expected


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"partnership": "southshire"}, ["2026/001 Southshire"]),
        ({"panel_response": PanelResponseKind.NATIONAL_REVIEW}, ["2026/001 Southshire"]),
        ({"overdue": "on"}, ["2026/003 Northshire"]),
        ({"status": "responded", "sort": "reference"}, ["2026/001 Southshire", "2026/004 Northshire"]),
    ],
)
def test_panel_filters(client, panel_member, partnership, other_partnership, reviews, params, expected):
    if params.get("partnership") == "southshire":
        params = {**params, "partnership": other_partnership.pk}
    assert rows(get(client, panel_member, **params)) == expected


def test_panel_cannot_filter_on_statuses_it_never_sees(client, panel_member, reviews):
    response = get(client, panel_member, status="open")
    assert "Select a valid choice" in response.content.decode()
    assert len(rows(response)) == 3


def test_sent_dates_the_wrong_way_round_are_an_error(client, business_manager, reviews):
    response = get(
        client,
        business_manager,
        sent_from_day="10",
        sent_from_month="9",
        sent_from_year="2026",
        sent_to_day="1",
        sent_to_month="9",
        sent_to_year="2026",
    )
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "The to date must be the same as or after the from date" in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"sort": "reference"}, ["2026/001", "2026/002", "2026/003", "2026/004"]),
        ({"sort": "reference", "direction": "desc"}, ["2026/004", "2026/003", "2026/002", "2026/001"]),
        ({"sort": "notified"}, ["2026/004", "2026/003", "2026/002", "2026/001"]),
        ({"sort": "due", "direction": "desc"}, ["2026/001", "2026/002", "2026/003", "2026/004"]),
    ],
)
def test_sorting(client, business_manager, reviews, params, expected):
    assert rows(get(client, business_manager, **params)) == expected


def test_pagination_keeps_the_filters(client, business_manager, partnership):
    for number in range(1, 31):
        make_rapid_review(
            partnership, f"2026/{number:03d}", dt.date(2026, 11, 2) + dt.timedelta(days=number % 20)
        )
    first = get(client, business_manager, sort="reference", status="open")
    assert rows(first) == [f"2026/{number:03d}" for number in range(1, 26)]
    assert "30 rapid reviews, showing 1 to 25" in first.content.decode()
    assert "?sort=reference&amp;status=open&amp;page=2" in first.content.decode()
    second = get(client, business_manager, sort="reference", status="open", page="2")
    assert rows(second) == [f"2026/{number:03d}" for number in range(26, 31)]


def test_queries_do_not_grow_with_the_rows(client, business_manager, partnership):
    def queries_for_list() -> int:
        with CaptureQueriesContext(connection) as captured:
            get(client, business_manager)
        return len(captured.captured_queries)

    make_rapid_review(partnership, "2026/100", dt.date(2026, 11, 2), sent_on=dt.date(2026, 11, 20))
    queries_for_list()  # the first request of a session asks a few things once
    few = queries_for_list()
    for number in range(1, 21):
        make_rapid_review(
            partnership,
            f"2026/{number:03d}",
            dt.date(2026, 10, 1) + dt.timedelta(days=number),
            sent_on=dt.date(2026, 11, 20) if number % 2 else None,
            decision=Recommendation.LOCAL_CSPR if number % 3 else "",
            response=PanelResponseKind.AGREE_LOCAL_REVIEW if number % 4 == 1 else "",
            responded_on=dt.date(2026, 11, 25),
        )
    assert queries_for_list() == few


def test_empty_states(client, business_manager, panel_member, partnership):
    html = get(client, business_manager).content.decode()
    assert "No rapid reviews yet" in html
    make_rapid_review(partnership, "2026/001", dt.date(2026, 11, 24))
    html = get(client, panel_member).content.decode()
    assert "No rapid reviews have been sent to the Panel yet" in html
    html = get(client, business_manager, status="responded").content.decode()
    assert "No rapid reviews match these filters" in html


def read_csv(response) -> list[list[str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_panel_export_holds_only_what_was_sent_with_pseudonyms_and_is_audited(client, panel_member, reviews):
    client.force_login(panel_member)
    response = client.get(EXPORT, {"sort": "reference"})
    lines = read_csv(response)
    assert lines[0][:4] == [
        "Incident reference",
        "Partnership",
        "Children (pseudonyms)",
        "Notified to the Panel",
    ]
    assert [line[:3] for line in lines[1:]] == [
        ["2026/001", "Southshire", "Baby S"],
        ["2026/003", "Northshire", "Child M"],
        ["2026/004", "Northshire", "Child K"],
    ]
    northshire_late = lines[3]
    assert northshire_late[3:] == [
        "2026-08-03",
        "2026-08-24",
        "2026-09-01",
        "Sent 5 working days late",
        "Panel responded",
        "No further review",
        "Agrees no further review is needed",
        "2026-09-10",
    ]
    assert lines[2][9:] == ["Awaiting", ""]
    assert "Kai Testchild" not in response.content.decode()
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert event.actor_email == panel_member.email
    assert event.object_repr == "Rapid reviews (CSV), 3 rows (no filters)"


def test_export_uses_the_filters(client, business_manager, reviews):
    client.force_login(business_manager)
    lines = read_csv(client.get(EXPORT, {"overdue": "on", "sort": "reference"}))
    assert [line[0] for line in lines[1:]] == ["2026/002", "2026/003"]
    assert lines[1][6] == "Overdue by 25 working days"
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert event.object_repr == "Rapid reviews (CSV), 2 rows (overdue only)"
    assert event.partnership_id == business_manager.partnership_id


def test_a_rapid_review_sent_without_a_timeliness_record_is_not_called_overdue(
    client, business_manager, partnership
):
    make_rapid_review(
        partnership, "2026/001", dt.date(2026, 9, 1), sent_on=dt.date(2026, 9, 25), record_sent=False
    )
    html = get(client, business_manager).content.decode()
    assert "Sent 3 working days late" in html
    # Only the Panel's response, expected 9 October, is overdue.
    assert html.count('<strong class="govuk-tag govuk-tag--red">Overdue</strong>') == 1
    assert "Expected by 9 October 2026" in html
