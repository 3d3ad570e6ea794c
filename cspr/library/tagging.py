"""Theme suggestions for a review's text, each with the sentences that justify it, for a person to confirm.

Plain Python (no Django) so the importer, `cspr library tag` and the bench share one tagger. The rules are
meant to be read by a practitioner, not trained:

- Each theme has **strong cues** (phrases that on their own say what the theme is about: "county lines",
  "co-slept", "disguised compliance") and **weak cues** (words that point towards it but are common in
  other contexts: "knife", "sofa", "school"). Cues are regular expressions written from the theme
  descriptions in the taxonomy and the words practitioners use in reviews; an administrator's cues for a
  theme (`Theme.cues`, one plain phrase a line, `*` for any word ending) count as strong.
- A theme is suggested with 2 points (4 in a long report, where one passing mention says little about what
  the review is about): each sentence holding a strong cue is worth 2, each *different* weak cue found is
  worth 1 (the same word five times is still one clue). So: one strong cue, or two different weak ones.
- Some themes are about someone in particular: for "parental mental health" and "parental substance
  misuse", weak cues ("low mood", "cannabis") only count in a sentence that mentions a parent or carer,
  since in reviews about teenagers they are as often about the young person.
- **Negation**: for themes that name a harm or a condition ("domestic abuse", "neglect"), a cue in a
  clause that denies it ("there was no evidence of domestic abuse", "neglect was not a feature") does not
  count. Themes about practice ("information sharing", "voice of the child") are not negated: "the school
  did not share information" is exactly what they are about.
- The evidence is the best three sentences: strong ones first, then by place in the text.

Speed matters (the import bench tags every report): each rule's cues are compiled once into one
alternation and run over the whole text; sentences are found by offset.
"""

import bisect
import re
from dataclasses import dataclass
from functools import cache
from re import _constants, _parser  # the pattern parser, to find each cue's literal words

from .tagging_cues import BUILT_IN_CUES

EVIDENCE_LIMIT = 3
ANCHOR_MIN_CHARS = 3
EVIDENCE_MAX_CHARS = 400
SUPPORT_NEEDED = 2
LONG_REPORT_WORDS = 5000
SUPPORT_NEEDED_IN_LONG_REPORT = 4

# Between words in a cue: any spaces (cues are matched within one sentence).
_GAP = r"\s+"
_NEGATION_BEFORE = re.compile(
    r"\b(?:no|not|never|nor|without|neither|none|denied|denies|deny|ruled out|absence of|free from|"
    r"unlikely|rather than|instead of)\b[^,;:]*$",
    re.IGNORECASE,
)
_NEGATION_AFTER = re.compile(
    r"^[^,;:]{0,40}?\b(?:(?:was|were|is|are|had been|has been)(?:[^\S\n]+\w+)?[^\S\n]+"
    r"(?:not|never)[^\S\n]+(?:a[^\S\n]+feature|present|identified|a[^\S\n]+concern|known|suspected|"
    r"disclosed|reported|evident|found|raised)|(?:was|were)[^\S\n]+(?:good|fine|unaffected)|"
    r"did[^\S\n]+not[^\S\n]+(?:affect|feature|apply)|ruled[^\S\n]+out|was[^\S\n]+excluded)\b",
    re.IGNORECASE,
)
# A clause starts after these: the negation of one clause does not reach into the next.
_CLAUSE_BREAK = re.compile(r"[,;:]|\b(?:but|although|though|however|whereas|yet)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]’”]*[^\S\n]+(?=[^a-z])")
_HEADING_MAX_CHARS = 70


@dataclass(frozen=True)
class ThemeRule:
    """One theme's cues. `cues` are strong (one is enough), `weak` need support; `negatable` is False for
    themes about practice, where "did not share" or "was not seen" is the finding itself; `context`, when
    set, is a pattern a sentence must hold for its weak cues to count."""

    label: str
    cues: tuple[str, ...]
    weak: tuple[str, ...] = ()
    negatable: bool = True
    context: str = ""

    def compiled(self) -> tuple:
        """(strong pattern, weak pattern, context pattern), each None when empty; compiled once."""
        return _compile(self.cues, self.weak, self.context)


