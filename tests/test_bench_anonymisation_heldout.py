"""The held-out set is sound: its markers become labels over exactly the marked text, its declared names are
read, its structured identifiers are valid (so a miss is the checker's, not the data's), and the bench
scores it with the same code as the generated corpus."""

import json
import re
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import anonymisation  # noqa: E402
import anonymisation_heldout as heldout  # noqa: E402
from anonymisation_corpus import nhs_check_digit_valid  # noqa: E402

from cspr.publication.anonymisation.findings import IdentifierType  # noqa: E402

NI_NUMBER = re.compile(r"(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]")


@pytest.fixture(scope="module")
def documents():
    return heldout.load_heldout()


def test_the_set_is_large_and_varied_enough_to_report_on(documents):
    assert len(documents) >= 40
    assert sum(not document.labels for document in documents) >= 8
    assert all(250 <= document.words <= 700 for document in documents)
    assert {label.type for document in documents for label in document.labels} == {
        kind.value for kind in IdentifierType
    }


def test_labels_cover_exactly_the_marked_text_and_no_marker_is_left(documents):
    for document in documents:
        assert "[[" not in document.text and "]]" not in document.text
        for label in document.labels:
            assert document.text[label.start : label.end] == label.text


def test_structured_identifiers_are_valid_so_a_miss_is_the_checkers(documents):
    labels = [label for document in documents for label in document.labels]
    for label in labels:
        if label.type == "nhs_number":
            assert nhs_check_digit_valid(label.text), label.text
        if label.type == "ni_number":
            assert NI_NUMBER.fullmatch(re.sub(r"\s", "", label.text.upper())), label.text


def test_the_declared_line_gives_pseudonyms_and_allowed_names():
    document = heldout.parse(
        "letter",
        "# declared: Child K; Sibling 1; Dr Anne Reviewer\n"
        "# allowed: Kirkmoor Homes\n"
        "Dear [[person_name|Ms Adeyemi]], Child K was seen by Dr Anne Reviewer.\n",
    )
    assert document.pseudonyms == ("Child K", "Sibling 1")
    assert document.allowed == ("Dr Anne Reviewer", "Kirkmoor Homes")
    assert document.text.startswith("Dear Ms Adeyemi, Child K")
    [label] = document.labels
    assert (label.type, label.text, label.start) == ("person_name", "Ms Adeyemi", 5)


@pytest.mark.parametrize(
    "marked",
    ["[[surname|Okafor]] was seen", "[[person_name|Okafor was seen", "[[person_name| Okafor]] was seen"],
)
def test_a_malformed_marker_is_refused(marked):
    with pytest.raises(heldout.HeldOutError):
        heldout.parse("bad", marked)


def test_held_out_option_scores_the_held_out_documents(monkeypatch, capsys):
    documents = heldout.load_heldout()[:2]
    monkeypatch.setattr(anonymisation, "load_heldout", lambda: documents)
    monkeypatch.setattr(anonymisation, "build_corpus", lambda *args: pytest.fail("generated corpus built"))
    finds_names = _checker_finding("person_name")
    monkeypatch.setattr(anonymisation, "ours_checker", lambda: finds_names)
    monkeypatch.setattr(anonymisation, "presidio_checker", lambda: lambda document: [])
    assert anonymisation.main(["--held-out", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["documents"] == 2
    rows = {row["type"]: row for row in figures["types"]}
    names = sum(label.type == "person_name" for document in documents for label in document.labels)
    assert rows["person_name"]["count"] == names and rows["person_name"]["ours"] == 1.0


def test_both_option_reports_each_set_in_its_own_table(monkeypatch, capsys):
    held_out = heldout.load_heldout()[:1]
    generated = heldout.load_heldout()[1:3]
    monkeypatch.setattr(anonymisation, "load_heldout", lambda: held_out)
    monkeypatch.setattr(anonymisation, "build_corpus", lambda *args: generated)
    monkeypatch.setattr(anonymisation, "ours_checker", lambda: lambda document: [])
    monkeypatch.setattr(anonymisation, "presidio_checker", lambda: lambda document: [])
    assert anonymisation.main(["--both"]) == 0
    out = capsys.readouterr().out
    assert "== generated set ==" in out and "== held-out set ==" in out
    assert "\n1 documents" in out and "\n2 documents" in out


def _checker_finding(kind: str):
    """A stand-in checker that finds exactly the labels of one type, to test the wiring, not a recogniser."""

    def check(document):
        return [
            anonymisation.Span(frozenset({kind}), label.start, label.end, label.text, kind)
            for label in document.labels
            if label.type == kind
        ]

    return check
