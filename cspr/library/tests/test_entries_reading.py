"""Reading a library entry: anyone reads a public entry without signing in; a draft is for its
partnership's people only (404 for everyone else, audited when read); editors also see the suggested
themes with their evidence and what the importer guessed; the full text marks the searched words without
ever trusting the report's markup; files download under their own name and type."""

import datetime as dt

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.urls import reverse

from cspr.audit.models import AuditEvent
from cspr.library.models import EntrySource, EntryStatus, FileKind, LibraryFile, LibraryPassage, text_hash
from cspr.practice_reviews.models import PublicationDecision
from cspr.practice_reviews.tests.records import make_practice_review

from .records import draft_entry, make_entry, public_entry


def attach_file(entry, content: bytes, name: str, media_type: str, kind=FileKind.FULL_REPORT) -> LibraryFile:
    return LibraryFile.objects.create(
        entry=entry,
        kind=kind,
        file=ContentFile(content, name="stored-name.bin"),
        original_name=name,
        media_type=media_type,
        size=len(content),
        page_count=1,
        content_hash=text_hash(name),
    )


def view_events(entry):
    return AuditEvent.objects.filter(
        action="view", object_type="library.libraryentry", object_id=str(entry.pk)
    )


def test_anyone_reads_a_public_entry_without_signing_in(client, ctx):
    entry = public_entry(ctx)
    similar = make_entry(None, title="Child Y: neglect in a large family", themes=["neglect"])
    make_entry(None, title="A hidden draft about neglect", themes=["neglect"], status=EntryStatus.DRAFT)

    response = client.get(reverse("library:entry", args=[entry.pk]))

    page = response.text
    assert response.status_code == 200
    assert "Child W: a national example" in page
    assert "fathers and male carers" in page and "neglect" in page
    assert "Health visitors should record who lives in the home." in page
    assert reverse("library:full_text", args=[entry.pk]) in page
    assert "Reviews like this one" in page
    assert reverse("library:entry", args=[similar.pk]) in page
    assert "A hidden draft about neglect" not in page
    assert "Draft" not in page
    assert reverse("library:edit", args=[entry.pk]) not in page
    assert not view_events(entry).exists()


def test_a_draft_does_not_exist_for_anyone_outside_its_partnership(
    client, ctx, other_business_manager, agency_lead, panel_member
):
    entry = draft_entry(ctx)
    urls = [reverse(name, args=[entry.pk]) for name in ("library:entry", "library:full_text")]
    assert [client.get(url).status_code for url in urls] == [404, 404]
    for person in (other_business_manager, agency_lead, panel_member):
        client.force_login(person)
        assert [client.get(url).status_code for url in urls] == [404, 404], person.role


def test_a_national_draft_is_for_administrators_and_the_panel(
    client, business_manager, system_admin, panel_member
):
    entry = make_entry(None, title="National draft", status=EntryStatus.DRAFT)
    url = reverse("library:entry", args=[entry.pk])
    client.force_login(business_manager)
    assert client.get(url).status_code == 404
    client.force_login(panel_member)
    assert client.get(url).status_code == 200
    client.force_login(system_admin)
    page = client.get(url).text
    assert reverse("library:edit", args=[entry.pk]) in page


def test_the_business_manager_sees_the_draft_with_its_suggestions_and_guesses(client, ctx, business_manager):
    entry = draft_entry(ctx)
    entry.guesses = {
        "year": {"value": 2021, "source": "Published March 2021"},
        "review_type": {"value": "scr", "source": "this serious case review"},
    }
    entry.save()
    client.force_login(business_manager)

    page = client.get(reverse("library:entry", args=[entry.pk])).text

    assert "This review is not in the public library yet." in page
    assert "Only people of Northshire can see it." in page
    assert "Suggested: information sharing" in page
    assert "“Professionals did not share information.”" in page
    assert "What the importer guessed" in page
    assert "Serious case review" in page and "“this serious case review”" in page
    assert "“Published March 2021”" in page
    for name in ("library:edit", "library:entry_themes", "library:publish", "library:delete"):
        assert reverse(name, args=[entry.pk]) in page
    assert view_events(entry).count() == 1


def test_the_review_group_reads_a_draft_but_not_what_only_editors_check(client, ctx, review_group_member):
    entry = draft_entry(ctx)
    entry.guesses = {"year": {"value": 2021, "source": "Published March 2021"}}
    entry.save()
    client.force_login(review_group_member)

    page = client.get(reverse("library:entry", args=[entry.pk])).text

    assert "This review is not in the public library yet." in page
    assert "Suggested: information sharing" not in page
    assert "What the importer guessed" not in page
    assert reverse("library:edit", args=[entry.pk]) not in page
    assert view_events(entry).count() == 1


