"""The two checklists a final report is quality assured against, as plain data (no Django).

`MUST_DO` is what every child safeguarding practice review should do (Child Safeguarding Practice Review
Panel, 2019, as listed on the Shropshire partnership's page). `QUALITY_MARKERS` are the NSPCC/SCIE 18 quality
markers in their three groups; they are optional. Answers are stored by code
(`QualityAnswer.checklist` + `QualityAnswer.point`), so codes must never change once used: add new points
instead of renaming old ones.
"""

from dataclasses import dataclass

MUST_DO_CHECKLIST = "must_do"
QUALITY_MARKERS_CHECKLIST = "quality_markers"


@dataclass(frozen=True)
class Point:
    """One point of a checklist: a stable code, a short title and the question the checker answers."""

    code: str
    title: str
    question: str
    group: str = ""


@dataclass(frozen=True)
class Group:
    code: str
    title: str


MUST_DO: tuple[Point, ...] = (
    Point(
        "child_perspective",
        "The child's perspective and family context",
        "Does the report reflect the child's perspective and the family context?",
    ),
    Point(
        "proportionate",
        "Proportionate",
        "Is the review proportionate to the circumstances of the case?",
    ),
    Point(
        "learning_focus",
        "Focus on learning",
        "Does the report focus on potential learning rather than on holding anyone to account?",
    ),
    Point(
        "why_events_occurred",
        "Why events occurred as they did",
        "Does the report establish and explain the reasons why the events occurred as they did?",
    ),
    Point(
        "overview",
        "Overview of circumstances",
        "Does the report include a brief overview of the key circumstances, background and context of "
        "the case?",
    ),
    Point(
        "professional_decisions",
        "Why professionals decided as they did",
        "Does the report summarise why relevant decisions by professionals were taken?",
    ),
    Point(
        "working_together",
        "How agencies worked together",
        "Does the report critique how agencies worked together and identify any shortcomings?",
    ),
    Point(
        "practice_in_general",
        "Shortcomings in practice in general",
        "Does the report consider whether any shortcomings are features of practice in general?",
    ),
    Point(
        "prevent_harm",
        "What would prevent harm",
        "Does the report consider what would need to be done differently to prevent harm to a child in "
        "similar circumstances?",
    ),
    Point(
        "recommendations",
        "Recommendations for learning",
        "Does the report give recommendations for what needs to happen so that agencies learn from "
        "this case?",
    ),
)

MARKER_GROUPS: tuple[Group, ...] = (
    Group("set_up", "Setting up the review"),
    Group("running", "Running the review"),
    Group("outputs", "Outputs of the review"),
)

QUALITY_MARKERS: tuple[Point, ...] = (
    Point(
        "referral",
        "Referral",
        "Was the case referred promptly, with the information needed to decide on a review?",
        "set_up",
    ),
    Point(
        "decision_making",
        "Decision making",
        "Was the decision to review made on the criteria, promptly, and recorded with its reasons?",
        "set_up",
    ),
    Point(
        "advising_board",
        "Advising board members",
        "Were the safeguarding partners' leads advised of the review and kept informed?",
        "set_up",
    ),
    Point(
        "informing_family",
        "Informing the family",
        "Was the family told about the review when it was commissioned and invited to take part?",
        "set_up",
    ),
    Point(
        "clarity_of_purpose",
        "Clarity of purpose",
        "Did the terms of reference make the review's purpose, scope and method clear?",
        "set_up",
    ),
    Point(
        "commissioning",
        "Commissioning",
        "Was an independent reviewer with the right skills and no conflict of interest commissioned?",
        "running",
    ),
    Point(
        "governance",
        "Governance",
        "Was it clear who oversaw the review and how the partners monitored its time and quality?",
        "running",
    ),
    Point(
        "management",
        "Management",
        "Was the review project-managed so it kept to time and resources?",
        "running",
    ),
    Point(
        "parallel_processes",
        "Parallel processes",
        "Were criminal, coroner's and disciplinary processes identified and worked with?",
        "running",
    ),
    Point(
        "assembling_information",
        "Assembling information",
        "Was the right information gathered from every agency involved, including the chronology?",
        "running",
    ),
    Point(
        "practitioner_involvement",
        "Practitioner involvement",
        "Were the practitioners involved able to contribute, for example at a practitioner event?",
        "running",
    ),
    Point(
        "family_involvement",
        "Family involvement",
        "Did the family, and the child where appropriate, contribute and see the report before publication?",
        "running",
    ),
    Point(
        "analysis",
        "Analysis",
        "Does the analysis go beyond what happened to the systemic reasons why?",
        "running",
    ),
    Point(
        "report",
        "Report",
        "Is the report clear, anonymised, and written for the people who need to learn from it?",
        "outputs",
    ),
    Point(
        "improvement_action",
        "Improvement action",
        "Do the findings lead to specific, achievable improvement actions?",
        "outputs",
    ),
    Point(
        "partners_response",
        "Partners' written response",
        "Have the partners given a written response saying what they will do?",
        "outputs",
    ),
    Point(
        "publication",
        "Publication",
        "Is the report ready to be published, or the reasons for not publishing recorded?",
        "outputs",
    ),
    Point(
        "implementation_evaluation",
        "Implementation and evaluation",
        "Is there a plan to put the improvements in place and check they have made a difference?",
        "outputs",
    ),
)

CHECKLISTS: dict[str, tuple[Point, ...]] = {
    MUST_DO_CHECKLIST: MUST_DO,
    QUALITY_MARKERS_CHECKLIST: QUALITY_MARKERS,
}


def point(checklist: str, code: str) -> Point | None:
    """The point of that checklist with that code, or None when the code is unknown."""
    return next((p for p in CHECKLISTS.get(checklist, ()) if p.code == code), None)


def markers_in(group: str) -> tuple[Point, ...]:
    return tuple(p for p in QUALITY_MARKERS if p.group == group)
