"""What a review declares it may publish, and what it knows must never be published.

A review names its people by pseudonym ("Child K", "Baby Eva", "Mother") and lists names it may print (the
reviewer's own, agencies'): those are never findings, nor are the role labels every report uses ("the
Health Visitor", "Sibling 1"). The real names and dates of birth it knows are the opposite: they are
always findings, whatever the model thinks, and a known name is never excused by a declared one. A
pseudonym's real name also tells the redaction what to write instead of it.
"""

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass

from presidio_analyzer import PatternRecognizer

from .findings import Finding, IdentifierType
from .recognisers.name_words import TITLES
from .recognisers.names import is_plausible_person, words

REDACTED = "[redacted]"
# Labels that stand in for a person: "Child K", "Sibling 1", "Adult A", "Young Person B2", "Mother A".
LABEL = re.compile(
    r"\b(?:child|baby|infant|sibling|half-sibling|adult|young\s+person|person|subject|parent|mother|"
    r"father|carer|man|woman|male|female|boy|girl|twin|family)\s+(?-i:[A-Z]{1,2}\d?|\d{1,2})\b(?!['’](?!s\b)\w)",
    re.IGNORECASE,
)
# The label word of a named pseudonym ("Baby Eva", "Child Lola"): the name after it is the pseudonym too.
LABEL_WORD = re.compile(r"(?:child|baby|infant|sibling|adult|young\s+person)\s+(?=[A-Z][a-z])", re.IGNORECASE)
_RELATIVE = (
    r"(?:maternal\s+|paternal\s+|great[-\s])?(?:step-?|half-?|ex-?)?"
    r"(?:mother|father|mum|dad|parent|grandmother|grandfather|grandparent|grandma|grandad|nan|"
    r"brother|sister|sibling|aunt|auntie|uncle|cousin|partner|boyfriend|girlfriend|husband|wife|"
    r"son|daughter|baby|child|children|carer|siblings|parents|grandparents)"
)
# Family-role words and professional role titles, as a report writes them ("Maternal grandmother",
# "Mother's partner", "the Health Visitor", "Family Support Worker", "the GP").
ROLE = re.compile(
    rf"\b{_RELATIVE}(?:['’]s\s+{_RELATIVE})?\b|"
    r"\b(?:(?:senior|lead|named|designated|specialist|duty|student|community|school|practice|"
    r"family\s+support|early\s+help|youth|police|health|social|support|key|link)\s+)?"
    r"(?:health\s+visitor|social\s+worker|worker|midwife|nurse|doctor|paediatrician|consultant|officer|"
    r"visitor|manager|practitioner|teacher|headteacher|reviewer|detective\s+sergeant|detective\s+constable|"
    r"police\s+officer|sergeant|constable|inspector|gp|team\s+manager|independent\s+reviewer|chair|"
    r"scrutineer)s?\b|"
    r"\b(?:signs\s+of\s+safety|working\s+together(?:\s+to\s+safeguard\s+children)?|rapid\s+review|"
    r"child\s+protection|early\s+help|(?:clare|sarah)['’]s\s+law)\b",
    re.IGNORECASE,
)
POSSESSIVE_END = re.compile(r"['’]s?$")
WHOLE_WORD = r"(?<![\w'’]){}(?!\w)"


@dataclass(frozen=True)
class Pseudonym:
    pseudonym: str
    real_name: str = ""


