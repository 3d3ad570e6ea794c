"""The integrated chronology: order, filters, gaps, flagged duplicates, timeline, exports and the section on
the rapid review page."""

import datetime as dt
import io
import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from cspr.audit.models import AuditAction, AuditEvent
from cspr.chronology.models import DuplicateDecision, EventType

from .records import add_entry, open_rapid_review, request_return

SAME_EVENT = "Strategy discussion held with police and social care about the bruise to the arm"
SAME_EVENT_OTHER_WORDS = "Strategy discussion held with social care and police about bruise to the arm"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


@pytest.fixture
def rapid_review(incident):
    return open_rapid_review(incident)


@pytest.fixture
def police_return(rapid_review, agency):
    return request_return(rapid_review, agency)


@pytest.fixture
def gp_return(rapid_review, other_agency):
    return request_return(rapid_review, other_agency)


@pytest.fixture
def chronology(police_return, gp_return):
    """Seven entries over 2016, with a gap from 3 March to 15 July and one event told by both agencies."""
    return {
        "year": add_entry(
            gp_return, dt.date(2016, 1, 1), "Registered with the practice", start_precision="year"
        ),
        "january": add_entry(police_return, dt.date(2016, 1, 10), "Call from a neighbour about shouting"),
        "march_police": add_entry(
            police_return, dt.date(2016, 3, 3), SAME_EVENT, event_type=EventType.STRATEGY_DISCUSSION
        ),
        "march_gp": add_entry(
            gp_return, dt.date(2016, 3, 3), SAME_EVENT_OTHER_WORDS, event_type=EventType.MEETING
        ),
        "july_month": add_entry(
            gp_return, dt.date(2016, 7, 1), "Letter about missed vaccines", start_precision="month"
        ),
        "july": add_entry(
            police_return, dt.date(2016, 7, 15), "Arrest at the address", key_practice_episode=True
        ),
        "approximate": add_entry(
            gp_return, dt.date(2016, 7, 15), "Mother seen about a rash", start_precision="approximate"
        ),
    }


def facts_in_order(content: str, chronology) -> list[str]:
    positions = {name: content.find(entry.facts) for name, entry in chronology.items()}
    return sorted((name for name in positions if positions[name] >= 0), key=positions.get)


def test_entries_of_every_agency_in_date_order_with_gaps_and_duplicates(client, business_manager, chronology):
    client.force_login(business_manager)
    url = reverse("chronology:integrated", args=[chronology["january"].rapid_review_id])
    content = client.get(url).content.decode()
    assert facts_in_order(content, chronology) == [
        "year",
        "january",
        "march_police",
        "march_gp",
        "july_month",
        "approximate",
        "july",
    ]
    # The year-only entry covers all of 2016: no gap may be claimed in it.
    content = client.get(url + "?gap_days=30").content.decode()
    assert "No contact from any agency" not in content
    assert "2 pairs" not in content
    assert "1 pair of entries from different agencies may report the same event" in content
    pair = f"#pair-{chronology['march_police'].pk}-{chronology['march_gp'].pk}"
    assert content.count(pair) == 2  # both entries link to the review
    assert (
        "about 15 July 2016" in content and '<th scope="row" class="govuk-table__header">2016</th>' in content
    )
    assert "Key practice episode" in content


def test_gaps_are_shown_inline_where_they_fall(client, business_manager, police_return):
    add_entry(police_return, dt.date(2016, 1, 10), "First contact")
    add_entry(police_return, dt.date(2016, 3, 3), "Second contact")
    add_entry(police_return, dt.date(2016, 7, 15), "Third contact")
    client.force_login(business_manager)
    url = reverse("chronology:integrated", args=[police_return.rapid_review_id])
    content = client.get(url).content.decode()
    gap = "No contact from any agency for 134 days: 3 March 2016 to 15 July 2016"
    assert content.index("Second contact") < content.index(gap) < content.index("Third contact")
    assert "No contact from any agency for 53 days" not in content
    content = client.get(url + "?gap_days=50").content.decode()
    assert "No contact from any agency for 53 days: 10 January 2016 to 3 March 2016" in content
    content = client.get(url + "?gap_days=200").content.decode()
    assert "No contact from any agency" not in content
    content = client.get(url + "?gap_days=0").content.decode()
    assert "The gap length must be at least 1 day" in content


