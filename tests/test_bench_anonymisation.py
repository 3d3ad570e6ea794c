"""The anonymisation benchmark measures what it says: labels point at what was inserted, every kind of
identifier is there, clean documents are clean, overlaps are scored fairly, and a tiny run works."""

import json
import re
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import anonymisation  # noqa: E402
import anonymisation_corpus as corpus  # noqa: E402
from anonymisation import Span, Tally  # noqa: E402
from anonymisation_corpus import Document, Label  # noqa: E402

from cspr.publication.anonymisation.findings import IdentifierType  # noqa: E402


@pytest.fixture(scope="module")
def documents():
    return corpus.build_corpus(60, seed=3)


def test_labels_point_at_the_inserted_text(documents):
    for document in documents:
        for label in document.labels:
            assert document.text[label.start : label.end] == label.text
            assert label.text == label.text.strip() and label.text


def test_every_identifier_type_appears_even_in_a_small_corpus():
    labelled = {label.type for document in corpus.build_corpus(6) for label in document.labels}
    assert labelled == {kind.value for kind in IdentifierType}


def test_one_in_five_documents_is_clean_and_has_no_identifiers(documents):
    clean = [document for document in documents if not document.labels]
    assert len(clean) == 12
    for document in clean:
        assert "{" not in document.text
        assert "@" not in document.text and "example." not in document.text


def test_the_default_corpus_is_big_enough():
    documents = corpus.build_corpus()
    assert sum(bool(document.labels) for document in documents) >= 200
    assert sum(not document.labels for document in documents) >= 50


def test_the_same_seed_gives_the_same_corpus_and_another_seed_another():
    first, again, other = corpus.build_corpus(10, 1), corpus.build_corpus(10, 1), corpus.build_corpus(10, 2)
    assert [d.text for d in first] == [d.text for d in again]
    assert [d.text for d in first] != [d.text for d in other]


def test_structured_identifiers_are_valid(documents):
    labels = [label for document in documents for label in document.labels]
    for label in labels:
        if label.type == "nhs_number":
            assert corpus.nhs_check_digit_valid(label.text), label.text
        if label.type == "ni_number":
            prefix = label.text[:2].upper()
            assert prefix[0] not in "DFIQUV" and prefix[1] not in "DFIOQUV"
            assert prefix not in {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}
        if label.type == "email_address":
            assert label.text.lower().split("@")[1].endswith(("example.com", "example.org", "example.net"))
        if label.type == "postcode":
            assert POSTCODE.fullmatch(label.text.upper()), label.text
        if label.type == "phone_number":
            assert _national(label.text).startswith(DRAMA_RANGES), label.text


# The six UK postcode shapes: A9 9AA, A99 9AA, AA9 9AA, AA99 9AA, A9A 9AA, AA9A 9AA (space optional).
POSTCODE = re.compile(r"[A-Z]{1,2}(?:[0-9]{1,2}|[0-9][A-Z]) ?[0-9][ABD-HJLNP-UW-Z]{2}")
DRAMA_RANGES = tuple(
    pattern.replace(" ", "").replace("xxx", "")
    for pattern in corpus.WORDS["mobile_patterns"] + corpus.WORDS["landline_patterns"]
)


def _national(phone: str) -> str:
    """The number as dialled in the UK: +44 (0)113 ... -> 0113..."""
    digits = "".join(char for char in phone if char.isdigit())
    if digits.startswith("440"):
        return digits[2:]
    return "0" + digits[2:] if digits.startswith("44") else digits


def test_documents_declare_their_pseudonym_and_allowed_names(documents):
    for document in documents:
        assert document.pseudonyms[0] in document.text
        assert all(name in document.text for name in document.allowed)


def _document():
    text = "Mother met Jayden Holt at 14 Acacia Road on 3 May 2021."
    labels = [Label("person_name", 11, 22, "Jayden Holt"), Label("street_address", 26, 40, "14 Acacia Road")]
    return Document("fake", text, labels)


def _span(types, start, end, name="x"):
    return Span(frozenset(types), start, end, "", name)


def test_a_finding_of_the_right_type_overlapping_a_label_finds_it():
    tally = Tally()
    tally.add(_document(), [_span({"person_name"}, 18, 22), _span({"street_address"}, 29, 40)])
    assert tally.found == {"person_name": 1, "street_address": 1}
    assert tally.misses == {} and tally.false_positives == []


def test_a_finding_of_another_type_or_beside_the_label_does_not_find_it():
    tally = Tally()
    tally.add(_document(), [_span({"street_address"}, 11, 22), _span({"person_name"}, 22, 26)])
    assert tally.found == {}
    assert tally.misses == {"person_name": ["Jayden Holt"], "street_address": ["14 Acacia Road"]}
    # The wrongly typed span still overlaps a label: only the one touching nothing is a false positive.
    assert [span.start for span in tally.false_positives] == [22]


def test_findings_away_from_every_label_are_false_positives():
    tally = Tally()
    tally.add(_document(), [_span({"person_name"}, 0, 6, "person_name"), _span({"date_of_birth"}, 44, 54)])
    assert len(tally.false_positives) == 2
    results = anonymisation.Results(words=1000)
    results.ours = tally
    assert results.per_thousand_words(tally.false_positives) == 2.0


def test_evaluate_counts_recall_per_type_for_both_checkers():
    document = _document()
    clean = Document("clean", "Mother and Father met the Social Worker.", [])
    results = anonymisation.evaluate(
        [document, clean],
        ours=lambda d: [_span({"person_name"}, 11, 17)] if d.labels else [],
        peer=lambda d: (
            [_span({"person_name", "street_address"}, 0, 40)] if d.labels else [_span({"person_name"}, 0, 6)]
        ),
    )
    rows = {row["type"]: row for row in results.rows()}
    assert rows["person_name"]["ours"] == 1.0 and rows["street_address"]["ours"] == 0.0
    assert rows["street_address"]["presidio"] == 1.0
    assert results.clean == 1 and results.counts == {"person_name": 1, "street_address": 1}
    assert len(results.peer.false_positives) == 1 and results.ours.false_positives == []


def test_the_peer_mapping_covers_every_identifier_type_it_can():
    mapped = set().union(*anonymisation.PEER_TYPES.values())
    assert mapped == {kind.value for kind in IdentifierType}


def test_a_tiny_end_to_end_run_prints_the_table_and_json(capsys):
    assert anonymisation.main(["--docs", "6", "--show-misses", "2"]) == 0
    output = capsys.readouterr()
    assert "person_name" in output.out and "false positives per 1,000 words" in output.out
    assert "[6/6] documents" in output.err
    assert anonymisation.main(["--docs", "6", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["documents"] == 6 and data["clean_documents"] == 1
    assert {row["type"] for row in data["types"]} == {kind.value for kind in IdentifierType}
    assert data["pages_per_second"]["ours"] > 0 and data["pages_per_second"]["presidio"] > 0
