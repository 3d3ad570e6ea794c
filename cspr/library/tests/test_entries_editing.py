"""Correcting an entry's details: each question shows what the importer guessed and the words it came
from; the answers are checked in the GOV.UK voice and nothing typed is lost; the change is audited without
its free text; only the partnership's business manager (or an administrator, for national entries) may."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from cspr.audit.log import REDACTED
from cspr.audit.models import AuditEvent
from cspr.library.forms.entries import EntryForm, guess_hint, guess_rows

from .records import draft_entry, make_entry, public_entry

TODAY = dt.datetime(2027, 1, 15, 12, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


def details(**changes) -> dict:
    data = {
        "title": "Learning from Child R",
        "area": "Northshire",
        "year": "2025",
        "review_type": "scr",
        "age_band": "under_1",
        "harm": "serious_harm",
        "summary": "A baby was seen with bruising that no one asked about.",
        "reviewer": "Jo Bloggs",
        "published_on_day": "9",
        "published_on_month": "5",
        "published_on_year": "2025",
    }
    return data | changes


def _stored(data: dict) -> dict:
    return {
        "area": data["area"],
        "year": int(data["year"]),
        "review_type": data["review_type"],
        "age_band": data["age_band"],
        "harm": data["harm"],
        "summary": data["summary"],
        "reviewer": data["reviewer"],
        "published_on": dt.date(2025, 5, 9),
    }


def test_each_question_shows_the_importers_guess_and_where_it_came_from(client, ctx, business_manager):
    entry = draft_entry(ctx)
    entry.guesses = {
        "year": {"value": 2021, "source": "Published March 2021"},
        "age_band": {"value": "under_1", "source": "a 7-week-old baby"},
        "harm": {"value": "death", "source": "Baby R died in hospital"},
    }
    entry.save()
    client.force_login(business_manager)

    page = client.get(reverse("library:edit", args=[entry.pk])).text

    assert "The importer guessed 2021 from: “Published March 2021”" in page
    assert "The importer guessed Under 1 from: “a 7-week-old baby”" in page
    assert "The importer guessed Death from: “Baby R died in hospital”" in page


def test_the_business_manager_corrects_the_details(client, ctx, business_manager):
    entry = draft_entry(ctx)
    client.force_login(business_manager)

    response = client.post(reverse("library:edit", args=[entry.pk]), details())

    assert response.status_code == 302
    assert response.url == entry.get_absolute_url()
    entry.refresh_from_db()
    assert (entry.title, entry.year, entry.review_type, entry.age_band, entry.harm) == (
        "Learning from Child R",
        2025,
        "scr",
        "under_1",
        "serious_harm",
    )
    assert entry.published_on == dt.date(2025, 5, 9)
    assert entry.reviewer == "Jo Bloggs"
    event = AuditEvent.objects.get(action="change", object_type="library.libraryentry")
    assert event.changes["year"] == [2024, 2025]
    assert event.changes["title"] == [REDACTED, REDACTED]
    assert event.changes["reviewer"] == [REDACTED, REDACTED]
    assert "Child R" not in str(event.changes) and "Jo Bloggs" not in str(event.changes)
    page = client.get(entry.get_absolute_url()).text
    assert "Details saved" in page and "9 May 2025" in page


def test_saving_without_a_change_writes_no_audit_row(client, ctx, business_manager):
    entry = make_entry(ctx["partnership"], title="Learning from Child R", **_stored(details()))
    client.force_login(business_manager)
    client.post(reverse("library:edit", args=[entry.pk]), details())
    assert not AuditEvent.objects.filter(action="change").exists()


def test_mistakes_are_explained_and_nothing_typed_is_lost(client, ctx, business_manager):
    entry = draft_entry(ctx)
    client.force_login(business_manager)

    response = client.post(
        reverse("library:edit", args=[entry.pk]),
        details(
            title="", year="20x1", published_on_day="1", published_on_month="2", published_on_year="2027"
        ),
    )

    page = response.text
    assert response.status_code == 200
    assert "govuk-error-summary" in page and "govuk-form-group--error" in page
    assert "Enter the title of the review" in page
    assert "Enter the year as 4 numbers, like 2021" in page
    assert "The date published must be today or in the past" in page
    assert "A baby was seen with bruising that no one asked about." in page
    assert 'value="Jo Bloggs"' in page
    entry.refresh_from_db()
    assert entry.title == "Draft learning review"


def test_a_year_outside_the_library_is_refused():
    form = EntryForm(details(year="1900"), guesses={}, today=TODAY.date(), is_public=False)
    assert form.errors["year"] == ["The year must be between 1945 and 2027"]


def test_a_draft_may_leave_the_year_and_type_unknown_but_a_public_entry_may_not():
    data = details(year="", review_type="")
    assert EntryForm(data, guesses={}, today=TODAY.date(), is_public=False).is_valid()
    form = EntryForm(data, guesses={}, today=TODAY.date(), is_public=True)
    assert form.errors == {
        "year": ["Enter the year the review was published"],
        "review_type": ["Select the type of review"],
    }


def test_a_guess_without_a_value_adds_no_hint_and_codes_read_as_words():
    assert guess_hint(None, {}) == ""
    assert guess_hint({"value": None, "source": "x"}, {}) == ""
    assert (
        guess_hint({"value": "scr"}, {"scr": "Serious case review"})
        == "The importer guessed Serious case review"
    )
    rows = guess_rows({"review_type": {"value": "thematic", "source": "thematic review"}, "broken": "x"})
    assert rows == [{"label": "Type of review", "value": "Thematic review", "source": "thematic review"}]


def test_only_the_entrys_editors_change_it(
    client, ctx, review_group_member, system_admin, other_business_manager
):
    draft, national = draft_entry(ctx), public_entry(ctx)
    client.force_login(review_group_member)
    assert client.get(reverse("library:edit", args=[draft.pk])).status_code == 403
    assert client.post(reverse("library:edit", args=[draft.pk]), details()).status_code == 403
    client.force_login(other_business_manager)
    assert client.get(reverse("library:edit", args=[national.pk])).status_code == 403
    client.force_login(system_admin)
    assert client.get(reverse("library:edit", args=[national.pk])).status_code == 200
    assert client.get(reverse("library:edit", args=[draft.pk])).status_code == 404
    draft.refresh_from_db()
    assert draft.title == "Draft learning review"
