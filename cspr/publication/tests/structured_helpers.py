"""Shared by the tests of the structured recognisers (numbers, online details, addresses): what our own
recognisers find on their own, and what the whole check finds."""

from cspr.publication.anonymisation.checker import check_text


def found_by_check(analyser, text: str, kind: str) -> list[str]:
    """The whole check (Presidio's recognisers and ours, threshold, overlaps): what a person would see."""
    return [
        finding.text for finding in check_text(text, engine=analyser).findings if finding.type.value == kind
    ]


def found_by(recognisers: list, text: str, kind: str) -> list[str]:
    """Our recognisers alone, without Presidio's: proves ours cover a form, not that Presidio happened to.
    Each span once, in reading order (two rules may find the same one)."""
    spans = {
        (result.start, result.end)
        for recogniser in recognisers
        for result in recogniser.analyze(text, [kind])
        if result.entity_type == kind
    }
    return [text[start:end] for start, end in sorted(spans)]
