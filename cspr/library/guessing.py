"""The importer's guesses about a report: its year, review type, the child's age band, the harm and its title,
each with the sentence (or file name) it came from so that the person checking the entry can see why.

Plain Python (no Django). A guess is only made when the text says something definite; anything else is
left for the person to fill in. The rules, in the order they are tried, are in each function's docstring.
"""

import datetime
import re
from dataclasses import dataclass
from pathlib import PurePath

from . import vocabulary
from .tagging import split_sentences

# Reviews are read from the start: the title page and summary say what kind of review it is and when.
FIRST_PAGE_CHARS = 3000
OPENING_CHARS = 6000
EARLIEST_YEAR = 1990
SOURCE_MAX_CHARS = 300

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_YEAR = r"(?<!\d)((?:19|20)\d\d)(?!\d)"
_PUBLISHED = re.compile(
    rf"\b(?:published|publication date|date of publication|date published|issued|final report)\b"
    rf"[^.\n]{{0,40}}?(?:(?:{_MONTHS})\.?\s+)?{_YEAR}",
    re.IGNORECASE,
)
_MONTH_YEAR = re.compile(rf"\b(?:{_MONTHS})\.?,?\s+{_YEAR}", re.IGNORECASE)
_ANY_YEAR = re.compile(_YEAR)

# Most specific first: a CSPR's opening usually mentions the rapid review that led to it, and every
# review mentions the national Panel, so those come last and need the words that name the report itself.
_REVIEW_TYPES = [
    (vocabulary.NATIONAL, re.compile(r"\bnational (?:child safeguarding practice )?review\b", re.IGNORECASE)),
    (vocabulary.THEMATIC, re.compile(r"\bthematic (?:review|learning review|analysis)\b", re.IGNORECASE)),
    (vocabulary.SCR, re.compile(r"\bserious case reviews?\b|\bSCR\b", re.IGNORECASE)),
    (
        vocabulary.CSPR,
        re.compile(r"\b(?:local )?child safeguarding practice reviews?\b|\bL?CSPRs?\b", re.IGNORECASE),
    ),
    (vocabulary.RAPID_REVIEW_LEARNING, re.compile(r"\brapid reviews?\b", re.IGNORECASE)),
    (
        vocabulary.OTHER_LEARNING_REVIEW,
        re.compile(r"\b(?:local |multi-agency |single agency )?learning reviews?\b", re.IGNORECASE),
    ),
]

_NUMBER_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
}
_NUMBER = r"(\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")"
_AGE_PATTERNS = [
    # Number then unit: "7-week-old", "aged 15", "15 years old", "aged 3 months"
    re.compile(rf"\b{_NUMBER}[- ](day|week|month|year)s?[- ]old\b", re.IGNORECASE),
    re.compile(rf"\b(?:aged|age)\s+{_NUMBER}(?:\s+(days?|weeks?|months?|years?))?\b", re.IGNORECASE),
    re.compile(rf"\bwas\s+{_NUMBER}\s+(days?|weeks?|months?|years?)\b", re.IGNORECASE),
    re.compile(rf"\bat\s+{_NUMBER}\s+(days?|weeks?|months?)\b", re.IGNORECASE),
]
# Tried after every sentence failed the patterns above: "Child T is eleven", "was nine when" (not "was one
# of" or "is 3 miles").
_BARE_AGE = re.compile(
    rf"\b(?:is|was)\s+{_NUMBER}\b(?!\s*(?:of|per|%|times|miles|hours|minutes|or|to)\b)", re.IGNORECASE
)
_SCHOOL_YEAR = re.compile(r"\bYear\s+(1[0-3]|[1-9])\b(?!\s*(?:19|20)\d\d)")
_AGE_WORDS = [
    (re.compile(r"\b(?:newborn|new-born|neonat\w+|non-mobile|unborn)\b", re.IGNORECASE), vocabulary.UNDER_1),
    (re.compile(r"\b(?:toddler|pre-school|preschool|nursery)\b", re.IGNORECASE), vocabulary.AGE_1_TO_4),
    (re.compile(r"\b(?:baby|infant)\b", re.IGNORECASE), vocabulary.UNDER_1),
    (re.compile(r"\bprimary school\b", re.IGNORECASE), vocabulary.AGE_5_TO_10),
    (re.compile(r"\b(?:sixth form|college student|care leaver)\b", re.IGNORECASE), vocabulary.AGE_16_TO_17),
    (re.compile(r"\b(?:secondary school|teenager|teenage)\b", re.IGNORECASE), vocabulary.AGE_11_TO_15),
]