@dataclass(frozen=True)
class _Compiled:
    """A set of cues as one pattern, with the anchors that must appear in a sentence it can match."""

    pattern: re.Pattern
    anchors: frozenset[str] | None


@cache
def _compile(cues: tuple[str, ...], weak: tuple[str, ...], context: str):
    context_pattern = _alternation((context,)) if context else None
    return _cue_set(cues), _cue_set(weak), context_pattern


def _cue_set(patterns: tuple[str, ...]) -> _Compiled | None:
    return _Compiled(_alternation(patterns), _rule_anchors(patterns)) if patterns else None


def _alternation(patterns: tuple[str, ...]):
    if not patterns:
        return None
    # One capturing group per cue, so that `match.lastindex` says which cue matched.
    body = "|".join(f"({pattern.replace(' ', _GAP)})" for pattern in patterns)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w])", re.IGNORECASE)


def _literal_anchors(pattern: str) -> frozenset[str] | None:
    """Lower-case strings of which every match of the pattern holds at least one (None if none are sure).
    They let the tagger skip, with a plain substring search, the sentences a rule cannot match."""
    try:
        parsed = _parser.parse(pattern.replace(" ", _GAP), re.IGNORECASE)
    except re.error:
        return None
    return _sequence_anchors(list(parsed))


def _sequence_anchors(items) -> frozenset[str] | None:
    """The best anchor set of a sequence: the longest literal run, or the best part's own anchors."""
    candidates = []
    run = ""
    for op, value in [*items, (None, None)]:
        if op is _constants.LITERAL:
            run += chr(value).lower()
            continue
        if len(run) >= ANCHOR_MIN_CHARS:
            candidates.append(frozenset([run]))
        run = ""
        if op is _constants.SUBPATTERN:
            candidates.append(_sequence_anchors(list(value[-1])))
        elif op is _constants.BRANCH:
            branches = [_sequence_anchors(list(branch)) for branch in value[1]]
            if all(branches):
                candidates.append(frozenset().union(*branches))
        elif op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT) and value[0] >= 1:
            candidates.append(_sequence_anchors(list(value[2])))
    candidates = [candidate for candidate in candidates if candidate]
    if not candidates:
        return None
    return max(candidates, key=lambda anchors: min(len(anchor) for anchor in anchors))


def _rule_anchors(patterns: tuple[str, ...]) -> frozenset[str] | None:
    anchors = [_literal_anchors(pattern) for pattern in patterns]
    if not anchors or not all(anchors):
        return None
    return frozenset().union(*anchors)


def phrase_cue(phrase: str) -> str:
    """An administrator's cue as a pattern: the words as written (any case), `*` standing for any ending."""
    words = [re.escape(word).replace(r"\*", r"\w*") for word in phrase.split()]
    return " ".join(words)


def _rule(label: str, spec: dict, extra: tuple[str, ...] = ()) -> ThemeRule:
    return ThemeRule(
        label,
        tuple(spec.get("strong", ())) + extra,
        tuple(spec.get("weak", ())),
        spec.get("negatable", True),
        spec.get("context", ""),
    )


def default_rules() -> list[ThemeRule]:
    """The built-in rules for the starting taxonomy (shared/themes.md)."""
    return [_rule(label, spec) for label, spec in BUILT_IN_CUES.items()]


def rules_for(themes) -> list[ThemeRule]:
    """Rules for the given themes (objects with `.label` and `.cue_list()`, e.g. active `Theme` rows): the
    built-in cues for labels cspr knows, plus each theme's own cues. A theme with no cues is skipped."""
    rules = []
    for theme in themes:
        spec = BUILT_IN_CUES.get(theme.label, {})
        extra = tuple(phrase_cue(cue) for cue in theme.cue_list())
        if extra or spec:
            rules.append(_rule(theme.label, spec, extra))
    return rules


