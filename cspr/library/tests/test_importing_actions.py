"""Importing reports: one draft entry per new text with its guesses and their sources, passages, suggested
themes with evidence, recommendations and the stored file, audited; duplicates and unreadable files are
reported and leave nothing behind."""

from pathlib import Path

import pytest

from cspr.audit.models import AuditEvent
from cspr.library.actions.importing import import_file, import_paths, index_entry_text
from cspr.library.extract import extract_bytes, extract_file
from cspr.library.models import EntryTheme, LibraryEntry, LibraryFile, ThemeState

from .test_importing_extract import SAMPLES, docx_bytes, encrypted_pdf, pdf_bytes

BRIEFING = SAMPLES / "child-m-learning-briefing.txt"


def test_import_adds_a_draft_with_guesses_passages_themes_recommendations_and_file(
    partnership, business_manager
):
    result = import_file(BRIEFING, partnership=partnership, acting_user=business_manager)

    assert result.outcome == "added"
    entry = result.entry
    assert entry.status == "draft"
    assert entry.partnership == partnership
    assert entry.area == "Northshire"
    assert entry.title == "Learning from the review of Child M"
    assert entry.created_by == business_manager
    assert entry.year == 2022
    assert entry.guesses["year"]["value"] == 2022
    assert "June 2022" in entry.guesses["year"]["source"]
    assert entry.guesses["title"]["value"] == entry.title
    texts = list(entry.passages.values_list("number", "page", "text"))
    assert texts[0] == (1, 1, "Learning from the review of Child M")
    assert [number for number, _, _ in texts] == list(range(1, len(texts) + 1))
    assert "There was domestic abuse in the home, which agencies did not share with each other." in [
        text for _, _, text in texts
    ]
    suggested = {
        item.theme.label: item.evidence for item in entry.entry_themes.filter(state=ThemeState.SUGGESTED)
    }
    assert "domestic abuse" in suggested
    assert any("domestic abuse" in sentence for sentence in suggested["domestic abuse"])
    assert list(entry.recommendations.values_list("number", flat=True)) == ["1", "2"]
    assert entry.recommendations.first().text.startswith("The partnership should ensure that practitioners")
    stored = entry.files.get()
    assert stored.original_name == "child-m-learning-briefing.txt"
    assert stored.media_type == "text/plain"
    assert stored.page_count == result.pages == 1
    assert stored.file.read() == BRIEFING.read_bytes()


def test_import_is_audited_without_the_title(partnership, business_manager):
    entry = import_file(BRIEFING, partnership=partnership, acting_user=business_manager).entry

    event = AuditEvent.objects.get(action="create", object_id=str(entry.pk))
    assert event.actor_id == business_manager.pk
    assert event.partnership_id == partnership.pk
    assert event.changes["title"] == [None, "(not recorded)"]
    assert event.changes["year"] == [None, 2022]
    assert "Child M" not in str(event.changes)


def test_year_and_type_given_override_the_guesses_and_say_where_they_came_from(system_admin):
    result = import_file(
        BRIEFING, partnership=None, acting_user=system_admin, year=2019, review_type="thematic"
    )

    entry = result.entry
    assert (entry.year, entry.review_type) == (2019, "thematic")
    assert entry.guesses["year"] == {"value": 2019, "source": "given on the command line"}
    assert entry.guesses["review_type"]["source"] == "given on the command line"
    assert entry.partnership is None
    assert entry.area == "Not known"


def test_the_same_words_in_another_format_are_a_duplicate(tmp_path, partnership, business_manager):
    as_markdown = tmp_path / "briefing.md"
    as_markdown.write_bytes(BRIEFING.read_bytes())
    first = import_file(BRIEFING, partnership=partnership, acting_user=business_manager)

    again = import_file(as_markdown, partnership=partnership, acting_user=business_manager)

    assert first.outcome == "added"
    assert again.outcome == "duplicate"
    assert again.message == "already in the library as “Learning from the review of Child M”"
    assert LibraryEntry.objects.count() == 1


def test_a_duplicate_of_a_draft_the_importer_cannot_see_is_not_named(
    partnership, business_manager, other_business_manager
):
    import_file(BRIEFING, partnership=partnership, acting_user=business_manager)

    again = import_file(
        BRIEFING, partnership=other_business_manager.partnership, acting_user=other_business_manager
    )

    assert again.outcome == "duplicate"
    assert again.message == "already in the library"


