"""Finding a review's recommendations in its text, so a partnership can add them to its action plan.

Reports print recommendations in many layouts: a "Recommendations" heading followed by "1.", "2.1",
"R3", "Recommendation 2:" or a number alone on its line (a table cell) with the text in the next
paragraph; a short title line ("Recommendation 4: Information sharing") before the wording; lines wrapped
by the PDF. Reports also recommend in running prose ("The partnership should ...", "Health visitors
should ensure ..."), in the summary or in the analysis. Both are collected, in the order they appear,
and one recommendation printed twice (in the summary and again in full) is kept once, in its longer form.

The rules are deliberately plain so that a business manager can see why a sentence was picked: a
recommendations section runs from a heading that names recommendations to the next heading of another
kind (a known section name, a Markdown heading, a line in capitals, or numbering of another section);
a prose recommendation is a sentence whose subject is the partnership (any verb), or an agency or
group of practitioners followed by a recommending verb ("should ensure", "should review"). Hindsight
("should have", "should be noted") is not a recommendation.
"""

import re
from dataclasses import dataclass

NUMBER_WORDS = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
]
_ITEM = re.compile(
    r"""^(?:
        (?:recommendation|rec\.?)\s+(?P<named>\d{1,2}(?:\.\d{1,2})*|"""
    + "|".join(NUMBER_WORDS)
    + r""")\b\.?\s*[:.)\-–—]?
      | R(?P<short>\d{1,2}(?:\.\d{1,2})*)\s*[:.)\-–—]?(?=\s|$)
      | \((?P<bracketed>\d{1,2})\)
      | (?P<dotted>\d{1,2}(?:\.\d{1,2})+)\.?(?=\s|$)
      | (?P<plain>\d{1,2})(?:[.)]|(?=\s+[A-Z])|$)
      | (?P<bullet>[-•*▪●◦–])(?=\s)
    )\s*(?P<rest>.*)$""",
    re.IGNORECASE | re.VERBOSE,
)
# Words that open a section other than the recommendations: a numbered "6. Conclusion" ends them.
_SECTION_WORDS = re.compile(
    r"^(?:conclusions?|appendix|appendices|glossary|references|bibliography|acknowledgements?|next steps|"
    r"summary|executive summary|background|introduction|methodology|method|findings|key findings|"
    r"learning|key learning|analysis|terms of reference|chronology|good practice|contents|"
    r"questions for reflection|reflective questions|what happens next|further reading|resources|"
    r"the family|family involvement|about this|useful links|sources)\b",
    re.IGNORECASE,
)
_HEADING_NUMBER = re.compile(r"^(?:(?:section|part|chapter)\s+)?\d{1,2}(?:\.\d{1,2})*[.:)]?\s+", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(]?[A-Z])")
_SHOULD = re.compile(r"^(?P<subject>[A-Z][^.;:!?]{1,90}?)\s+should\s+(?P<verb>[a-z]+)(?P<then>\s+\w+)?")
# Subjects that recommend whatever the verb: the partnership and its governance.
_PARTNERSHIP = re.compile(
    r"\b(?:partnership|partners|lscp|scp|executive|board|panel|safeguarding children)\b", re.IGNORECASE
)
# Verbs that make "<agency> should ..." a recommendation rather than a description of practice.
_RECOMMENDING_VERBS = {
    "ensure",
    "consider",
    "review",
    "develop",
    "seek",
    "strengthen",
    "establish",
    "promote",
    "raise",
    "audit",
    "update",
    "embed",
    "introduce",
    "provide",
    "commission",
    "agree",
    "work",
    "revise",
    "issue",
    "share",
    "assure",
    "routinely",
    "always",
}
_RECOMMENDS_THAT = re.compile(
    r"^(?:the (?:review|reviewer|author|panel)|this review|it is) (?:recommends?|recommended) that\b", re.I
)
_NOT_SUBJECTS = {"it", "this", "that", "there", "he", "she", "they", "we", "i", "you", "if", "what"}
_HINDSIGHT = re.compile(r"^\s+(?:have|not have|'ve|be noted|be commended|be acknowledged|be recognised)\b")
MIN_WORDS = 4


@dataclass(frozen=True)
class FoundRecommendation:
    number: str  # as printed ("3", "2.1"), "" for a bullet or a sentence in the prose
    text: str


def find_recommendations(text: str) -> list[FoundRecommendation]:
    """The recommendations of a report's text, numbered ones under a heading and prose ones elsewhere,
    in the order they appear and without repeats."""
    found: list[tuple[int, FoundRecommendation]] = []
    leftover: list[tuple[int, str]] = []
    for start, item in _SectionReader(_paragraphs(text)).items_found(leftover):
        found.append((start, item))
    for position, paragraph in leftover:
        for sentence in _SENTENCE_END.split(paragraph):
            if _is_prose_recommendation(sentence):
                found.append((position, FoundRecommendation("", _tidy(sentence))))
    found.sort(key=lambda pair: pair[0])
    return _without_repeats([item for _, item in found])


def _paragraphs(text: str) -> list[list[str]]:
    """Blank-line separated paragraphs, each a list of its non-empty lines."""
    paragraphs: list[list[str]] = [[]]
    for line in text.replace("\f", "\n\n").splitlines():
        line = line.strip()
        if line:
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    return [lines for lines in paragraphs if lines]


def _heading_text(line: str) -> str:
    """The words of a heading-like line without Markdown marks or section numbering."""
    return _HEADING_NUMBER.sub("", line.lstrip("#").strip()).strip()


def _is_short(line: str, words: int = 8) -> bool:
    return len(line.split()) <= words and not line.rstrip().endswith((".", ";", ","))


