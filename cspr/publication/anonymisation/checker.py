"""The anonymisation check's one interface: `check_text` for text, `check_document` for a file.

Presidio's analyzer (see `engine`) proposes spans; this module turns them into findings a person can act
on: one type each (ours, Presidio's entity names mapped), the reason, no span the review has declared it
may publish (`declared`), no duplicates where recognisers overlap, and where each sits in the document.
Long texts are analysed a page at a time, so a 200-page report never becomes one giant spaCy document.
"""

import bisect
import re

from cspr.library.extract import ExtractedText, extract_bytes

from .declared import Declared
from .findings import CheckResult, Finding, IdentifierType

# Presidio's entity names for the recognisers of its own we use (see engine.build_engine).
PRESIDIO_TYPES = {
    "PERSON": IdentifierType.PERSON_NAME,
    "EMAIL_ADDRESS": IdentifierType.EMAIL_ADDRESS,
    "PHONE_NUMBER": IdentifierType.PHONE_NUMBER,
    "UK_POSTCODE": IdentifierType.POSTCODE,
    "UK_NINO": IdentifierType.NI_NUMBER,
    "UK_NHS": IdentifierType.NHS_NUMBER,
    "UK_VEHICLE_REGISTRATION": IdentifierType.VEHICLE_REGISTRATION,
}
TYPES = {**PRESIDIO_TYPES, **{kind.value: kind for kind in IdentifierType}}
# Below this Presidio score a span is a guess nobody should have to read.
MINIMUM_CONFIDENCE = 0.4
BLANK_LINE = re.compile(r"\n\s*\n")


def check_text(text: str, declared: Declared | None = None, *, engine=None, pages=None) -> CheckResult:
    """Every identifying detail in `text`, in reading order. `pages` (optional) are the texts whose
    "\\n\\n"-joined whole is `text`, so findings can say their page."""
    from .engine import engine as default_engine

    engine = engine or default_engine()
    declared = declared or Declared()
    paged = pages is not None
    pages = pages if paged else [text]
    findings: list[Finding] = []
    # The review's own recognisers (its known names and dates) are built once for the whole document.
    extra = declared.recognisers()
    entities = _entities(engine, extra)
    offset = 0
    for number, page in enumerate(pages, start=1):
        for finding in _page_findings(page, engine, declared, extra, entities):
            finding.start += offset
            finding.end += offset
            finding.page = number if paged else 0
            findings.append(finding)
        offset += len(page) + 2
    _number_paragraphs(text, findings)
    return CheckResult(text=text, findings=findings, warnings=engine.warnings, page_count=len(pages))


def check_document(data: bytes, filename: str, declared: Declared | None = None, *, engine=None):
    """Check a PDF, Word, HTML or text file. Raises `cspr.library.extract.ExtractionError` (a sentence a
    person can act on) when the file cannot be read."""
    extracted = extract_bytes(data, filename, everything=True)
    return check_extracted(extracted, declared, engine=engine)


def check_extracted(extracted: ExtractedText, declared: Declared | None = None, *, engine=None):
    return check_text(extracted.text, declared, engine=engine, pages=extracted.pages)


def _page_findings(page: str, engine, declared: Declared, extra: list, entities: list[str]) -> list[Finding]:
    if not page.strip():
        return []
    results = engine.analyzer.analyze(
        text=page, language="en", entities=entities, ad_hoc_recognizers=extra or None
    )
    findings = []
    for result in results:
        kind = TYPES[result.entity_type]
        if result.score < MINIMUM_CONFIDENCE:
            continue
        start, end = _trimmed(page, result.start, result.end)
        if start >= end:
            continue
        findings.append(
            Finding(
                type=kind,
                text=page[start:end],
                start=start,
                end=end,
                confidence=result.score,
                why=kind.why,
                recogniser=(result.recognition_metadata or {}).get("recognizer_name", ""),
            )
        )
    findings = declared.without_allowed(page, findings)
    return _without_overlaps(_without_names_inside_places(findings))


def _entities(engine, extra: list) -> list[str]:
    """The entity names with a recogniser: Presidio warns about (and will refuse) the others."""
    supported = set(engine.analyzer.get_supported_entities("en"))
    supported.update(entity for recogniser in extra for entity in recogniser.supported_entities)
    return sorted(supported & set(TYPES))


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Without surrounding spaces and punctuation that recognisers sometimes take in ("Smith," / "(0113")."""
    while start < end and (text[start].isspace() or text[start] in ",.;:)]}'\""):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",.;:([{'\""):
        end -= 1
    return start, end


PLACES = (IdentifierType.SCHOOL, IdentifierType.HEALTH_SETTING, IdentifierType.STREET_ADDRESS)


def _without_names_inside_places(findings: list[Finding]) -> list[Finding]:
    """A "name" inside a place's name ("Mary" in "St Mary's C of E Academy", "Dr Shah" in "Dr Shah's
    practice") is the place: one finding, whose redaction covers both. A known real name stays."""
    places = [finding for finding in findings if finding.type in PLACES]
    return [
        finding
        for finding in findings
        if finding.type is not IdentifierType.PERSON_NAME
        or finding.recogniser == "KnownNames"
        or not any(place.start <= finding.start and finding.end <= place.end for place in places)
    ]


def _without_overlaps(findings: list[Finding]) -> list[Finding]:
    """One finding per span and type: where findings of the same type overlap, the longer (then the more
    confident) one stands for both. Overlaps of different types stay: "LS6 2AB" is a postcode inside a
    street address, and a reader should see both reasons."""
    kept: list[Finding] = []
    for finding in sorted(findings, key=lambda f: (-(f.end - f.start), -f.confidence, f.start)):
        clash = any(
            other.type is finding.type and other.start < finding.end and finding.start < other.end
            for other in kept
        )
        if not clash:
            kept.append(finding)
    return sorted(kept, key=lambda f: (f.start, f.end, f.type.value))


def _number_paragraphs(text: str, findings: list[Finding]) -> None:
    """Paragraph numbers count from 1 over the whole text, as a reader scrolls a document."""
    starts = [0] + [match.end() for match in BLANK_LINE.finditer(text)]
    for finding in findings:
        finding.paragraph = bisect.bisect_right(starts, finding.start)
