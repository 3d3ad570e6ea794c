"""Person names: rules and name lists, on top of (or, without the language model, instead of) spaCy.

The model finds most full names but misses single first names ("Chloe attended"), names after ranks
("DC Lockwood"), lower-case names and names in lists, and it calls postcodes and agencies people. Reports
give names away by their company: a title, a family word ("her partner Darren"), an age ("Kayden (aged
3)"), a possessive before a family word ("Kayden's grandmother"), or a name from the compiled lists of
UK forenames and surnames (`data/`). One pass over the words of the text applies the rules, so a long
report costs little. `is_plausible_person` is the other half: `declared.Declared.without_allowed` uses it
to drop spans (usually the model's) that are clearly not people.
"""

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from presidio_analyzer import EntityRecognizer, RecognizerResult

from ..findings import IdentifierType
from .name_words import (
    COMMON_WORDS,
    EVERYDAY_NAMES,
    FAMILY,
    NAMING,
    NOT_BEFORE_ALONE,
    NOT_NAMES,
    PROFESSIONAL,
    TITLES,
)
from .results import result

ENTITY = IdentifierType.PERSON_NAME.value
DATA = Path(__file__).resolve().parent.parent / "data"

# A word: letters, with inner hyphens or apostrophes (O'Brien, Smith-Jones), maybe a possessive ending.
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*['’]?")
POSSESSIVE = re.compile(r"(?<=\w)['’]s$|(?<=s)['’]$")
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)
# What may stand between a family word and the name it introduces.
ROLE_GAPS = {
    " ": "space",
    ", ": "comma",
    " (": "bracket",
    ": ": "comma",
    " - ": "comma",
    " – ": "comma",
    ' "': "quote",
    " “": "quote",
    " '": "quote",
    " ‘": "quote",
}
# Rules sure enough that the words they find are names wherever else they appear.
CONFIRMING = {"title", "family", "role", "age", "possessive", "full name", "capitals", "known as"}
# A pseudonym label's word before its letter ("Child N (Precious)").
LABEL_WORDS = {"child", "baby", "infant", "sibling", "adult", "person", "twin"}
# Words after a possessive name that show it is a person's ("Kayden's home", "Sarah's partner").
BELONGINGS = FAMILY | {
    "home",
    "house",
    "flat",
    "bedroom",
    "room",
    "cot",
    "care",
    "behaviour",
    "death",
    "injuries",
}
# A span ending in one of these is a place, unless a title or a listed forename says otherwise.
PLACE_ENDINGS = {"ward", "hall", "lane", "field", "park", "green", "court", "house", "hill", "close", "view"}
SAINT = {"st", "saint", "ste"}
NAME_PARTICLES = {"de", "da", "van", "von", "der", "den", "la", "le", "bin", "bint", "al", "el", "ibn", "o'"}


@functools.cache
def forenames() -> frozenset[str]:
    return _name_list("forenames.txt")


@functools.cache
def surnames() -> frozenset[str]:
    return _name_list("surnames.txt")


def _name_list(filename: str) -> frozenset[str]:
    lines = (DATA / filename).read_text(encoding="utf-8").splitlines()
    return frozenset(fold(line.strip()) for line in lines if line.strip() and not line.startswith("#"))


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without accents, so "Zoë", "KOVÁCS" and "Wiśniewski" meet the lists' "zoe", "kovacs"
    and "wisniewski": reports, and people, write the same name both ways."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(character for character in decomposed if not unicodedata.combining(character))


def recognisers() -> list:
    return [NameRules()]


