"""Putting a draft into the public library (refused until its year, type of review and a confirmed theme
are set; then anyone reads it without signing in) and deleting an imported entry added by mistake (its
files go too; reviews published in cspr stay). Both audited."""

from django.core.files.base import ContentFile
from django.urls import reverse

from cspr.audit.models import AuditEvent
from cspr.library.models import (
    EntrySource,
    EntryStatus,
    EntryTheme,
    LibraryEntry,
    LibraryFile,
    ThemeState,
    text_hash,
)

from .records import draft_entry, make_entry


def confirm_themes(entry):
    EntryTheme.objects.filter(entry=entry).update(state=ThemeState.CONFIRMED)


def test_a_draft_without_a_confirmed_theme_cannot_go_public(client, ctx, business_manager):
    entry = draft_entry(ctx)
    entry.year, entry.review_type = None, ""
    entry.save()
    client.force_login(business_manager)
    url = reverse("library:publish", args=[entry.pk])

    page = client.get(url).text
    assert "You cannot put this review in the public library yet" in page
    assert "Enter the year the review was published" in page
    assert "Select the type of review" in page
    assert "Confirm at least one theme" in page

    response = client.post(url)
    assert response.status_code == 200
    entry.refresh_from_db()
    assert entry.status == EntryStatus.DRAFT
    assert not AuditEvent.objects.filter(action="change").exists()


def test_the_business_manager_puts_a_checked_draft_in_the_public_library(client, ctx, business_manager):
    entry = draft_entry(ctx)
    confirm_themes(entry)
    client.force_login(business_manager)
    url = reverse("library:publish", args=[entry.pk])

    page = client.get(url).text
    assert "Put this review in the public library?" in page

    response = client.post(url)
    assert response.status_code == 302 and response.url == entry.get_absolute_url()
    entry.refresh_from_db()
    assert entry.status == EntryStatus.PUBLIC
    event = AuditEvent.objects.get(action="change", object_type="library.libraryentry")
    assert event.changes == {"status": ["draft", "public"]}

    client.logout()
    assert client.get(entry.get_absolute_url()).status_code == 200
    assert client.get(reverse("library:full_text", args=[entry.pk])).status_code == 200


def test_a_public_entry_is_not_published_again(client, ctx, business_manager):
    entry = make_entry(ctx["partnership"], themes=["neglect"])
    client.force_login(business_manager)
    response = client.post(reverse("library:publish", args=[entry.pk]))
    assert response.status_code == 302
    assert not AuditEvent.objects.filter(action="change").exists()


def test_the_review_group_cannot_publish(client, ctx, review_group_member):
    entry = draft_entry(ctx)
    confirm_themes(entry)
    client.force_login(review_group_member)
    assert client.post(reverse("library:publish", args=[entry.pk])).status_code == 403
    entry.refresh_from_db()
    assert entry.status == EntryStatus.DRAFT


def test_deleting_an_imported_entry_removes_its_files(
    client, ctx, business_manager, django_capture_on_commit_callbacks
):
    entry = draft_entry(ctx)
    stored = LibraryFile.objects.create(
        entry=entry,
        file=ContentFile(b"report text", name="report.txt"),
        original_name="report.txt",
        media_type="text/plain",
        size=11,
        content_hash=text_hash("report text"),
    )
    storage, name = stored.file.storage, stored.file.name
    client.force_login(business_manager)
    url = reverse("library:delete", args=[entry.pk])

    page = client.get(url).text
    assert "Delete this review from the library?" in page
    assert "and its file will be deleted" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)

    assert response.status_code == 302 and response.url == reverse("library:search")
    assert not LibraryEntry.objects.filter(pk=entry.pk).exists()
    assert not storage.exists(name)
    event = AuditEvent.objects.get(action="delete", object_type="library.libraryentry")
    assert event.object_id == str(entry.pk)
    assert event.changes["files"] == [1, 0]
    assert "Draft learning review" not in str(event.changes)


def test_a_review_published_in_cspr_cannot_be_deleted(client, ctx, business_manager):
    entry = draft_entry(ctx)
    entry.source = EntrySource.CSPR
    entry.save()
    client.force_login(business_manager)
    url = reverse("library:delete", args=[entry.pk])

    assert "You cannot delete this review" in client.get(url).text
    client.post(url)
    assert LibraryEntry.objects.filter(pk=entry.pk).exists()
    assert reverse("library:delete", args=[entry.pk]) not in client.get(entry.get_absolute_url()).text


def test_another_partnership_cannot_delete_the_entry(client, ctx, other_business_manager):
    entry = draft_entry(ctx)
    client.force_login(other_business_manager)
    assert client.post(reverse("library:delete", args=[entry.pk])).status_code == 404
    assert LibraryEntry.objects.filter(pk=entry.pk).exists()