@dataclass(frozen=True)
class Declared:
    pseudonyms: tuple[Pseudonym, ...] = ()
    allowed: tuple[str, ...] = ()
    known_names: tuple[str, ...] = ()
    known_dates_of_birth: tuple[dt.date, ...] = ()

    def all_names(self) -> tuple[str, ...]:
        """Every name the review may publish: its pseudonyms, then its allowed names."""
        return tuple(p.pseudonym for p in self.pseudonyms if p.pseudonym.strip()) + tuple(
            name for name in self.allowed if name.strip()
        )

    def recognisers(self) -> list:
        """Presidio ad-hoc recognisers for what the review knows: its real names (whole, and each part of
        three letters or more, so "Kayden" is found as well as "Kayden Smith") and dates of birth."""
        found = []
        names = self._known_name_forms()
        if names:
            found.append(
                PatternRecognizer(
                    supported_entity=IdentifierType.PERSON_NAME.value,
                    name="KnownNames",
                    deny_list=sorted(names, key=len, reverse=True),
                    deny_list_score=1.0,
                )
            )
        if self.known_dates_of_birth:
            from .recognisers.dates import date_of_birth_recogniser

            found.append(date_of_birth_recogniser(list(self.known_dates_of_birth)))
        return found

    def without_allowed(self, text: str, findings: list[Finding]) -> list[Finding]:
        """`findings` less those inside a declared or built-in safe phrase, and less person names that
        cannot be people. A person name partly inside a safe phrase ("Mother Sarah Jones") keeps its
        other part. A finding that is a known real name, or part of one, always stays."""
        safe = self._safe_spans(text)
        known = {form.casefold() for form in self._known_name_forms()}
        kept = []
        for finding in findings:
            if finding.type is IdentifierType.PERSON_NAME:
                finding = _without_possessive(finding)
            if finding.text.casefold() in known:
                kept.append(finding)
                continue
            if finding.type is not IdentifierType.PERSON_NAME:
                if not any(start <= finding.start and finding.end <= end for start, end in safe):
                    kept.append(finding)
                continue
            finding = _outside(finding, text, safe)
            if finding is not None and is_plausible_person(finding.text):
                kept.append(finding)
        return kept

    def replacement_for(self, text: str) -> str:
        """What the redaction writes instead of `text`: the pseudonym whose real name is this name or
        contains it ("Kayden", "Kayden Smith's", "Mrs Smith" for a real name "Kayden Smith"), else
        "[redacted]" - also when two pseudonyms share the name part (a family surname)."""
        wanted = _name_parts(text)
        if not wanted:
            return REDACTED
        matches = [
            p.pseudonym
            for p in self.pseudonyms
            if p.real_name and wanted <= _name_parts(p.real_name) and p.pseudonym.strip()
        ]
        exact = [p.pseudonym for p in self.pseudonyms if p.real_name and _name_parts(p.real_name) == wanted]
        if len(exact) == 1:
            return exact[0]
        return matches[0] if len(set(matches)) == 1 else REDACTED

    def _known_name_forms(self) -> set[str]:
        forms = set()
        for name in (*self.known_names, *(p.real_name for p in self.pseudonyms)):
            name = " ".join(name.split())
            if not name:
                continue
            forms.add(name)
            forms.update(token.text for token in words(name) if len(token.text) >= 3)
        return forms

    def _safe_spans(self, text: str) -> list[tuple[int, int]]:
        spans = [match.span() for match in LABEL.finditer(text)]
        spans += [match.span() for match in ROLE.finditer(text)]
        for phrase in self._safe_phrases():
            pattern = WHOLE_WORD.format(r"\s+".join(re.escape(part) for part in phrase.split()))
            spans += [match.span() for match in re.finditer(pattern, text, re.IGNORECASE)]
        return spans

    def _safe_phrases(self) -> set[str]:
        """The declared names, and the name in a labelled pseudonym ("Eva" of "Baby Eva"): reports call
        the child by it alone once introduced, and the surname of an allowed person's name ("Dr Hale" for
        the reviewer "Dr Rebecca Hale"). A part that is also a real name is not safe."""
        known = {form.casefold() for form in self._known_name_forms()}
        phrases = set(self.all_names())
        for name in self.allowed:
            parts = name.split()
            if len(parts) >= 2 and len(parts[-1]) >= 3 and parts[-1][:1].isupper():
                phrases.add(parts[-1])
        for pseudonym in self.pseudonyms:
            label = LABEL_WORD.match(pseudonym.pseudonym.strip())
            if label:
                phrases.add(pseudonym.pseudonym.strip()[label.end() :])
        return {phrase for phrase in phrases if phrase.strip() and phrase.casefold() not in known}


def _outside(finding: Finding, text: str, safe: list[tuple[int, int]]) -> Finding | None:
    """The person-name finding without its parts inside safe spans ("Mother Sarah Jones" -> "Sarah
    Jones"); None when no capitalised word is left."""
    overlapping = [(start, end) for start, end in safe if start < finding.end and finding.start < end]
    if not overlapping:
        return finding
    covered = [False] * (finding.end - finding.start)
    for start, end in overlapping:
        for position in range(max(start, finding.start), min(end, finding.end)):
            covered[position - finding.start] = True
    pieces, start = [], None
    for offset, is_covered in enumerate([*covered, True]):
        if not is_covered and start is None:
            start = offset
        elif is_covered and start is not None:
            pieces.append((finding.start + start, finding.start + offset))
            start = None
    best = None
    for start, end in pieces:
        piece_words = [w for w in words(text[start:end]) if len(w.text) > 1 and w.text[0].isupper()]
        if piece_words:
            first, last = piece_words[0], piece_words[-1]
            candidate = (start + first.start, start + last.end)
            if best is None or candidate[1] - candidate[0] > best[1] - best[0]:
                best = candidate
    if best is None:
        return None
    return dataclasses.replace(finding, start=best[0], end=best[1], text=text[best[0] : best[1]])


def _without_possessive(finding: Finding) -> Finding:
    """ "Kayden Smith's" -> "Kayden Smith": the redaction replaces the name and keeps the grammar."""
    match = POSSESSIVE_END.search(finding.text)
    if not match or match.start() == 0:
        return finding
    return dataclasses.replace(
        finding, text=finding.text[: match.start()], end=finding.end - len(match.group())
    )


def _name_parts(text: str) -> frozenset[str]:
    return frozenset(w.key for w in words(text) if w.key not in TITLES and len(w.text) > 1)