def split_sentences(text: str) -> list[str]:
    """Sentences of the text; a short line with no full stop (a heading) is a sentence of its own."""
    sentences = []
    for block in re.split(r"\n[^\S\n]*\n|\f", text):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        pending: list[str] = []
        for line in lines:
            if len(line) <= _HEADING_MAX_CHARS and not line.endswith((".", ",", ";", ":", "-")):
                if pending:
                    sentences.extend(_SENTENCE_END.split(" ".join(pending)))
                    pending = []
                sentences.append(line)
            else:
                pending.append(line)
        if pending:
            sentences.extend(_SENTENCE_END.split(" ".join(pending)))
    return [sentence for sentence in sentences if sentence.strip()]


def _is_negated(sentence: str, start: int, end: int) -> bool:
    before = sentence[:start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    clause_start = breaks[-1].end() if breaks else 0
    if _NEGATION_BEFORE.search(before[clause_start:]):
        return True
    after = sentence[end:]
    clause_end = _CLAUSE_BREAK.search(after)
    return bool(_NEGATION_AFTER.search(after[: clause_end.start()] if clause_end else after))


class _Text:
    """The text split into sentences once, with a lower-case copy joined by newlines for anchor searches."""

    def __init__(self, text: str):
        self.sentences = split_sentences(text)
        lowered = [sentence.lower() for sentence in self.sentences]
        self.lowered = "\n".join(lowered)
        self.starts = []
        offset = 0
        for sentence in lowered:
            self.starts.append(offset)
            offset += len(sentence) + 1
        self.words = self.lowered.count(" ") + len(self.sentences)

    def _candidates(self, anchors: frozenset[str] | None):
        """Indexes of the sentences holding one of the anchors (all of them when there are none)."""
        if anchors is None:
            return range(len(self.sentences))
        found = set()
        for anchor in anchors:
            position = self.lowered.find(anchor)
            while position != -1:
                index = bisect.bisect_right(self.starts, position) - 1
                found.add(index)
                position = self.lowered.find(
                    anchor, self.starts[index + 1] if index + 1 < len(self.starts) else len(self.lowered)
                )
        return sorted(found)

    def matches(self, cues: _Compiled | None, negatable: bool, context=None) -> dict[int, set[int]]:
        """Sentence index -> the cues (by number) found there, leaving out negated ones and, with a
        `context` pattern, those in sentences without it."""
        found: dict[int, set[int]] = {}
        if cues is None:
            return found
        for index in self._candidates(cues.anchors):
            sentence = self.sentences[index]
            for match in cues.pattern.finditer(sentence):
                if negatable and _is_negated(sentence, match.start(), match.end()):
                    continue
                if context is not None and not context.search(sentence):
                    continue
                found.setdefault(index, set()).add(match.lastindex)
        return found


def _evidence_sentence(sentence: str) -> str:
    sentence = " ".join(sentence.split())
    if len(sentence) <= EVIDENCE_MAX_CHARS:
        return sentence
    return sentence[: EVIDENCE_MAX_CHARS - 1].rsplit(" ", 1)[0] + "…"


def suggest_themes(text: str, rules: list[ThemeRule]) -> dict[str, list[str]]:
    """Label -> up to three evidence sentences (best first) for each theme with enough support."""
    prepared = _Text(text)
    needed = SUPPORT_NEEDED_IN_LONG_REPORT if prepared.words > LONG_REPORT_WORDS else SUPPORT_NEEDED
    suggestions = {}
    for rule in rules:
        strong_pattern, weak_pattern, context = rule.compiled()
        strong = prepared.matches(strong_pattern, rule.negatable)
        weak = prepared.matches(weak_pattern, rule.negatable, context)
        different_weak_cues = set().union(*weak.values()) if weak else set()
        if 2 * len(strong) + len(different_weak_cues) < needed:
            continue
        ranked = sorted(
            set(strong) | set(weak),
            key=lambda index: (index not in strong, -len(weak.get(index, ())), index),
        )
        suggestions[rule.label] = [
            _evidence_sentence(prepared.sentences[index]) for index in ranked[:EVIDENCE_LIMIT]
        ]
    return suggestions
