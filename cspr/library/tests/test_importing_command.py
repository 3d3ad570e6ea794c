"""`cspr library import`: one line per file with progress, a summary, exit code 1 when a file failed."""

import io

import pytest
from django.core.management import CommandError, call_command

from cspr.library.models import LibraryEntry

from .test_importing_extract import SAMPLES


def run(*args) -> str:
    out = io.StringIO()
    call_command("library", "import", *map(str, args), stdout=out)
    return out.getvalue()


def test_imports_a_folder_with_a_line_per_file_and_a_summary(tmp_path, partnership):
    (tmp_path / "notes.json").write_text("{}")
    (tmp_path / "briefing.txt").write_bytes((SAMPLES / "child-m-learning-briefing.txt").read_bytes())

    output = run(tmp_path, SAMPLES / "child-m-learning-briefing.txt", "--partnership", "northshire")

    lines = output.splitlines()
    entry = LibraryEntry.objects.get()
    assert (
        lines[0]
        == f"[1/3] briefing.txt: added as draft entry {entry.pk}, “Learning from the review of Child M”"
    )
    assert lines[1] == "[2/3] notes.json: skipped: not a PDF, Word (.docx), HTML, text or Markdown file"
    assert lines[2] == (
        "[3/3] child-m-learning-briefing.txt: duplicate: already in the library as "
        "“Learning from the review of Child M”"
    )
    assert lines[3].startswith("3 files: 1 added (1 page, ")
    assert lines[3].endswith("1 duplicate, 0 failed, 1 skipped")
    assert entry.partnership == partnership


def test_a_failed_file_gives_exit_code_1_after_importing_the_rest(tmp_path, db):
    (tmp_path / "locked.pdf").write_bytes(b"%PDF-1.4 damaged")

    out = io.StringIO()
    with pytest.raises(CommandError, match="1 file could not be imported") as raised:
        call_command("library", "import", str(tmp_path), str(SAMPLES / "safer-sleep.html"), stdout=out)

    assert raised.value.returncode == 1
    assert "[1/2] locked.pdf: failed: The file is not a readable PDF" in out.getvalue()
    entry = LibraryEntry.objects.get()
    assert (entry.partnership, entry.area, entry.status) == (None, "Not known", "draft")


def test_national_imports_can_go_straight_into_the_public_library(db):
    run(SAMPLES / "safer-sleep.md", "--public", "--year", "2023", "--type", "thematic", "--kind", "briefing")

    entry = LibraryEntry.objects.get()
    assert (entry.status, entry.year, entry.review_type) == ("public", 2023, "thematic")
    assert entry.guesses["year"]["source"] == "given on the command line"
    assert entry.files.get().kind == "briefing"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--partnership", "Nowhere"], "There is no partnership called Nowhere"),
        (["--partnership", "Northshire", "--public"], "--public is for national imports"),
        (["--year", "1850"], "--year must be between 1970 and"),
    ],
)
def test_wrong_options_are_refused_before_anything_is_imported(partnership, args, message):
    with pytest.raises(CommandError, match=message) as raised:
        run(SAMPLES / "safer-sleep.md", *args)

    assert raised.value.returncode == 2
    assert not LibraryEntry.objects.exists()


def test_a_folder_with_nothing_in_it_fails(tmp_path, db):
    with pytest.raises(CommandError, match="No files found"):
        run(tmp_path)