@dataclass
class Word:
    text: str  # without a possessive ending
    start: int
    end: int
    gap: str  # the text between the previous word and this one
    possessive: bool
    wrapped: bool = False  # the line broke after a word in lower case: the sentence goes on

    @property
    def key(self) -> str:
        return fold(self.text)

    @property
    def capitalised(self) -> bool:
        return self.text[0].isupper() and (len(self.text) == 1 or not self.text.isupper())

    @property
    def shouted(self) -> bool:
        """Written in capitals ("IOANA", "O'BRIEN"), as some reports write names and all write headings."""
        text = self.text[2:] if self.text[:2] == "Mc" else self.text
        return len(text) > 1 and text.isupper()

    @property
    def sentence_start(self) -> bool:
        if "\n" in self.gap and ("\n\n" in self.gap or not self.wrapped):
            return True
        return self.gap == "" or any(mark in self.gap for mark in ".!?:;•*")

    @property
    def listed(self) -> bool:
        return self.key in forenames() or self.key in surnames()

    @property
    def ambiguous(self) -> bool:
        """A listed name that is also a word, month or place ("Grace", "May", "Ward")."""
        return self.key in COMMON_WORDS or self.key in NOT_NAMES

    @property
    def sure_forename(self) -> bool:
        return self.key in forenames() and not self.ambiguous

    @property
    def sure_surname(self) -> bool:
        return self.key in surnames() and not self.ambiguous

    @property
    def name_like(self) -> bool:
        """Capitalised and not a word reports capitalise for other reasons."""
        return (
            len(self.text) > 1
            and self.capitalised
            and self.key not in NOT_NAMES
            and self.key not in TITLES
            and self.key.rstrip(".") not in TITLES
        )


def words(text: str) -> list[Word]:
    found = []
    previous_end = 0
    for match in WORD.finditer(text):
        token = match.group()
        possessive = POSSESSIVE.search(token) is not None
        base = POSSESSIVE.sub("", token) if possessive else token.rstrip("'’")
        if not base:
            continue
        gap = text[previous_end : match.start()]
        wrapped = bool(found) and found[-1].text.islower() and gap.strip(" \n") == ""
        found.append(Word(base, match.start(), match.start() + len(base), gap, possessive, wrapped))
        previous_end = match.end()
    return found


