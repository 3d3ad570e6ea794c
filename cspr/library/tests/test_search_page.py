"""The library's home page: anyone can search, filters are GET checkboxes with links to remove each, pages
keep the search, and `cspr library search` prints the public results."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from cspr.library.models import EntryStatus
from cspr.library.tests.records import make_entry

pytestmark = pytest.mark.django_db

URL = reverse("library:search")


def test_anyone_can_search_without_signing_in_and_sees_only_public_reviews(client, partnership):
    public = make_entry(
        None, title="Public review", passages=["The nursery did not share its concerns."], themes=["neglect"]
    )
    make_entry(partnership, title="Secret draft", status=EntryStatus.DRAFT, passages=["The nursery knew."])
    page = client.get(URL, {"q": "nursery"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Public review" in html and "Secret draft" not in html
    assert "<mark>nursery</mark>" in html
    assert "1 review matches “nursery”" in html
    assert f'href="/library/{public.pk}/text/?q=nursery#passage-1"' in html


def test_a_business_manager_finds_their_drafts_marked_as_drafts(client, partnership, business_manager):
    make_entry(partnership, title="Our draft", status=EntryStatus.DRAFT, passages=["Bruising was seen."])
    client.force_login(business_manager)
    html = client.get(URL, {"q": "bruising"}).content.decode()
    assert "Our draft" in html and "Draft</strong>" in html


def test_ticked_filters_narrow_the_list_and_each_has_a_link_to_remove_it(client):
    make_entry(None, title="Neglect 2021", year=2021, themes=["neglect"])
    make_entry(None, title="Neglect 2022", year=2022, themes=["neglect"])
    make_entry(None, title="Abuse 2022", year=2022, themes=["domestic abuse"])
    html = client.get(URL, {"theme": "neglect", "year": "2022"}).content.decode()
    assert "Neglect 2022" in html and "Neglect 2021" not in html and "Abuse 2022" not in html
    assert "1 review with the filters selected" in html
    assert 'value="neglect" checked' in html
    assert 'href="?year=2022">Remove<span class="govuk-visually-hidden"> filter</span> theme: neglect' in html
    assert "Year published</legend>" in html
    assert "2021 (1)" in html  # ticking 2021 as well would add one review


def test_no_results_says_so_and_suggests_what_to_do(client):
    make_entry(None, title="Any", passages=["Text."])
    html = client.get(URL, {"q": "zebra"}).content.decode()
    assert "No reviews match “zebra”." in html
    assert "check the spelling" in html


def test_pages_keep_the_search_and_filters(client):
    for number in range(21):
        make_entry(None, title=f"Report {number}", year=2020, passages=["Escalation was not used."])
    html = client.get(URL, {"q": "escalation", "year": "2020"}).content.decode()
    assert "21 reviews match “escalation”, with the filters selected." in html
    assert 'href="?q=escalation&amp;year=2020&amp;page=2"' in html
    second = client.get(URL, {"q": "escalation", "year": "2020", "page": "2"}).content.decode()
    assert second.count("Go to passage 1") == 1
    assert client.get(URL, {"page": "nonsense", "year": "twenty"}).status_code == 200


def test_the_command_searches_public_reviews_and_prints_json(partnership):
    make_entry(
        None, title="Public review", year=2021, passages=["The father was not seen."], themes=["neglect"]
    )
    make_entry(partnership, title="Draft", status=EntryStatus.DRAFT, passages=["The father was seen."])
    out = StringIO()
    call_command("library", "search", "fathers", "--theme", "neglect", "--json", stdout=out)
    found = json.loads(out.getvalue())
    assert found["total"] == 1
    assert found["results"][0]["title"] == "Public review"
    assert found["results"][0]["passages"][0]["snippet"] == "The father was not seen."
    assert found["facets"]["years"] == [{"value": "2021", "label": "2021", "count": 1}]
    readable = StringIO()
    call_command("library", "search", '"father was"', stdout=readable)
    assert "1. Public review (Elsewhere, 2021)" in readable.getvalue()
    # PostgreSQL's headline leaves "was" (a stop word) unmarked; SQLite marks the whole phrase.
    assert "Passage 1: The **father" in readable.getvalue()
