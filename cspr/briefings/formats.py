"""The two briefing formats partnerships hand out, as fixed lists of sections (no Django).

The 7-minute briefing (Wiltshire, Shropshire and many others) has seven sections, each meant to take about
a minute to read aloud at a team meeting; the 6-step briefing (Southampton) walks from why the review
happened to what the reader should do. A briefing stores its text by section code
(`LearningBriefing.sections`), so the codes below are fixed: the demo, the forms and the documents all
read them from here.
"""

from dataclasses import dataclass

SEVEN_MINUTE = "seven_minute"
SIX_STEP = "six_step"


@dataclass(frozen=True)
class BriefingSection:
    code: str
    title: str
    hint: str
    # Shown as a list in the documents: one item a line (questions are asked one at a time).
    is_list: bool = False


@dataclass(frozen=True)
class Format:
    code: str
    name: str
    # What the reader is told the briefing is for, under its title.
    purpose: str
    sections: tuple[BriefingSection, ...]

    def numbered(self) -> list[tuple[int, BriefingSection]]:
        """The sections with the numbers printed beside them (1 to 7, or 1 to 6)."""
        return list(enumerate(self.sections, start=1))

    def codes(self) -> list[str]:
        return [section.code for section in self.sections]


FORMATS: dict[str, Format] = {
    SEVEN_MINUTE: Format(
        code=SEVEN_MINUTE,
        name="7-minute briefing",
        purpose=(
            "A short briefing on the learning from this review, to be read and discussed in about seven "
            "minutes in team meetings and supervision."
        ),
        sections=(
            BriefingSection(
                "background",
                "Background",
                "Why the review was carried out and what kind of review it was.",
            ),
            BriefingSection(
                "the_case",
                "The case",
                "A short, anonymised account of the child and family and what happened. Use the name "
                "the review is published under, never the child's real name.",
            ),
            BriefingSection(
                "what_we_found",
                "What we found",
                "The review's key findings about practice and systems.",
            ),
            BriefingSection(
                "why_it_matters",
                "Why it matters",
                "Why these findings matter for children and for practitioners.",
            ),
            BriefingSection(
                "what_to_do",
                "What to do",
                "What practitioners and managers should do differently from now on.",
            ),
            BriefingSection(
                "questions_for_reflection",
                "Questions for reflection",
                "Questions for teams to discuss. Put each question on its own line.",
                is_list=True,
            ),
            BriefingSection(
                "further_information",
                "Further information",
                "Where to find the full report, procedures, training and local contacts.",
            ),
        ),
    ),
    SIX_STEP: Format(
        code=SIX_STEP,
        name="6-step briefing",
        purpose="The key learning from this review for professionals, in six steps.",
        sections=(
            BriefingSection(
                "why_the_review",
                "Why the review",
                "Why the partnership decided to carry out the review.",
            ),
            BriefingSection(
                "what_happened",
                "What happened",
                "A short, anonymised account of the case. Never use the child's real name.",
            ),
            BriefingSection(
                "what_we_learned",
                "What we learned",
                "The review's key findings.",
            ),
            BriefingSection(
                "what_it_means",
                "What it means for practice",
                "What the findings mean for the way agencies work with children and families.",
            ),
            BriefingSection(
                "what_you_should_do",
                "What you should do",
                "The actions every practitioner should take. Put each action on its own line.",
                is_list=True,
            ),
            BriefingSection(
                "find_out_more",
                "Find out more",
                "The full report, procedures, training and who to contact.",
            ),
        ),
    ),
}


def get_format(code: str) -> Format:
    """The format for a stored or requested code; KeyError for an unknown one (views turn it into 404)."""
    return FORMATS[code]


def lines(text: str) -> list[str]:
    """A list section's items: one a line, blank lines and leading bullets or numbers dropped."""
    items = []
    for line in (text or "").splitlines():
        item = line.strip().lstrip("-•*").strip()
        if item:
            items.append(item)
    return items


def paragraphs(text: str) -> list[str]:
    """A prose section's paragraphs: separated by blank lines; single line breaks kept inside them."""
    blocks = [block.strip() for block in (text or "").replace("\r\n", "\n").split("\n\n")]
    return [block for block in blocks if block]


def filled_sections(briefing_format: Format, texts: dict) -> list[dict]:
    """Every section in order with its number, title and text as paragraphs or list items: what the HTML
    page and both documents print, so they cannot disagree."""
    result = []
    for number, section in briefing_format.numbered():
        text = (texts or {}).get(section.code, "")
        result.append(
            {
                "number": number,
                "code": section.code,
                "title": section.title,
                "is_list": section.is_list,
                "text": text,
                "items": lines(text) if section.is_list else [],
                "paragraphs": [] if section.is_list else paragraphs(text),
            }
        )
    return result
