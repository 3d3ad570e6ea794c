"""Replacing identifiers in plain text with Presidio's anonymizer.

The texts to replace are known exactly (the check found them and a person decided), so finding them is a
whole-word search; Presidio's AnonymizerEngine then does the replacing with a custom operator, as it does for
any other detected entity. The same search serves the Word redactor, which has to replace across runs.

Matching ignores case and spacing ("KAYDEN  SMITH" on a cover page is the same name), takes the longest text
first ("Kayden Smith" before "Kayden"), and never matches inside a word ("Kay" leaves "Kayleigh" alone), so
the same text always gets the same replacement.
"""

import re
from dataclasses import dataclass
from functools import cache, lru_cache

ENTITY = "REDACTED_TEXT"


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    replacement: str


def redact_text(text: str, replacements: dict[str, str]) -> str:
    """`text` with every whole-word occurrence of each key of `replacements` replaced by its value."""
    found = matches(text, replacements)
    if not found:
        return text
    from presidio_anonymizer.entities import OperatorConfig, RecognizerResult

    table = _table(replacements)
    results = [RecognizerResult(ENTITY, match.start, match.end, 1.0) for match in found]
    operators = {ENTITY: OperatorConfig("custom", {"lambda": lambda original: table[_key(original)]})}
    # No merging of neighbours: "Kay Kay" is two occurrences, each replaced.
    return _anonymizer().anonymize(text, results, operators, merge_entities_with_spaces=False).text


def matches(text: str, replacements: dict[str, str]) -> list[Match]:
    """Where the texts to replace occur in `text`, left to right, none overlapping."""
    pattern = _pattern(tuple(_table(replacements)))
    if pattern is None:
        return []
    table = _table(replacements)
    return [Match(found.start(), found.end(), table[_key(found.group())]) for found in pattern.finditer(text)]


def normalised(text: str) -> str:
    """The form texts are compared in: lower case, single spaces."""
    return _key(text)


def _key(text: str) -> str:
    return " ".join(text.split()).lower()


def _table(replacements: dict[str, str]) -> dict[str, str]:
    """Normalised text -> replacement. Two keys differing only in case or spacing are the same text: the
    first one's replacement is used for both, so a text never gets two different replacements."""
    table: dict[str, str] = {}
    for original, replacement in replacements.items():
        key = _key(original)
        if key:
            table.setdefault(key, replacement)
    return table


@lru_cache(maxsize=32)
def _pattern(texts: tuple[str, ...]) -> re.Pattern | None:
    """One alternation, longest text first, so at any position the longest text wins; any run of spacing
    (a line break, a double space) matches a space; (?<!\\w) and (?!\\w) rather than \\b because a text
    may start or end with punctuation ("@kayden_x", "Flat 3,")."""
    if not texts:
        return None
    ordered = sorted(texts, key=lambda text: (-len(text), text))
    alternatives = (r"\s+".join(re.escape(word) for word in text.split(" ")) for text in ordered)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


@cache
def _anonymizer():
    from presidio_anonymizer import AnonymizerEngine

    return AnonymizerEngine()
