"""The real names a briefing must never contain: those of the children in the review's incidents.

A briefing is published, so it may name the child only by the name the review is published under
(Child K, Bella and Ben). The form refuses text that contains a real name; the publication part's
anonymisation check reads the saved briefings again before anything goes out. The names are only matched
here, never shown or logged.
"""

import re

MINIMUM_LETTERS = 3


def children_names(practice_review) -> list[str]:
    """The full names of the children of the review's incidents (whoever writes the briefing may not see
    them: a check, not a display)."""
    names = practice_review.linked_children().values_list("name", flat=True)
    return sorted({name for name in names if name.strip()})


def _patterns(names: list[str]) -> list[re.Pattern]:
    """The full name in any case; each part of 3 letters or more as a whole word written as in the name,
    capitalised or in capitals, so a child called May is caught as "May" but the verb "may" is not."""
    patterns = []
    for name in names:
        patterns.append(re.compile(rf"\b{re.escape(name.strip())}\b", re.IGNORECASE))
        for part in re.findall(r"[^\W\d_][\w'-]*", name):
            if len(part) >= MINIMUM_LETTERS:
                for variant in {part, part.capitalize(), part.upper()}:
                    patterns.append(re.compile(rf"\b{re.escape(variant)}\b"))
    return patterns


def contains_a_name(text: str, names: list[str]) -> bool:
    return any(pattern.search(text or "") for pattern in _patterns(names))
