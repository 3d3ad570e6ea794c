"""The demo action plans as data: who owns each agency's actions, the states those actions are in, and
what agencies and assurers write about them. The recommendations themselves are in `action_plan_texts`.
Every text is fictional and generic: owners are roles, never people, and no child is named.

`MIXES` says, per kind of plan, how many recommendations it has and what state each agency's action is
in (one letter per action, below), so every partnership shows every state whenever the demo is
loaded: the dates are worked out from today by `cspr.demo.action_plans`.
"""

from dataclasses import dataclass

from cspr.partnerships.models import AgencyKind as K

# The states a demo action can be in; "overdue" ones keep an open status with a due date in the past.
NOT_STARTED = "N"
ON_TRACK = "T"
AT_RISK = "R"
OVERDUE = "O"
LONG_OVERDUE = "L"
COMPLETE = "C"
ASSURED = "A"
SENT_BACK = "B"
# States whose due date must be in the past, and those whose due date must still be to come.
PAST_DUE = (OVERDUE, LONG_OVERDUE)
FUTURE_DUE = (NOT_STARTED, ON_TRACK, AT_RISK, SENT_BACK)


@dataclass(frozen=True)
class Rec:
    """One recommendation: its text, library themes, success measure, and what each agency (by kind, the
    first ones get actions first) will change. `working_days` gives the due date in working days after
    the plan was agreed, as rapid reviews set them."""

    text: str
    themes: tuple[str, ...]
    measure: str
    actions: tuple[tuple[str, str], ...]
    working_days: int | None = None


OWNERS = {
    K.CHILDRENS_SOCIAL_CARE: "Head of Service, Safeguarding and Quality Assurance",
    K.POLICE: "Detective Chief Inspector, Public Protection",
    K.INTEGRATED_CARE_BOARD: "Designated Nurse for Safeguarding Children",
    K.ACUTE_TRUST: "Named Doctor for Safeguarding Children",
    K.HEALTH_VISITING: "Named Nurse for Safeguarding",
    K.GP: "Named GP for Safeguarding",
    K.CAMHS: "Clinical Lead, CAMHS",
    K.SCHOOL: "Education Safeguarding Lead",
    K.PROBATION: "Head of Public Protection, Probation",
    K.MIDWIFERY: "Named Midwife for Safeguarding",
    K.EARLY_YEARS: "Early Years Safeguarding Officer",
}

MIXES = {
    "archived": ((ASSURED, ASSURED), (ASSURED, LONG_OVERDUE), (ASSURED, COMPLETE), (SENT_BACK, ASSURED)),
    "published": ((ASSURED, ON_TRACK), (COMPLETE, OVERDUE), (AT_RISK, NOT_STARTED), (ON_TRACK, SENT_BACK)),
    "improvements": ((OVERDUE, ON_TRACK), (COMPLETE, ASSURED, AT_RISK), (NOT_STARTED, ON_TRACK)),
    "learning": ((ON_TRACK, COMPLETE), (AT_RISK, OVERDUE), (NOT_STARTED,), (ON_TRACK, ON_TRACK)),
    "pre_publication": ((NOT_STARTED, NOT_STARTED, NOT_STARTED), (ON_TRACK,), (NOT_STARTED, ON_TRACK)),
    "rapid_recent": ((COMPLETE,), (OVERDUE,), (ASSURED,), (ON_TRACK, NOT_STARTED)),
    "rapid_old": ((ASSURED,), (ASSURED,), (ASSURED, ASSURED), (LONG_OVERDUE, ASSURED)),
    "national": (
        (ASSURED, ASSURED, ASSURED),
        (LONG_OVERDUE, ON_TRACK),
        (COMPLETE, AT_RISK),
        (ASSURED, OVERDUE),
        (ON_TRACK,),
    ),
}
RAPID_SAFETY_COUNT = 3  # of the rapid review mixes' tuples, the first ones are safety actions

# What an agency writes when it reports each status; the first fits an action just started.
NOTES = {
    ON_TRACK: (
        "Plan agreed with team managers; first briefings delivered and the rest are booked.",
        "Half of the teams have been briefed; the remaining sessions are in the diary.",
        "Guidance drafted and out for comment with practitioners; on course for the due date.",
    ),
    AT_RISK: (
        "Two of the trainers are on long-term leave, so the last sessions may slip past the due date.",
        "The clinical system change needs the supplier, who cannot confirm a date yet.",
        "Staff vacancies in two teams mean the audit has not started; asking for help from the ICB.",
    ),
    COMPLETE: (
        "All teams briefed and the procedure is in use; audit results and training figures attached.",
        "New template live since the start of the month; audit of 20 records attached.",
    ),
    "after_send_back": (
        "Wider audit under way across every locality, as asked; results due next month.",
        "Re-running the training for the teams that missed it; figures to follow.",
    ),
}
SENT_BACK_REASONS = (
    "The audit covers only 5 records, all from one team. Please audit at least 20 records across every "
    "locality so that we can see the change is embedded.",
    "The training figures show 61% of staff trained against the 80% success measure. Please send figures "
    "when the remaining sessions have run.",
)
EVIDENCE_REVIEWED = (
    "Training figures and an audit of 20 records reviewed by the review group; the success measure is met.",
    "New procedure and its audit reviewed at the business unit; practice has changed as intended.",
)
# Evidence files: (kind, description, file name), written for each agency by `cspr.demo.action_plans`.
EVIDENCE = {
    "training": ("Training attendance figures by team", "training-figures.xlsx"),
    "policy": ("Revised procedure as issued to staff", "procedure-change.docx"),
    "audit": ("Audit of records: summary of findings", "audit-summary.pdf"),
}
TRAINING_TEAMS = ("North locality", "South locality", "East locality", "West locality", "Duty and assessment")
