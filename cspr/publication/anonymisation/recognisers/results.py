"""One Presidio result, made the same way by every recogniser of ours: the explanation says which rule
found it and why (what a business manager reads as "why"), the metadata names the recogniser."""

from presidio_analyzer import AnalysisExplanation, RecognizerResult


def result(
    recogniser, entity: str, start: int, end: int, score: float, why: str, **detail
) -> RecognizerResult:
    """`detail`: `rule` (the rule's name), `pattern` (its regular expression, for Presidio's decision
    process) and `label` (the recogniser name findings show, "NameRules (title)"; the recogniser's own by
    default)."""
    rule = detail.get("rule", "")
    explanation = AnalysisExplanation(
        recognizer=recogniser.name,
        original_score=score,
        pattern_name=rule or None,
        pattern=detail.get("pattern"),
        textual_explanation=why,
    )
    return RecognizerResult(
        entity_type=entity,
        start=start,
        end=end,
        score=score,
        analysis_explanation=explanation,
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: detail.get("label", recogniser.name),
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recogniser.id,
        },
    )
