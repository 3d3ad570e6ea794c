"""Theme administration: system administrators list, add and change themes (audited); nobody else can."""

import pytest
from django.urls import reverse

from cspr.audit.models import AuditEvent
from cspr.library.models import Theme

pytestmark = pytest.mark.django_db


def test_list_shows_every_theme_with_its_status(client, system_admin):
    Theme.objects.filter(label="covid-19").update(is_active=False)
    client.force_login(system_admin)
    response = client.get(reverse("library:themes"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "29 themes" in page
    assert "fabricated or induced illness" in page
    assert "Inactive" in page


def test_add_a_theme_with_cues(client, system_admin):
    client.force_login(system_admin)
    response = client.post(
        reverse("library:new_theme"),
        {
            "label": "  Young   Carers ",
            "description": "Children caring for a parent",
            "cues": "young carer*\n\n young carer* \ncaring for mum",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    theme = Theme.objects.get(label="young carers")
    assert theme.cue_list() == ["young carer*", "caring for mum"]
    event = AuditEvent.objects.get(action="create", object_type="library.theme")
    assert event.object_id == str(theme.pk)


def test_change_a_theme_is_audited_with_what_changed(client, system_admin):
    theme = Theme.objects.get(label="covid-19")
    client.force_login(system_admin)
    response = client.post(
        reverse("library:edit_theme", args=[theme.pk]),
        {"label": "covid-19", "description": theme.description, "cues": "lockdown babies"},
    )
    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.is_active is False
    assert theme.cue_list() == ["lockdown babies"]
    event = AuditEvent.objects.get(action="change", object_type="library.theme")
    assert set(event.changes) == {"cues", "is_active"}


def test_edit_page_says_built_in_cues_are_kept(client, system_admin):
    client.force_login(system_admin)
    theme = Theme.objects.get(label="neglect")
    page = client.get(reverse("library:edit_theme", args=[theme.pk])).content.decode()
    assert "cspr has its own cue phrases for this theme" in page


def test_errors_keep_what_was_typed(client, system_admin):
    client.force_login(system_admin)
    response = client.post(reverse("library:new_theme"), {"label": "neglect", "cues": "my cue\n???"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "There is already a theme with this name" in page
    assert "Each cue phrase must contain a word" in page
    assert "my cue" in page
    assert not AuditEvent.objects.filter(object_type="library.theme").exists()


def test_business_manager_cannot_add_themes(client, business_manager):
    client.force_login(business_manager)
    response = client.post(reverse("library:new_theme"), {"label": "made up"})
    assert response.status_code == 403
    assert not Theme.objects.filter(label="made up").exists()