def test_encrypted_and_damaged_files_fail_and_leave_nothing(
    tmp_path, settings, partnership, business_manager
):
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(encrypted_pdf("secret"))
    damaged = tmp_path / "damaged.docx"
    damaged.write_bytes(b"not a word document")

    results = [
        import_file(path, partnership=partnership, acting_user=business_manager) for path in (locked, damaged)
    ]

    assert [(r.outcome, r.message) for r in results] == [
        ("failed", "The PDF is encrypted: it needs a password to open"),
        ("failed", "The file is not a readable Word document"),
    ]
    assert not LibraryEntry.objects.exists()
    assert not any(Path(settings.MEDIA_ROOT).rglob("*.*"))


def test_a_failure_after_the_file_is_stored_removes_it(monkeypatch, settings, partnership, business_manager):
    def broken(*args, **kwargs):
        raise RuntimeError("tagger fault")

    monkeypatch.setattr("cspr.library.actions.importing.index_entry_text", broken)

    with pytest.raises(RuntimeError):
        import_file(BRIEFING, partnership=partnership, acting_user=business_manager)

    assert not LibraryEntry.objects.exists()
    assert not any(path.is_file() for path in Path(settings.MEDIA_ROOT).rglob("*"))


def test_import_paths_recurses_folders_skips_other_files_and_goes_on_after_a_failure(
    tmp_path, partnership, business_manager
):
    (tmp_path / "nested").mkdir()
    (tmp_path / "nested" / "child-p.pdf").write_bytes(pdf_bytes())
    (tmp_path / "child-d.docx").write_bytes(docx_bytes(["Neglect was long-standing and not recognised."]))
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7 broken")
    (tmp_path / "manifest.json").write_text("{}")
    (tmp_path / ".DS_Store").write_bytes(b"\0")
    seen = []

    results = import_paths(
        [tmp_path, BRIEFING],
        partnership=partnership,
        acting_user=business_manager,
        progress=lambda done, total, result: seen.append((done, total, result.name)),
    )

    assert [(r.name, r.outcome) for r in results] == [
        ("broken.pdf", "failed"),
        ("child-d.docx", "added"),
        ("manifest.json", "skipped"),
        ("child-p.pdf", "added"),
        ("child-m-learning-briefing.txt", "added"),
    ]
    assert seen == [(n, 5, r.name) for n, r in enumerate(results, start=1)]
    assert LibraryEntry.objects.count() == 3
    assert LibraryFile.objects.get(original_name="child-p.pdf").page_count == 2


def test_index_entry_text_adds_after_the_existing_text_and_respects_decisions(partnership, business_manager):
    entry = import_file(BRIEFING, partnership=partnership, acting_user=business_manager).entry
    passages = entry.passages.count()
    domestic_abuse = entry.entry_themes.get(theme__label="domestic abuse")
    domestic_abuse.state = ThemeState.REMOVED
    domestic_abuse.save()

    summary = extract_bytes(
        b"Executive summary\n\nThere was domestic abuse in the home.\n\nRecommendations\n\n"
        b"1. The partnership should ensure that practitioners ask who lives in the home and record it.\n\n"
        b"2. Schools should record every missed day.\n",
        "summary.txt",
    )
    index_entry_text(entry, summary)

    numbers = list(entry.passages.values_list("number", flat=True))
    assert numbers == list(range(1, passages + 6))
    assert entry.passages.get(number=passages + 1).text == "Executive summary"
    assert EntryTheme.objects.get(pk=domestic_abuse.pk).state == ThemeState.REMOVED
    assert list(entry.recommendations.values_list("position", "number")) == [(1, "1"), (2, "2"), (3, "2")]
    assert entry.recommendations.get(position=3).text == "Schools should record every missed day."


def test_html_upload_keeps_untrusted_markup_out_of_the_text(tmp_path, system_admin):
    page = tmp_path / "review.html"
    page.write_text("<h1>Child Q &lt;script&gt;</h1><script>alert(1)</script><p>Neglect was not seen.</p>")

    entry = import_file(page, partnership=None, acting_user=system_admin).entry

    assert entry.title == "Child Q <script>"  # stored as text; pages escape it
    assert "alert" not in " ".join(entry.passages.values_list("text", flat=True))


def test_extract_file_and_import_agree_on_pages(partnership, business_manager, tmp_path):
    report = tmp_path / "report.txt"
    report.write_text("Page one text.\fPage two text.\fPage three text.")

    result = import_file(report, partnership=partnership, acting_user=business_manager)

    assert result.pages == extract_file(report).page_count == 3
    assert list(result.entry.passages.values_list("page", flat=True)) == [1, 2, 3]
