"""The base of the structured recognisers (numbers, online details, addresses): a regular expression finds
a candidate, then a judge decides whether it really is one and how sure we are.

Presidio's `PatternRecognizer` can only score a match or validate it as a whole, and its context words
raise a score by a fixed amount anywhere in a five-word window. Our identifiers need more: a phone number
trimmed to its last valid digit, an NHS number refused when it is the tail of "+44 113 ...", a reference
kept only after "crime ref" or "case number". So each `Rule` has a judge that sees the whole text and the
match and answers with the exact span and score, or None.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from presidio_analyzer import EntityRecognizer, RecognizerResult

from .results import result


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    score: float


Judge = Callable[[str, re.Match], Hit | None]


@dataclass(frozen=True)
class Rule:
    """One way of writing an identifier. `why` is the sentence shown to a person who asks why this span was
    flagged; `judge` defaults to keeping the match (its group "id" when the pattern has one) at `score`."""

    name: str
    pattern: re.Pattern
    score: float
    why: str
    judge: Judge | None = None

    def hit(self, text: str, match: re.Match) -> Hit | None:
        if self.judge is not None:
            return self.judge(text, match)
        group = "id" if "id" in match.re.groupindex else 0
        return Hit(match.start(group), match.end(group), self.score)


class RuleRecogniser(EntityRecognizer):
    """A Presidio recogniser for one of our entity names (an `IdentifierType` value) made of `Rule`s."""

    def __init__(self, entity: str, name: str, rules: list[Rule]):
        self.rules = rules
        super().__init__(supported_entities=[entity], name=name, supported_language="en")

    def load(self) -> None:
        """Nothing to load: the patterns are compiled when the module is imported."""

    def analyze(self, text: str, entities: list[str] | None = None, nlp_artifacts=None) -> list:
        entity = self.supported_entities[0]
        if entities is not None and entity not in entities:
            return []
        results = []
        for rule in self.rules:
            results.extend(self._result(entity, rule, hit) for hit in self._hits(rule, text))
        return results

    @staticmethod
    def _hits(rule: Rule, text: str):
        """Every hit of `rule`. After a hit the search goes on from its end, which may be inside the match
        (a phone number followed by another); after a refused match, from the next character, so that a
        refused candidate cannot hide a good one inside it."""
        position = 0
        while (match := rule.pattern.search(text, position)) is not None:
            hit = rule.hit(text, match)
            if hit is not None and hit.start < hit.end:
                yield hit
                position = max(hit.end, match.start() + 1)
            else:
                position = match.start() + 1

    def _result(self, entity: str, rule: Rule, hit: Hit) -> RecognizerResult:
        return result(
            self,
            entity,
            hit.start,
            hit.end,
            hit.score,
            rule.why,
            rule=rule.name,
            pattern=rule.pattern.pattern,
        )


def preceded_by(text: str, start: int, pattern: re.Pattern, window: int = 60) -> bool:
    """Whether `pattern` occurs in the `window` characters before `start` (context such as "NHS number")."""
    return pattern.search(text, max(0, start - window), start) is not None