# Sentences quoting the statutory criteria ("a child has died or been seriously harmed") say nothing about
# this child.
_CRITERIA = re.compile(
    r"\b(?:died or (?:has been |been |was )?(?:seriously|serious)|death or serious|dies or is seriously)",
    re.IGNORECASE,
)
_DEATH = re.compile(
    r"\b(?:died|dies|death of|his death|her death|their death|child's death|baby's death|"
    r"was killed|were killed|fatal(?:ly)?|passed away|took (?:his|her|their) own life|murder(?:ed)?|"
    r"manslaughter|was found dead|post-mortem|inquest)\b",
    re.IGNORECASE,
)
_NOT_DEATH = re.compile(r"\b(?:did not die|survived|near-fatal|near fatal|could have died)\b", re.IGNORECASE)
_SERIOUS_HARM = re.compile(
    r"\b(?:serious(?:ly)? (?:harm(?:ed)?|injur(?:ed|y|ies)|ill)|significant (?:harm|injur(?:y|ies))|"
    r"life-changing|life-threatening|brain injur(?:y|ies)|fractures?|intensive care|"
    r"(?:was|were) (?:admitted|taken) to hospital|survived|near-fatal|overdose|"
    r"sexually (?:abused|exploited|assaulted)|self-harm(?:ed)?|long-term impairment|injured|surgery|"
    r"malnutrition|malnourished|admitted to hospital|(?:was|were) hospitalised|cut|bleed(?:ing)?)\b",
    re.IGNORECASE,
)

