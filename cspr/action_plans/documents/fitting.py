"""Keeping the progress report on one A4 page, whatever the size of the plan.

The executive reads one page, so a big plan is not allowed to spill onto a second: step by step the
recommendations' texts are shortened, closed recommendations (every action assured) fold into one line,
and then each open recommendation shows only its most urgent actions (they are sorted overdue first)
with a line counting the rest by status. A plan too big even for that loses its closed recommendations,
then its last ones, and the report names those it left out. Nothing is dropped silently.

The heights are estimates of the PDF's table (report.css) in millimetres, measured with DejaVu Sans, the
widest font a server may use in place of Arial, so the estimate errs towards fitting.
"""

import math
from collections import Counter

from django.utils.text import Truncator

from cspr.core.templatetags.govuk import govuk_date

from .. import rules

# Characters a line holds, measured on the PDF (report.css) with a little to spare for word breaks: a
# recommendation's row spans the table; each action column holds fewer.
CHARACTERS_PER_LINE = 105
AGENCY_CHARACTERS = 28
DUE_CHARACTERS = 18
STATUS_CHARACTERS = 20
TIMING_CHARACTERS = 31
# Before a recommendation's text: "Open" or "Closed 31 December 2027" as a boxed label, then "by <date>".
OPEN_LABEL_CHARACTERS = 10
CLOSED_LABEL_CHARACTERS = 30
BY_WHEN_CHARACTERS = 20
LINE_MM = 3.9
ROW_PADDING_MM = 2.3
# The table's rows below its heading row, with a one-line title and a two-line summary above them.
TABLE_BUDGET_MM = 178
TITLE_CHARACTERS, TITLE_LINE_MM = 50, 7.2
SUMMARY_CHARACTERS, SUMMARY_LINE_MM = 88, 4.5
LEFT_OUT_MM = 6
# (longest recommendation text, most actions shown per open recommendation, per closed one); None: all.
# The text limits are what fits on four, three, two and one line after the labels.
STEPS = (
    (370, None, None),
    (260, None, None),
    (260, None, 0),
    (160, None, 0),
    (160, 8, 0),
    (160, 6, 0),
    (160, 5, 0),
    (160, 4, 0),
    (160, 3, 0),
    (160, 2, 0),
    (55, 2, 0),
    (55, 1, 0),
    (55, 0, 0),
)


# How a count of actions reads in a sentence: "3 overdue, 2 awaiting assurance".
STATUS_WORDS = {
    rules.OVERDUE: "overdue",
    rules.AT_RISK: "at risk",
    rules.NOT_STARTED: "not started",
    rules.ON_TRACK: "on track",
    rules.COMPLETE: "awaiting assurance",
    rules.ASSURED: "assured as embedded",
}


def count_by_status(statuses: list[str]) -> str:
    """ "1 overdue, 2 on track": the statuses counted, most urgent first, none left out."""
    counted = Counter(statuses)
    return ", ".join(
        f"{counted[status]} {STATUS_WORDS[status]}" for status in rules.DISPLAY_STATUSES if counted[status]
    )


def _more(row: dict, hidden: list[dict], shown: int) -> str:
    """The line under a recommendation's actions: what it does not list, or that it has none yet."""
    if not row["actions"]:
        return "No actions agreed yet"
    if not hidden:
        return ""
    count = f"{len(hidden)} action{'s' if len(hidden) != 1 else ''}"
    if row["is_closed"]:
        retests = sorted(line["retest_on"] for line in hidden if line["retest_on"])
        retest = f"; first re-test {govuk_date(retests[0])}" if retests else ""
        return f"All {count} assured as embedded{retest}"
    counted = count_by_status([line["status"] for line in hidden])
    return f"And {len(hidden)} more: {counted}" if shown else f"{count}: {counted}"


def _fold(row: dict, text_limit: int, cap: int | None) -> dict:
    shown = row["actions"] if cap is None else row["actions"][:cap]
    hidden = row["actions"][len(shown) :]
    return {
        **row,
        "text": Truncator(row["text"]).chars(text_limit),
        "actions": shown,
        "more": _more(row, hidden, len(shown)),
    }


def _lines(text: str, characters: int) -> int:
    return max(1, math.ceil(len(text) / characters))


def _row_mm(lines: int) -> float:
    return ROW_PADDING_MM + lines * LINE_MM


def _action_lines(line: dict) -> int:
    """The tallest cell of an action's row: long agency names and "Complete: awaiting assurance" wrap."""
    return max(
        _lines(line["agency"], AGENCY_CHARACTERS),
        _lines("30 September 2027", DUE_CHARACTERS),
        _lines(line["status_label"], STATUS_CHARACTERS),
        _lines(line["timing"], TIMING_CHARACTERS),
    )


def _recommendation_lines(row: dict) -> int:
    label = CLOSED_LABEL_CHARACTERS if row["is_closed"] else OPEN_LABEL_CHARACTERS
    characters = len(row["label"]) + label + BY_WHEN_CHARACTERS + len(row["text"])
    return math.ceil(characters / CHARACTERS_PER_LINE)


def _height(rows: list[dict]) -> float:
    height = 0.0
    for row in rows:
        height += _row_mm(_recommendation_lines(row))
        height += sum(_row_mm(_action_lines(line)) for line in row["actions"])
        if row["more"]:
            height += _row_mm(_lines(row["more"], CHARACTERS_PER_LINE))
    return height


def _budget(title: str, summary: str) -> float:
    """The table's room: less when a long title or summary takes more lines above it."""
    title_lines = _lines(title, TITLE_CHARACTERS)
    summary_lines = _lines(summary, SUMMARY_CHARACTERS)
    return TABLE_BUDGET_MM - (title_lines - 1) * TITLE_LINE_MM - max(0, summary_lines - 2) * SUMMARY_LINE_MM


def fit(rows: list[dict], *, title: str, summary: str) -> dict:
    """The recommendations as the page shows them (`actions` cut down, `more` counting the rest) and
    `left_out`, a sentence naming any recommendation there was no room for."""
    budget = _budget(title, summary)
    for text_limit, open_cap, closed_cap in STEPS:
        folded = [_fold(row, text_limit, closed_cap if row["is_closed"] else open_cap) for row in rows]
        if _height(folded) <= budget:
            return {"recommendations": folded, "left_out": ""}
    # Too many recommendations even at one line each: keep the open ones, in order, while they fit.
    room = budget - LEFT_OUT_MM
    kept = []
    for row in folded:
        if not row["is_closed"] and _height([*kept, row]) <= room:
            kept.append(row)
    kept_numbers = {row["number"] for row in kept}
    left = [row["number"] for row in folded if row["number"] not in kept_numbers]
    numbers = ", ".join(str(number) for number in left)
    return {
        "recommendations": kept,
        "left_out": f"No room on this page for recommendation{'s' if len(left) != 1 else ''} {numbers}: "
        "see the action plan for the full list.",
    }
