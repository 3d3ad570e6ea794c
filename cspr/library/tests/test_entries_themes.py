"""Checking an entry's themes: each suggestion is shown with the sentences that suggested it, to confirm or
remove; a removed theme is kept so it is not suggested again and can be confirmed after all; a theme can
be added by hand; a public entry keeps at least one confirmed theme; every decision is audited by label."""

import pytest
from django.urls import reverse

from cspr.audit.models import AuditEvent
from cspr.library.models import EntryTheme, Theme, ThemeState

from .records import draft_entry, make_entry


@pytest.fixture
def entry(ctx):
    return draft_entry(ctx)


@pytest.fixture
def signed_in(client, business_manager):
    client.force_login(business_manager)
    return client


def state(entry, label) -> str:
    return EntryTheme.objects.get(entry=entry, theme__label=label).state


def test_each_suggestion_is_shown_with_its_evidence(signed_in, entry):
    page = signed_in.get(reverse("library:entry_themes", args=[entry.pk])).text
    assert "Information sharing" in page
    assert "“Professionals did not share information.”" in page
    assert 'name="decision" value="confirm"' in page and 'name="decision" value="remove"' in page


def test_the_business_manager_confirms_a_suggested_theme(signed_in, entry, business_manager):
    suggestion = EntryTheme.objects.get(entry=entry)
    url = reverse("library:entry_themes", args=[entry.pk])

    response = signed_in.post(url, {"entry_theme": suggestion.pk, "decision": "confirm"})

    assert response.status_code == 302 and response.url == url
    suggestion.refresh_from_db()
    assert suggestion.state == ThemeState.CONFIRMED
    assert suggestion.decided_by == business_manager and suggestion.decided_at is not None
    event = AuditEvent.objects.get(
        action="change", object_type="library.libraryentry", object_id=str(entry.pk)
    )
    assert event.changes == {"theme: information sharing": ["suggested", "confirmed"]}
    assert "Theme confirmed: information sharing" in signed_in.get(url).text


def test_a_removed_theme_is_kept_and_can_be_confirmed_after_all(signed_in, entry):
    suggestion = EntryTheme.objects.get(entry=entry)
    url = reverse("library:entry_themes", args=[entry.pk])

    signed_in.post(url, {"entry_theme": suggestion.pk, "decision": "remove"})

    assert state(entry, "information sharing") == ThemeState.REMOVED
    page = signed_in.get(url).text
    assert "Removed themes" in page and "Confirm after all" in page
    signed_in.post(url, {"entry_theme": suggestion.pk, "decision": "confirm"})
    assert state(entry, "information sharing") == ThemeState.CONFIRMED


def test_a_theme_is_added_by_hand_as_confirmed(signed_in, entry):
    neglect = Theme.objects.get(label="neglect")
    url = reverse("library:entry_themes", args=[entry.pk])

    signed_in.post(url, {"theme": neglect.pk})

    assert state(entry, "neglect") == ThemeState.CONFIRMED
    event = AuditEvent.objects.get(action="change", object_type="library.libraryentry")
    assert event.changes == {"theme: neglect": [None, "confirmed"]}


def test_the_add_list_offers_neither_retired_themes_nor_those_already_there(signed_in, entry):
    Theme.objects.filter(label="radicalisation").update(is_active=False)
    page = signed_in.get(reverse("library:entry_themes", args=[entry.pk]))
    offered = [theme.label for theme in page.context["adding"].fields["theme"].queryset]
    assert "neglect" in offered
    assert "radicalisation" not in offered
    assert "information sharing" not in offered


def test_adding_nothing_or_an_unknown_theme_is_explained(signed_in, entry):
    url = reverse("library:entry_themes", args=[entry.pk])
    page = signed_in.post(url, {"theme": ""}).text
    assert "Select a theme to add" in page and "govuk-error-summary" in page
    page = signed_in.post(url, {"entry_theme": 999999, "decision": "confirm"}).text
    assert "That theme is no longer on this review: reload the page" in page


def test_a_public_entry_keeps_at_least_one_confirmed_theme(signed_in, ctx):
    entry = make_entry(ctx["partnership"], themes=["neglect"])
    only = EntryTheme.objects.get(entry=entry)
    url = reverse("library:entry_themes", args=[entry.pk])

    page = signed_in.post(url, {"entry_theme": only.pk, "decision": "remove"}).text

    assert "A review in the public library needs at least one theme" in page
    assert state(entry, "neglect") == ThemeState.CONFIRMED
    signed_in.post(url, {"theme": Theme.objects.get(label="safe sleep").pk})
    signed_in.post(url, {"entry_theme": only.pk, "decision": "remove"})
    assert state(entry, "neglect") == ThemeState.REMOVED


def test_a_theme_of_another_entry_cannot_be_decided_here(signed_in, ctx, entry):
    other = make_entry(ctx["partnership"], suggested={"neglect": ["The home was dirty."]})
    theirs = EntryTheme.objects.get(entry=other)
    signed_in.post(
        reverse("library:entry_themes", args=[entry.pk]), {"entry_theme": theirs.pk, "decision": "confirm"}
    )
    assert state(other, "neglect") == ThemeState.SUGGESTED


def test_only_the_business_manager_checks_the_themes(client, entry, review_group_member):
    suggestion = EntryTheme.objects.get(entry=entry)
    client.force_login(review_group_member)
    url = reverse("library:entry_themes", args=[entry.pk])
    assert client.post(url, {"entry_theme": suggestion.pk, "decision": "confirm"}).status_code == 403
    assert state(entry, "information sharing") == ThemeState.SUGGESTED