class NameRules(EntityRecognizer):
    """Person names by the rules above; one result per span, the rule in the explanation."""

    RULES = {
        "title": (0.9, "A title or police rank before a capitalised name"),
        "family": (0.85, "A capitalised name right after a family word (mother, partner, grandmother)"),
        "role": (0.8, "A listed or full name right after a role (social worker, midwife)"),
        "age": (0.85, "A capitalised name followed by the person's age or role in brackets"),
        "full name": (0.85, "A listed forename or surname with another capitalised name"),
        "possessive": (0.8, "A capitalised name followed by 's and a family word or home"),
        "forename": (0.7, "A forename from the list of common UK forenames"),
        "surname": (0.6, "A surname from the list of common UK surnames"),
        "name list": (0.65, "A capitalised word listed alongside a name"),
        "capitals": (0.75, "Two to four words in capitals, with a listed forename or surname among them"),
        "known as": (0.8, "A capitalised word in brackets after a name or a pseudonym: the name used"),
        "alone": (0.6, "A listed forename that is also a word, capitalised in mid-sentence"),
        "same name": (0.75, "A word found as a name elsewhere in the same text"),
        "lower case": (0.45, "A common UK forename written in lower case"),
    }

    def __init__(self):
        super().__init__(supported_entities=[ENTITY], name="NameRules", supported_language="en")

    def load(self) -> None:
        forenames()
        surnames()

    def analyze(self, text, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        if ENTITY not in entities:
            return []
        tokens = words(text)
        spans = find_spans(tokens)
        results = []
        for (first, last), rule in spans.items():
            score, explanation = self.RULES[rule]
            label = f"{self.name} ({rule})"
            results.append(
                result(self, ENTITY, tokens[first].start, tokens[last].end, score, explanation, label=label)
            )
        return results


def find_spans(tokens: list[Word]) -> dict[tuple[int, int], str]:
    """(first word, last word) -> the rule that found it; a span inside a longer one is dropped."""
    spans: dict[tuple[int, int], str] = {}

    def add(first: int, last: int, rule: str) -> None:
        current = spans.get((first, last))
        if current is None or NameRules.RULES[rule][0] > NameRules.RULES[current][0]:
            spans[(first, last)] = rule

    for index in range(len(tokens)):
        _title_rule(tokens, index, add)
        _role_rules(tokens, index, add)
        _list_rules(tokens, index, add)
        _context_after_rules(tokens, index, add)
        _capitals_rule(tokens, index, add)
        _alone_rule(tokens, index, add)
    _known_as_rule(tokens, spans, add)
    _spread_along_lists(tokens, spans, add)
    _repeat_names(tokens, spans, add)
    return {
        span: rule
        for span, rule in spans.items()
        if not any(o != span and o[0] <= span[0] and span[1] <= o[1] for o in spans)
    }


def _joined(tokens: list[Word], index: int) -> bool:
    """Whether word `index` continues the name before it (one space, no possessive in between)."""
    return (
        0 < index < len(tokens) and tokens[index].gap in (" ", "\u00a0") and not tokens[index - 1].possessive
    )


def _extend(tokens: list[Word], first: int) -> int:
    """The last word of the name starting at `first`: following capitalised words that could be names."""
    last = first
    while last - first < 3 and _joined(tokens, last + 1):
        following = tokens[last + 1]
        if following.name_like or following.key in surnames():
            last += 1
        elif following.key in NAME_PARTICLES and _joined(tokens, last + 2) and tokens[last + 2].name_like:
            last += 2
        else:
            break
    return last


def _title_rule(tokens, index, add) -> None:
    token = tokens[index]
    if token.key not in TITLES or not token.text[0].isupper():
        return
    following = index + 1
    while (
        following < len(tokens) and tokens[following].key in TITLES and tokens[following].gap in (" ", ". ")
    ):
        following += 1
    if following >= len(tokens) or tokens[following].gap not in (" ", ". ", "\u00a0"):
        return
    name = tokens[following]
    if name.capitalised and len(name.text) > 1 and (name.name_like or name.listed):
        add(index, _extend(tokens, following), "title")


def _role_rules(tokens, index, add) -> None:
    """A name introduced by a family word, a role or "called"/"known as"."""
    token = tokens[index]
    if token.possessive or index + 1 >= len(tokens):
        return
    following = index + 1
    if token.key == "known":
        if tokens[following].key != "as" or following + 1 >= len(tokens):
            return
        following += 1
    elif token.key not in FAMILY | PROFESSIONAL | NAMING:
        return
    gap = ROLE_GAPS.get(tokens[following].gap)
    name = tokens[following]
    if gap is None or name.key in TITLES or len(name.text) < 2:
        return
    lower_case_name = not name.capitalised and name.sure_forename
    if not (name.name_like or name.listed or lower_case_name) or name.key in FAMILY:
        return
    last = _extend(tokens, following) if name.capitalised else following
    if not name.listed and _names_a_thing(tokens, last + 1):
        return
    full = last > following
    introduced = token.key in FAMILY or token.key in NAMING or token.key == "known"
    closed = last + 1 >= len(tokens) or tokens[last + 1].gap[:1] in {",", ".", ")", ";"}
    if introduced and (gap != "comma" or name.listed or full or closed):
        add(following, last, "family")
    elif name.sure_forename or name.sure_surname or (full and name.name_like):
        add(following, last, "role")


def _names_a_thing(tokens: list[Word], index: int) -> bool:
    """Whether word `index` continues a title-case phrase with a word that is never a name ("Child
    Arrangements Order", "Child Death Overview Panel"): the words before it name a thing, not a person."""
    return _joined(tokens, index) and tokens[index].capitalised and tokens[index].key in NOT_NAMES


def _capitals_rule(tokens, index, add) -> None:
    """ "IOANA OYELARAN", "RHIANNON DA SILVA": a run of two to four words in capitals with a listed name
    in it and no word that is never a name - which keeps out headings ("LEARNING POINTS") and
    acronyms ("NHS", "CAMHS", "MASH"), whose words are not on the lists."""
    if not tokens[index].shouted or (_joined(tokens, index) and tokens[index - 1].shouted):
        return
    last = index
    while _joined(tokens, last + 1) and (tokens[last + 1].shouted or tokens[last + 1].key in NAME_PARTICLES):
        last += 1
    run = tokens[index : last + 1]
    if not 2 <= len(run) <= 4 or any(t.key in NOT_NAMES and not t.listed for t in run):
        return
    first_is_forename = run[0].key in forenames() and run[0].key not in EVERYDAY_NAMES
    if first_is_forename or any(t.sure_forename or t.sure_surname for t in run):
        add(index, last, "capitals")


def _alone_rule(tokens, index, add) -> None:
    """ "found by Precious unresponsive", "and Harley stayed": a listed forename that is also a word or a
    place, capitalised in mid-sentence between words in lower case. Reports write ordinary words there
    in lower case; after "the", "in" or "to" it is more likely a place or a thing ("moved to Devon")."""
    token = tokens[index]
    if not (token.key in forenames() and token.ambiguous and token.name_like) or token.sentence_start:
        return
    before = tokens[index - 1]
    if token.gap != " ":  # after a comma or a number ("sent from 07700 900434, Mason told"): a clause starts
        if token.key in EVERYDAY_NAMES:
            return
    elif before.capitalised or before.shouted or before.key in NOT_BEFORE_ALONE or before.possessive:
        return
    if _joined(tokens, index + 1) and (tokens[index + 1].capitalised or tokens[index + 1].shouted):
        return
    add(index, index, "alone")


def _known_as_rule(tokens, spans, add) -> None:
    """ "Chidinma Nkemelu (Chidinma)", "Mrs Lewis (Zoë)", "Child N (Precious)": a capitalised word alone
    in brackets right after a name or a pseudonym label is the name the person goes by."""
    name_ends = {last for (_, last) in spans}
    for index in range(1, len(tokens)):
        token = tokens[index]
        if token.gap != " (" or not _closes(tokens, index + 1) or not (token.name_like or token.listed):
            continue
        before = tokens[index - 1]
        label = len(before.text) == 1 and before.text.isupper() and tokens[index - 2].key in LABEL_WORDS
        if (index - 1 in name_ends or (index > 1 and label)) and token.key not in NOT_NAMES:
            add(index, index, "known as")


def _list_rules(tokens, index, add) -> None:
    """Names from the compiled lists, alone or as the start of a full name."""
    token = tokens[index]
    if not token.capitalised:
        if token.sure_forename and len(token.text) > 3 and token.text.islower():
            add(index, index, "lower case")
        return
    if len(token.text) < 2 or _after_saint(tokens, index):
        return
    nxt = tokens[index + 1] if _joined(tokens, index + 1) else None
    if token.sure_forename:
        last = _extend(tokens, index)
        add(index, last, "full name" if last > index else "forename")
    elif nxt and _starts_full_name(token, nxt):
        add(index, _extend(tokens, index), "full name")
    elif token.sure_surname:
        add(index, index, "surname")
    if token.possessive and token.listed and index + 1 < len(tokens) and tokens[index + 1].key in BELONGINGS:
        add(index, index, "possessive")


def _context_after_rules(tokens, index, add) -> None:
    """A capitalised word made a name by what follows: "Kayden's grandmother", "Kayden (aged 3)",
    "Sarah Jones (mother)"."""
    token = tokens[index]
    if not token.name_like or index + 1 >= len(tokens):
        return
    following = tokens[index + 1]
    first = index
    while _joined(tokens, first) and tokens[first - 1].name_like and index - first < 2:
        first -= 1
    if token.possessive and following.key in BELONGINGS and following.gap == " ":
        add(first, index, "possessive")
    elif _age_or_role_follows(tokens, index + 1):
        add(first, index, "age")


def _age_or_role_follows(tokens: list[Word], index: int) -> bool:
    """ ", aged 3", " (age 3)", " (born", " (mother)"."""
    following = tokens[index]
    if following.gap in (" (", ", ", " ") and following.key in ("aged", "age", "born"):
        return True
    return following.gap == " (" and following.key in FAMILY and _closes(tokens, index + 1)


def _after_saint(tokens: list[Word], index: int) -> bool:
    """ "St James's University Hospital", "St Mary's": a saint's name is a place, not a person."""
    return index > 0 and tokens[index - 1].key in SAINT and tokens[index].gap in (" ", ". ")


def _closes(tokens: list[Word], index: int) -> bool:
    return index >= len(tokens) or tokens[index].gap.startswith(")")


def _starts_full_name(token: Word, following: Word) -> bool:
    """An ambiguous forename before a sure name ("Grace Okafor"), or an unlisted capitalised word before
    a sure surname mid-sentence ("Kelechi Okafor"); a sentence's first word is too often not a name."""
    if token.key in forenames():
        return following.capitalised and (following.sure_surname or following.sure_forename)
    return token.name_like and not token.listed and following.sure_surname and not token.sentence_start


def _spread_along_lists(tokens, spans, add) -> None:
    """ "Tia, Mason and Leo": a listed name next to a name in a list is a name too, and so is an unlisted
    capitalised word when the list began with a name a context rule found ("cousins Sofia, Mila and
    Nikolai")."""
    todo = [(span, rule in CONFIRMING) for span, rule in sorted(spans.items())]
    seen = dict(todo)
    while todo:
        (first, last), strong = todo.pop()
        for neighbour in (_list_neighbour(tokens, last, 1), _list_neighbour(tokens, first, -1)):
            if neighbour is None or not (strong or tokens[neighbour].listed):
                continue
            span = (neighbour, _extend(tokens, neighbour)) if neighbour > last else (neighbour, neighbour)
            if span not in seen:
                add(*span, "name list")
            if span not in seen or (strong and not seen[span]):
                seen[span] = strong
                todo.append((span, strong))


def _list_neighbour(tokens: list[Word], index: int, step: int) -> int | None:
    """The word listed next to word `index` (", " or " and " / " or " between), if it could be a name."""
    near, far = index + step, index + 2 * step
    gap_owner = near if step > 0 else index
    if not 0 <= near < len(tokens):
        return None
    if tokens[gap_owner].gap in (", ", " & ", " / "):
        candidate = near
    elif tokens[near].key in ("and", "or") and 0 <= far < len(tokens):
        gaps = (tokens[near].gap, tokens[far].gap) if step > 0 else (tokens[index].gap, tokens[near].gap)
        candidate = far if gaps[0] in (" ", ", ") and gaps[1] == " " else None
    else:
        candidate = None
    word = tokens[candidate] if candidate is not None else None
    if word is None or not word.name_like or (word.ambiguous and word.key not in forenames()):
        return None
    return candidate


def _repeat_names(tokens, spans, add) -> None:
    """A word that a context rule showed to be a name ("her father, Bartek,") is a name wherever it is
    written with a capital in the same text ("Bartek worked nights", "Jade often collected her"), unless
    it is never a name, is written in lower case somewhere in the text, or is an everyday word starting a
    sentence ("Will the partnership ...")."""
    confirmed = set()
    for (first, last), rule in spans.items():
        if rule in CONFIRMING:
            confirmed.update(t.key for t in tokens[first : last + 1] if t.name_like or t.listed or t.shouted)
    confirmed -= {t.text for t in tokens if t.text.islower()} | NOT_NAMES | NAME_PARTICLES | TITLES
    for index, token in enumerate(tokens):
        if token.key not in confirmed or not token.capitalised or _after_saint(tokens, index):
            continue
        if not (token.key in EVERYDAY_NAMES and token.sentence_start):
            add(index, index, "same name")


def is_plausible_person(text: str) -> bool:
    """Whether a span called a person's name could be one: not a postcode, number, agency, place, month,
    role or report phrase ("Leeds LS6 2AB", "West Yorkshire Police", "Signs of Safety", "March")."""
    if any(character.isdigit() for character in text) or POSTCODE.search(text):
        return False
    tokens = words(text)
    if not tokens or tokens[0].key in SAINT:
        return False
    titled = tokens[0].key in TITLES
    body = tokens[1:] if titled else tokens
    if not body or all(len(t.text) < 2 or (t.key in NOT_NAMES and not (titled and t.listed)) for t in body):
        return False
    if any(t.key in NOT_NAMES and not t.listed for t in body):
        return False
    if any(not t.text[0].isupper() and t.key not in NAME_PARTICLES for t in body):
        return all(t.listed or t.key in NAME_PARTICLES for t in body)
    if (
        len(tokens) > 1
        and tokens[-1].key in PLACE_ENDINGS
        and not titled
        and tokens[0].key not in forenames()
    ):
        return False
    return not (len(tokens) == 1 and tokens[0].text.isupper())