def test_filters_by_agency_period_type_and_key_episodes(
    client, review_group_member, chronology, other_agency
):
    client.force_login(review_group_member)
    url = reverse("chronology:integrated", args=[chronology["january"].rapid_review_id])
    content = client.get(f"{url}?agency={other_agency.pk}").content.decode()
    assert facts_in_order(content, chronology) == ["year", "march_gp", "july_month", "approximate"]
    assert "4 entries match the filters" in content
    period = "period_from_day=10&period_from_month=7&period_from_year=2016"
    period += "&period_to_day=31&period_to_month=12&period_to_year=2016"
    content = client.get(f"{url}?{period}").content.decode()
    # "2016" and "July 2016" may mean a day in the period, and so may "about 15 July 2016".
    assert facts_in_order(content, chronology) == ["year", "july_month", "approximate", "july"]
    content = client.get(f"{url}?event_type=strategy_discussion").content.decode()
    assert facts_in_order(content, chronology) == ["march_police"]
    content = client.get(f"{url}?key_only=on").content.decode()
    assert facts_in_order(content, chronology) == ["july"]
    content = client.get(f"{url}?event_type=hospital").content.decode()
    assert "No entries match these filters" in content
    content = client.get(
        f"{url}?period_from_day=31&period_from_month=2&period_from_year=2016"
    ).content.decode()
    assert "The from date must be a real date" in content


def test_pagination_keeps_the_filters_and_places_gaps_across_pages(client, business_manager, police_return):
    for index in range(150):
        add_entry(police_return, dt.date(2015, 1, 1) + dt.timedelta(days=index), f"Contact number {index}")
    add_entry(police_return, dt.date(2016, 1, 1), "After a long silence")
    client.force_login(business_manager)
    url = reverse("chronology:integrated", args=[police_return.rapid_review_id])
    first = client.get(f"{url}?event_type=home_visit").content.decode()
    assert "151 entries match the filters, showing 1 to 100" in first
    assert "?event_type=home_visit&amp;page=2" in first
    assert "No contact from any agency" not in first
    second = client.get(f"{url}?event_type=home_visit&page=2").content.decode()
    assert "showing 101 to 151" in second
    gap = "No contact from any agency for 216 days: 30 May 2015 to 1 January 2016"
    assert second.index("Contact number 149") < second.index(gap) < second.index("After a long silence")


def test_empty_states(client, business_manager, rapid_review):
    client.force_login(business_manager)
    content = client.get(reverse("chronology:integrated", args=[rapid_review.pk])).content.decode()
    assert "No entries yet" in content and "<svg" not in content


def test_timeline_and_its_table(client, executive_member, chronology):
    client.force_login(executive_member)
    content = client.get(
        reverse("chronology:integrated", args=[chronology["january"].rapid_review_id])
    ).content
    content = content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in content
    assert (
        '<desc id="timeline-desc">Entries per month for 2 agencies from January 2016 to July 2016' in content
    )
    assert "The timeline as a table" in content
    table = content[content.index("Entries per agency per year") :]
    assert re.search(
        r"Northshire GP Practices</th>\s*<td[^>]*>4</td>\s*<td[^>]*>4</td>\s*<td[^>]*>0</td>", table
    )
    assert re.search(r"Northshire Police</th>\s*<td[^>]*>3</td>\s*<td[^>]*>3</td>\s*<td[^>]*>1</td>", table)
    # Strict CSP: no inline styles anywhere on the page.
    assert "style=" not in content and "<style" not in content
    # The executive reads but does not review duplicates.
    assert "Review likely duplicates" not in content


def test_merged_entries_leave_the_chronology(client, business_manager, chronology, police_return):
    merged = chronology["march_gp"]
    merged.merged_into = chronology["march_police"]
    merged.save()
    client.force_login(business_manager)
    content = client.get(
        reverse("chronology:integrated", args=[police_return.rapid_review_id])
    ).content.decode()
    assert SAME_EVENT_OTHER_WORDS not in content and SAME_EVENT in content
    assert "may report the same event" not in content