def _is_title(line: str) -> bool:
    """ "Information sharing" after "Recommendation 4:": a title, the wording follows."""
    return _is_short(line, 7) and not re.search(r"(?i)\b(?:should|must|will|to|that)\b", line)


def _is_recommendations_heading(line: str) -> bool:
    item = _ITEM.match(line.lstrip("#").strip())
    if item and item.group("named"):
        return False
    words = _heading_text(line)
    return bool(re.search(r"(?i)\brecommendations?\b", words)) and _is_short(words)


def _is_other_heading(line: str) -> bool:
    """A heading that ends a recommendations section."""
    stripped = line.strip()
    words = _heading_text(stripped)
    if not words or not _is_short(words):
        return False
    if stripped.startswith("#"):
        return True
    letters = [char for char in words if char.isalpha()]
    if len(letters) > 3 and all(char.isupper() for char in letters):
        return True
    return bool(_SECTION_WORDS.match(words))


class _SectionReader:
    """Walks the text line by line, collecting the items of every recommendations section; the lines
    that are not part of an item are handed back, by paragraph, for the prose search."""

    def __init__(self, paragraphs: list[list[str]]):
        self.paragraphs = paragraphs
        self.in_section = False
        self.items: list[tuple[int, str, list[str]]] = []  # (paragraph index, number, parts)
        self.open = False  # the last item may still take continuation lines
        self.awaiting_body = False  # the last item has only a number or a title so far
        self.previous_number = ""

    def items_found(self, leftover: list[tuple[int, str]]):
        for index, lines in enumerate(self.paragraphs):
            unused = [line for number, line in enumerate(lines) if not self._read(index, line, number == 0)]
            if unused:
                leftover.append((index, " ".join(unused)))
        for index, number, parts in self.items:
            text = _tidy(" ".join(parts))
            if len(text.split()) >= MIN_WORDS:
                yield index, FoundRecommendation(number, text)

    def _read(self, index: int, line: str, new_paragraph: bool) -> bool:
        """Take in one line; True when it belonged to the recommendations."""
        if _is_recommendations_heading(line):
            self.in_section, self.open, self.awaiting_body, self.previous_number = True, False, False, ""
            return True
        if not self.in_section:
            return False
        if _is_other_heading(line) or self._is_section_number(line):
            self.in_section = self.open = self.awaiting_body = False
            return False
        match = _ITEM.match(line)
        if match and (match.group("rest") or not match.group("bullet")):
            parts = self.items[-1][2] if self.open else []
            if match.group("bullet") and any(part.endswith(":") for part in parts):
                parts.append(match.group("rest"))  # the parts of one recommendation: "ensure that:"
                return True
            self._start_item(index, match)
            return True
        if self.open and self.awaiting_body and (new_paragraph or line[:1].isupper()):
            # "Recommendation 3" or a title line, then the wording: keep the wording.
            self.items[-1] = (self.items[-1][0], self.items[-1][1], [line])
            self.awaiting_body = False
            return True
        if self.open and self._continues(line, new_paragraph):
            self.items[-1][2].append(line)
            self.awaiting_body = False
            return True
        self.open = False
        return False

    def _continues(self, line: str, new_paragraph: bool) -> bool:
        """A wrapped line, a lower-case continuation or an "(a)" part; not a label after a finished
        sentence (the agency column of a table)."""
        if line[:1].islower() or re.match(r"^\(?[a-z]\)", line):
            return True
        parts = self.items[-1][2]
        finished = bool(parts) and parts[-1].endswith(".")
        return not new_paragraph and not (finished and _is_short(line, 6))

    def _start_item(self, index: int, match: re.Match) -> None:
        names = ("named", "short", "bracketed", "dotted", "plain")
        number = next((match.group(name) for name in names if match.group(name)), "")
        if number.lower() in NUMBER_WORDS:
            number = str(NUMBER_WORDS.index(number.lower()) + 1)
        rest = match.group("rest").strip()
        self.items.append((index, number, [rest] if rest else []))
        self.open = True
        self.awaiting_body = not rest or _is_title(rest)
        self.previous_number = number or self.previous_number

    def _is_section_number(self, line: str) -> bool:
        """ "6.1 The review found ..." after items numbered 5.1, 5.2: another section's numbering."""
        match = _ITEM.match(line)
        if not match or not match.group("dotted") or "." not in self.previous_number:
            return False
        return match.group("dotted").split(".")[0] != self.previous_number.split(".")[0]


def _is_prose_recommendation(sentence: str) -> bool:
    sentence = sentence.strip()
    if _RECOMMENDS_THAT.match(sentence):
        return len(sentence.split()) >= MIN_WORDS + 2
    match = _SHOULD.match(sentence)
    if not match or len(sentence.split()) < MIN_WORDS + 2:
        return False
    subject = match.group("subject")
    if subject.split()[0].lower() in _NOT_SUBJECTS or len(subject.split()) > 10:
        return False
    if _HINDSIGHT.match(sentence[match.end("subject") + len(" should") :]):
        return False
    return bool(_PARTNERSHIP.search(subject)) or match.group("verb") in _RECOMMENDING_VERBS


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text.strip(" -–—")


def _key(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _without_repeats(items: list[FoundRecommendation]) -> list[FoundRecommendation]:
    """One recommendation printed twice (a summary, then in full) is kept once, where it first appears,
    with the longer wording and the number if either printing had one."""
    kept: list[FoundRecommendation] = []
    for item in items:
        key = _key(item.text)
        for place, earlier in enumerate(kept):
            earlier_key = _key(earlier.text)
            if key in earlier_key or earlier_key in key:
                longer = item.text if len(key) > len(earlier_key) else earlier.text
                kept[place] = FoundRecommendation(earlier.number or item.number, longer)
                break
        else:
            kept.append(item)
    return kept