_TITLE_SKIP = re.compile(
    r"^(?:SYNTHETIC TEST REPORT|contents|table of contents|page \d+|\d+$|official|confidential|"
    r"final(?: version)?$|draft$|executive summary$|learning briefing$)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Guess:
    """A guessed value and where it came from: the sentence, or "the file name ..."."""

    value: object
    source: str


def _source(sentence: str) -> str:
    sentence = " ".join(sentence.split())
    if len(sentence) <= SOURCE_MAX_CHARS:
        return sentence
    return sentence[: SOURCE_MAX_CHARS - 1].rsplit(" ", 1)[0] + "…"


def _from_file_name(filename: str) -> str:
    return f"the file name {PurePath(filename).name}"


def _plausible(year: int) -> bool:
    return EARLIEST_YEAR <= year <= datetime.datetime.now(tz=datetime.UTC).year + 1


def guess_year(text: str, filename: str = "") -> Guess | None:
    """The year it was published: a "published (March) 2021" sentence near the start, else a year in the
    file name, else the latest plausible "Month YYYY" date on the first page, else its latest plausible
    year."""
    opening = text[:OPENING_CHARS]
    for sentence in split_sentences(opening):
        match = _PUBLISHED.search(sentence)
        if match and _plausible(int(match.group(1))):
            return Guess(int(match.group(1)), _source(sentence))
    name_years = [int(year) for year in _ANY_YEAR.findall(PurePath(filename).stem) if _plausible(int(year))]
    if name_years:
        return Guess(max(name_years), _from_file_name(filename))
    first_page = split_sentences(text[:FIRST_PAGE_CHARS])
    for pattern in (_MONTH_YEAR, _ANY_YEAR):
        found = [
            (int(year), sentence)
            for sentence in first_page
            for year in pattern.findall(sentence)
            if _plausible(int(year))
        ]
        if found:
            year, sentence = max(found, key=lambda item: item[0])
            return Guess(year, _source(sentence))
    return None


def guess_review_type(text: str, filename: str = "") -> Guess | None:
    """The kind of review: named in the title or file name, else the kind named most specifically in the
    opening (national, thematic, serious case review, CSPR, rapid review, other learning review)."""
    lines = [line.strip() for line in text[:FIRST_PAGE_CHARS].splitlines() if line.strip()][:5]
    candidates = [(line, line) for line in lines] + [
        (PurePath(filename).stem.replace("_", " ").replace("-", " "), _from_file_name(filename))
    ]
    for code, pattern in _REVIEW_TYPES:
        for words, source in candidates:
            if pattern.search(words):
                return Guess(code, _source(source))
    sentences = split_sentences(text[:OPENING_CHARS])
    for code, pattern in _REVIEW_TYPES:
        for sentence in sentences:
            if pattern.search(sentence):
                return Guess(code, _source(sentence))
    return None


def _age_band(number: int, unit: str) -> str | None:
    unit = unit.lower().rstrip("s")
    if unit in ("day", "week"):
        return vocabulary.UNDER_1 if number < 104 else None
    if unit == "month":
        return vocabulary.age_band_for(number // 12)
    return vocabulary.age_band_for(number)


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word.lower()]


def guess_age_band(text: str) -> Guess | None:
    """The child's age band from the first age the text states: "7-week-old", "aged 15", "was 3 months",
    a school year ("Year 9" is 13 to 14), else "is eleven", else words such as "newborn", "toddler",
    "teenager"."""
    sentences = split_sentences(text[:OPENING_CHARS])
    for sentence in sentences:
        found = []
        for pattern in _AGE_PATTERNS:
            for match in pattern.finditer(sentence):
                band = _age_band(_number(match.group(1)), match.group(2) or "year")
                if band:
                    found.append((match.start(), band))
        # A school year spans two ages ("Year 11" is 15 to 16): a stated age in the same sentence wins.
        if not found and _SCHOOL_YEAR.search(sentence):
            for match in _BARE_AGE.finditer(sentence):
                band = vocabulary.age_band_for(_number(match.group(1)))
                if band:
                    found.append((match.start(), band))
        if not found:
            for match in _SCHOOL_YEAR.finditer(sentence):
                band = vocabulary.age_band_for(int(match.group(1)) + 4)
                if band:
                    found.append((match.start(), band))
        if found:
            return Guess(min(found)[1], _source(sentence))
    for sentence in sentences:
        for match in _BARE_AGE.finditer(sentence):
            band = vocabulary.age_band_for(_number(match.group(1)))
            if band:
                return Guess(band, _source(sentence))
    for pattern, band in _AGE_WORDS:
        for sentence in sentences:
            if pattern.search(sentence):
                return Guess(band, _source(sentence))
    return None


def guess_harm(text: str) -> Guess | None:
    """Death when the text says the child died (not quoting the statutory criteria, not "did not die"),
    else serious harm when it speaks of serious injury or harm."""
    sentences = [sentence for sentence in split_sentences(text) if not _CRITERIA.search(sentence)]
    for sentence in sentences:
        if _DEATH.search(sentence) and not _NOT_DEATH.search(sentence):
            return Guess(vocabulary.DEATH, _source(sentence))
    for sentence in sentences:
        if _SERIOUS_HARM.search(sentence):
            return Guess(vocabulary.SERIOUS_HARM, _source(sentence))
    return None


def guess_title(text: str, filename: str = "") -> Guess | None:
    """The first heading-like line of the text (short, no full stop, not "Contents" or a page number),
    else the file name made readable."""
    for line in text[:FIRST_PAGE_CHARS].splitlines()[:30]:
        line = " ".join(line.replace("#", " ").split())
        if 5 <= len(line) <= 150 and not line.endswith((".", ",", ";")) and not _TITLE_SKIP.match(line):
            return Guess(line, _source(line))
    if filename:
        stem = PurePath(filename).stem
        readable = " ".join(re.sub(r"[_\-]+", " ", stem).split())
        if readable:
            return Guess(readable[:1].upper() + readable[1:], _from_file_name(filename))
    return None


def guess_all(text: str, filename: str = "") -> dict[str, Guess]:
    """Every guess that could be made, by field name (year, review_type, age_band, harm, title)."""
    guesses = {
        "year": guess_year(text, filename),
        "review_type": guess_review_type(text, filename),
        "age_band": guess_age_band(text),
        "harm": guess_harm(text),
        "title": guess_title(text, filename),
    }
    return {name: guess for name, guess in guesses.items() if guess is not None}
