"""`cspr publication check`: what it prints and its exit status (0 clean, 1 findings, 2 unreadable)."""

import json
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cspr.publication.anonymisation import engine as engine_module

from .records import docx_bytes

CLEAN = "Child K was known to Children's Social Care. The strategy meeting was held on 3 March 2021.\n"
IDENTIFYING = "Child K's NHS number is 943 476 5919 and the family email is kay.family@example.com.\n"


def run(*args) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("publication", "check", *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        return exit_.code, out.getvalue(), err.getvalue()
    except CommandError as error:
        return error.returncode, out.getvalue(), str(error)
    return 0, out.getvalue(), err.getvalue()


@pytest.fixture
def write(tmp_path):
    def write(name: str, content) -> str:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return str(path)

    return write


def test_a_clean_document_exits_0(write):
    status, out, _ = run(write("clean.txt", CLEAN), "--allow", "Child K")
    assert status == 0
    assert "nothing identifying found" in out


def test_findings_are_printed_with_their_place_and_exit_1(write):
    status, out, _ = run(write("draft.txt", IDENTIFYING), "--allow", "Child K")
    assert status == 1
    assert "2 possible identifying details" in out
    assert 'NHS number "943 476 5919"' in out
    assert 'Email address "kay.family@example.com"' in out
    assert "page 1, paragraph 1" in out


def test_json_gives_offsets_into_the_extracted_text(write):
    status, out, _ = run(write("draft.txt", IDENTIFYING), "--allow", "Child K", "--json")
    assert status == 1
    findings = json.loads(out)["findings"]
    assert {(f["type"], f["text"]) for f in findings} == {
        ("nhs_number", "943 476 5919"),
        ("email_address", "kay.family@example.com"),
    }
    for finding in findings:
        assert IDENTIFYING[finding["start"] : finding["end"]] == finding["text"]
        assert set(finding) >= {"type", "text", "start", "end", "confidence"}
        assert 0 < finding["confidence"] <= 1


def test_a_pseudonyms_real_name_is_always_found(write):
    text = "Child K lived with her grandmother. Kayden Testname started nursery in 2020.\n"
    status, out, _ = run(write("draft.txt", text), "--pseudonym", "Child K=Kayden Testname", "--json")
    assert status == 1
    found = {f["text"] for f in json.loads(out)["findings"]}
    assert "Kayden Testname" in found
    assert not any("Child K" in text for text in found)


def test_word_documents_are_checked(write):
    status, out, _ = run(write("report.docx", docx_bytes(IDENTIFYING)), "--allow", "Child K")
    assert status == 1
    assert "943 476 5919" in out


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.pdf", None, "there is no such file"),
        ("broken.pdf", b"%PDF-1.4 not really", "not a readable PDF"),
        ("notes.doc", b"old word", "Old Word (.doc) files cannot be read"),
        ("empty.txt", "", "The file is empty"),
    ],
)
def test_unreadable_input_exits_2_with_a_reason(write, tmp_path, name, content, message):
    path = str(tmp_path / name) if content is None else write(name, content)
    status, _, error = run(path)
    assert status == 2
    assert message in error


def test_a_malformed_pseudonym_exits_2(write):
    status, _, error = run(write("clean.txt", CLEAN), "--pseudonym", "Child K=")
    assert status == 2
    assert '--pseudonym must look like "Child K=Real Name"' in error


def test_without_the_language_model_it_still_runs_and_says_so(write, monkeypatch):
    reduced = engine_module.build_engine(use_model=False)
    monkeypatch.setattr(engine_module, "engine", lambda: reduced)
    status, out, error = run(write("draft.txt", IDENTIFYING), "--allow", "Child K")
    assert status == 1
    assert "943 476 5919" in out
    assert "Name detection is reduced" in error


def test_the_installed_command_exits_with_the_status(write):
    """The real process, as a script calling it would see it."""
    path = write("draft.txt", IDENTIFYING)
    done = subprocess.run(
        [sys.executable, "-m", "cspr", "publication", "check", path, "--allow", "Child K", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert len(json.loads(done.stdout)["findings"]) == 2
    assert "INFO" not in done.stderr  # nothing logged: findings are the document's own text