def test_exports_name_the_pseudonym_never_the_name_and_are_audited(client, business_manager, chronology):
    rapid_review = chronology["january"].rapid_review
    chronology["year"].delete()
    client.force_login(business_manager)
    response = client.get(reverse("chronology:export-xlsx", args=[rapid_review.pk]) + "?gap_days=30")
    assert response["Content-Disposition"] == 'attachment; filename="integrated-chronology-2026-001.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    text = " ".join(str(value) for row in rows for value in row if value is not None)
    assert sheet["A1"].value == "Integrated chronology: Child K"
    assert "Kai" not in text and "Testchild" not in text
    assert "2026/001" in text and "Northshire" in text and "OFFICIAL-SENSITIVE" in text
    header = next(index for index, row in enumerate(rows) if row[0] == "Date")
    assert rows[header][:4] == ("Date", "Time", "End", "Agency")
    lines = [(row[0], row[3]) for row in rows[header + 1 :]]
    assert lines == [
        ("10 January 2016", "Northshire Police"),
        ("10 January 2016", "No contact from any agency for 53 days: 10 January 2016 to 3 March 2016"),
        ("3 March 2016", "Northshire Police"),
        ("3 March 2016", "Northshire GP Practices"),
        ("3 March 2016", "No contact from any agency for 120 days: 3 March 2016 to 1 July 2016"),
        ("July 2016", "Northshire GP Practices"),
        ("about 15 July 2016", "Northshire GP Practices"),
        ("15 July 2016", "Northshire Police"),
    ]

    response = client.get(reverse("chronology:export-docx", args=[rapid_review.pk]) + "?key_only=on")
    document = Document(io.BytesIO(response.content))
    section = document.sections[0]
    assert section.page_width > section.page_height  # landscape
    body = "\n".join(paragraph.text for paragraph in document.paragraphs)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Integrated chronology: Child K" in body
    assert "Kai" not in body + " ".join(cells)
    assert "Arrest at the address" in cells and "Call from a neighbour about shouting" not in cells
    assert "1 (key practice episodes only)" in cells
    assert "Event detail (facts)" in cells

    exports = AuditEvent.objects.filter(action=AuditAction.EXPORT).order_by("sequence")
    assert [event.object_repr for event in exports] == [
        "Integrated chronology of incident 2026/001 (XLSX), 6 entries (no filters)",
        "Integrated chronology of incident 2026/001 (DOCX), 1 entries (key practice episodes only)",
    ]
    assert all(event.object_type == "rapid_reviews.rapidreview" for event in exports)


def test_duplicates_review_merge_and_keep(client, business_manager, review_group_member, chronology):
    rapid_review = chronology["january"].rapid_review
    first, second = chronology["march_police"], chronology["march_gp"]
    url = reverse("chronology:duplicates", args=[rapid_review.pk])
    client.force_login(review_group_member)
    content = client.get(url).content.decode()
    assert f'id="pair-{first.pk}-{second.pk}"' in content
    assert "Same day (3 March 2016)" in content
    assert SAME_EVENT in content and SAME_EVENT_OTHER_WORDS in content
    assert "Merge into the first" in content and "Keep both" in content

    response = client.post(url, {"first": first.pk, "second": second.pk, "decision": "merge"}, follow=True)
    assert "Entries merged: the second entry is now part of the first" in response.content.decode()
    second.refresh_from_db()
    assert second.merged_into == first
    decision = DuplicateDecision.objects.get()
    assert (decision.first, decision.second, decision.decision) == (first, second, "merged")
    assert decision.decided_by == review_group_member
    assert "No likely duplicates" in client.get(url).content.decode()
    audit = AuditEvent.objects.filter(object_type="chronology.duplicatedecision").get()
    assert audit.changes == {
        "first": [None, first.pk],
        "second": [None, second.pk],
        "decision": [None, "merged"],
    }
    assert AuditEvent.objects.filter(action=AuditAction.CHANGE, object_id=str(second.pk)).exists()

    again = client.post(url, {"first": first.pk, "second": second.pk, "decision": "keep"}, follow=True)
    assert "One of these entries has already been merged into another" in again.content.decode()
    assert DuplicateDecision.objects.count() == 1


def test_keep_both_stops_the_flag(client, business_manager, chronology):
    first, second = chronology["march_police"], chronology["march_gp"]
    url = reverse("chronology:duplicates", args=[first.rapid_review_id])
    client.force_login(business_manager)
    response = client.post(url, {"first": first.pk, "second": second.pk, "decision": "keep"}, follow=True)
    assert "Both entries kept: they will not be flagged again" in response.content.decode()
    assert DuplicateDecision.objects.get().decision == "kept"
    second.refresh_from_db()
    assert second.merged_into is None
    page = client.get(reverse("chronology:integrated", args=[first.rapid_review_id])).content.decode()
    assert "may report the same event" not in page and SAME_EVENT_OTHER_WORDS in page
    again = client.post(url, {"first": second.pk, "second": first.pk, "decision": "merge"}, follow=True)
    assert "These entries have already been decided" in again.content.decode()


def test_rapid_review_page_section(client, business_manager, chronology):
    rapid_review = chronology["january"].rapid_review
    client.force_login(business_manager)
    content = client.get(reverse("rapid_reviews:detail", args=[rapid_review.pk])).content.decode()
    section = content[content.index('id="chronology"') :]
    assert "7 entries from 2 agencies; 1 pair of entries may report the same event." in section
    assert re.search(r"Northshire GP Practices</th>\s*<td[^>]*>4</td>", section)
    assert reverse("chronology:integrated", args=[rapid_review.pk]) in section
    assert "Review likely duplicates (1)" in section


def test_rapid_review_page_section_without_entries(client, executive_member, rapid_review):
    client.force_login(executive_member)
    content = client.get(reverse("rapid_reviews:detail", args=[rapid_review.pk])).content.decode()
    assert "No agency has added chronology entries yet" in content