@time_machine.travel(dt.datetime(2027, 6, 1, 12, tzinfo=dt.UTC), tick=False)
def test_a_review_published_in_cspr_links_to_its_public_page(client, ctx):
    review = make_practice_review(
        ctx["partnership"],
        title="Child K",
        public_slug="child-k",
        publication_decision=PublicationDecision.PUBLISH_REPORT,
        published_on=dt.date(2027, 3, 9),
    )
    entry = make_entry(ctx["partnership"], title="Child K", practice_review=review)
    entry.source = EntrySource.CSPR
    entry.save()

    page = client.get(reverse("library:entry", args=[entry.pk])).text

    assert reverse("public:review", args=["northshire", "child-k"]) in page
    assert reverse("library:delete", args=[entry.pk]) not in page


def test_the_full_text_shows_every_passage_page_by_page_with_its_anchor(client, ctx):
    entry = make_entry(None, title="Paged report", passages=["First page text.", "Still page one."])
    LibraryPassage.objects.create(entry=entry, number=3, page=2, text="Second page text.")

    page = client.get(reverse("library:full_text", args=[entry.pk])).text

    assert page.index('id="passage-1"') < page.index('id="passage-2"') < page.index("Page 2")
    assert page.index("Page 2") < page.index('id="passage-3"')
    assert "Second page text." in page


def test_the_full_text_marks_the_searched_words_and_escapes_the_report(client, ctx):
    entry = make_entry(
        None,
        passages=[
            "The baby was <b>not</b> seen; neglected for weeks.",
            "Information was not shared between agencies.",
            "Nothing relevant <script>alert(1)</script> here.",
        ],
    )
    url = reverse("library:full_text", args=[entry.pk])

    page = client.get(url, {"q": 'neglect "not shared"'}).text

    assert "<mark>neglected</mark>" in page
    assert "<mark>not shared</mark>" in page
    assert "&lt;b&gt;not&lt;/b&gt;" in page
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "2 passages mention" in page


def test_highlighting_survives_any_input(client, ctx):
    entry = public_entry(ctx)
    url = reverse("library:full_text", args=[entry.pk])
    for query in ['"', "((", "<mark>", "\\b*", "a" * 500]:
        response = client.get(url, {"q": query})
        assert response.status_code == 200
        assert "<mark><mark>" not in response.text


def test_a_file_downloads_under_its_original_name_and_type(client, ctx):
    entry = public_entry(ctx)
    docx = attach_file(
        entry,
        b"PK docx bytes",
        "Child W review.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    pdf = attach_file(
        entry, b"%PDF-1.7 bytes", "Child W summary.pdf", "application/pdf", FileKind.EXECUTIVE_SUMMARY
    )

    response = client.get(reverse("library:file", args=[entry.pk, docx.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == docx.media_type
    assert response["Content-Disposition"].startswith("attachment")
    assert 'filename="Child W review.docx"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == b"PK docx bytes"

    response = client.get(reverse("library:file", args=[entry.pk, pdf.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")

    page = client.get(reverse("library:entry", args=[entry.pk])).text
    assert "Full report: Child W review.docx" in page
    assert "Executive summary: Child W summary.pdf" in page


def test_an_imported_html_page_is_downloaded_never_shown(client, ctx):
    entry = public_entry(ctx)
    html = attach_file(entry, b"<script>alert(1)</script>", "report.html", "text/html")
    response = client.get(reverse("library:file", args=[entry.pk, html.pk]))
    assert response["Content-Disposition"].startswith("attachment")


def test_a_file_of_another_entry_or_a_hidden_draft_is_not_found(client, ctx):
    entry, draft = public_entry(ctx), draft_entry(ctx)
    draft_file = attach_file(draft, b"draft text", "draft.txt", "text/plain")
    assert client.get(reverse("library:file", args=[entry.pk, draft_file.pk])).status_code == 404
    assert client.get(reverse("library:file", args=[draft.pk, draft_file.pk])).status_code == 404


@pytest.mark.parametrize("missing", [True, False])
def test_a_file_missing_from_storage_is_not_found(client, ctx, missing):
    entry = public_entry(ctx)
    stored = attach_file(entry, b"text", "report.txt", "text/plain")
    if missing:
        stored.file.storage.delete(stored.file.name)
    response = client.get(reverse("library:file", args=[entry.pk, stored.pk]))
    assert response.status_code == (404 if missing else 200)
