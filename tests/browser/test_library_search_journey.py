"""Searching the learning library without signing in: a practitioner searches for a phrase, ticks a year,
applies the filter and the list narrows; then a business manager finds their partnership's draft too.
Each page gets an axe-core check and a screenshot in test-results/screenshots."""

import re

import pytest
from playwright.sync_api import expect

from cspr.library.models import EntryStatus
from cspr.library.tests.records import make_entry
from tests.browser.conftest import check_accessibility
from tests.browser.test_practice_review_journey import sign_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_practitioner_searches_filters_and_a_business_manager_also_finds_their_draft(
    page, partnership, business_manager
):
    make_entry(
        None,
        title="Child M: a baby's bruising",
        year=2022,
        harm="serious_harm",
        passages=["Information sharing between the GP and the health visitor about the bruise was slow."],
        themes=["bruising in non-mobile babies", "information sharing"],
    )
    make_entry(
        None,
        title="Child P: school attendance",
        year=2021,
        passages=["The school had no information sharing agreement with children's social care."],
        themes=["education and school attendance"],
    )
    make_entry(
        partnership,
        title="Our draft about information sharing",
        status=EntryStatus.DRAFT,
        year=2022,
        passages=["Information sharing at the strategy meeting was incomplete."],
    )

    page.goto("/library/")
    expect(page.get_by_role("heading", name="Learning library")).to_be_visible()
    page.get_by_label("Search the library").fill('"information sharing"')
    page.get_by_role("button", name="Search").click()
    count = page.locator("#result-count")
    expect(count).to_have_text('2 reviews match “"information sharing"”.')
    expect(page.locator("mark").first).to_have_text(re.compile("information", re.IGNORECASE))
    expect(page.get_by_text("Our draft about information sharing")).to_have_count(0)
    check_accessibility(page, "library-search-results")

    page.get_by_label("2022 (1)").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(count).to_have_text('1 review matches “"information sharing"”, with the filters selected.')
    expect(page.get_by_role("link", name="Child M: a baby's bruising", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Child P: school attendance", exact=True)).to_have_count(0)
    check_accessibility(page, "library-search-filtered")

    page.get_by_role("link", name="Remove filter year published: 2022").click()
    expect(count).to_have_text('2 reviews match “"information sharing"”.')

    sign_in_as(page, business_manager)
    page.goto("/library/?q=%22information+sharing%22")
    expect(count).to_have_text('3 reviews match “"information sharing"”.')
    expect(page.get_by_role("link", name="Our draft about information sharing", exact=True)).to_be_visible()
    check_accessibility(page, "library-search-signed-in")
