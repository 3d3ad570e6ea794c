"""Briefings the tests build on: both formats with every section written, in the voice of a published
7-minute briefing, naming the child only by the review's published name (Child K)."""

from cspr.briefings.formats import FORMATS, SEVEN_MINUTE, SIX_STEP
from cspr.briefings.models import LearningBriefing

TEXTS = {
    SEVEN_MINUTE: {
        "background": (
            "The partnership commissioned a local child safeguarding practice review after Child K, "
            "aged six months, was admitted to hospital with unexplained fractures."
        ),
        "the_case": (
            "Child K lived with his mother and her partner. Agencies knew the family well.\n\n"
            "The partner was rarely seen by professionals and was not assessed."
        ),
        "what_we_found": "Men in the household were often unseen, and information was not shared in time.",
        "why_it_matters": "Babies cannot speak for themselves: their safety depends on who cares for them.",
        "what_to_do": "Ask who lives in the home and who looks after the baby, at every contact.",
        "questions_for_reflection": (
            "How do you find out who lives in the household?\n"
            "- When did you last speak to a father or partner on your own?\n"
            "What would help you challenge a decision you disagree with?"
        ),
        "further_information": "Read the full report and the partnership's escalation procedure.",
    },
    SIX_STEP: {
        "why_the_review": "Child K suffered serious harm and the criteria for a review were met.",
        "what_happened": "Child K was seen by several agencies in the months before his injuries.",
        "what_we_learned": "Practitioners did not know who the adults in the household were.",
        "what_it_means": "Assessments must include every adult who cares for the child.",
        "what_you_should_do": "Ask who lives in the home.\nRecord the partner's details.\nShare concerns.",
        "find_out_more": "The full report is on the partnership's website.",
    },
}


def make_briefing(review, briefing_format=SEVEN_MINUTE, **fields) -> LearningBriefing:
    fields.setdefault("title", f"Learning from the review of {review.title}")
    fields.setdefault("sections", dict(TEXTS[briefing_format]))
    return LearningBriefing.objects.create(
        partnership=review.partnership, practice_review=review, format=briefing_format, **fields
    )


def every_section_code() -> dict[str, list[str]]:
    return {code: briefing_format.codes() for code, briefing_format in FORMATS.items()}
