"""The demo rapid reviews as data: where each one stands in each partnership, and the words they use.

Every notified demo incident gets a rapid review. `PLANS` says, per incident and per partnership (by its
number in the demo), how far it has gone: gathering agency returns, review group met, executive decision
made, sent to the Panel, Panel responded; and what was recommended, decided and answered. So each
partnership shows one rapid review at each stage, and between them the completed ones cover a local CSPR,
another learning review, no further review and a national review. `RAPID_REVIEW_INCIDENTS` are two more
notified incidents per partnership, one just opened and one at its review group, so every partnership
(odd or even) has a rapid review at each stage, and the demo agency lead has a return to start and one
to finish.

Texts are generic, obviously fictional safeguarding practice; the child appears only as `{child}`, the
pseudonym.
"""

from dataclasses import dataclass
from enum import IntEnum

from cspr.incidents.models import ChildProtectionPlan, IncidentNature, IncidentStatus, Sex, YesNoUnknown
from cspr.partnerships.models import AgencyKind as K
from cspr.rapid_reviews.models import PanelResponseKind as P
from cspr.rapid_reviews.models import Recommendation as R
from cspr.rapid_reviews.models import Regulation11Criterion as C
from cspr.rapid_reviews.models import ReturnStatus as S

from .incident_specs import ALL_PARTNERS, NOTIFIABLE_HARM, DemoChild, DemoIncident


class Stage(IntEnum):
    """How far a demo rapid review has gone (each stage includes the ones before it)."""

    RETURNS = 1
    REVIEW_GROUP = 2
    DECIDED = 3
    SENT = 4
    RESPONDED = 5


@dataclass(frozen=True)
class Plan:
    """One rapid review. Offsets are working days after the notification was sent: `requests_after` for
    the requests to agencies, `second_requests_after` for agencies asked later (`second_requests`),
    `met_after` and `decided_after` for the review group and the executive (when not sent; a sent review
    met 4 and decided 1 working day before it was sent), `panel_after` for the Panel's response (working
    days after sending). `returns` overrides the state of some agencies' returns (default: submitted)."""

    stage: Stage
    recommendation: str = ""
    decision: str = ""  # the executive's, when it does not agree with the review group
    panel: str = ""
    returns: tuple[tuple[str, str], ...] = ()
    second_requests: tuple[str, ...] = ()
    requests_after: int = 1
    second_requests_after: int = 4
    met_after: int = 11
    decided_after: int = 13
    panel_after: int = 9
    entries: tuple[int, int] = (200, 480)
    edited_section: str = ""  # a report section the business manager rewrote before sending


IN_PROGRESS = Plan(
    Stage.RETURNS,
    returns=((K.HEALTH_VISITING, S.DRAFT), (K.GP, S.REQUESTED)),
    second_requests=(K.HEALTH_VISITING, K.AMBULANCE),
    entries=(220, 420),
)
JUST_OPENED = Plan(
    Stage.RETURNS,
    returns=(
        (K.HEALTH_VISITING, S.REQUESTED),
        (K.GP, S.REQUESTED),
        (K.MIDWIFERY, S.REQUESTED),
        (K.AMBULANCE, S.REQUESTED),
        (K.PROBATION, S.REQUESTED),
        (K.HOUSING, S.REQUESTED),
        (K.SUBSTANCE_MISUSE, S.REQUESTED),
        (K.ADULT_MENTAL_HEALTH, S.REQUESTED),
        (K.EARLY_YEARS, S.REQUESTED),
        (K.POLICE, S.DRAFT),
        (K.CHILDRENS_SOCIAL_CARE, S.DRAFT),
    ),
    entries=(150, 220),
)
LATE_DECISION = {"met_after": 14, "decided_after": 18, "requests_after": 2}

# Per incident key, one plan per demo partnership (in the order of `cspr.demo.partnerships.PARTNERSHIPS`).
# Sent plans follow the incident's `rapid_review_after`; the odd partnerships' "notified late" review is
# overdue and unsent (`rapid_review_overdue_in_odd_partnerships`).
PLANS: dict[str, tuple[Plan, ...]] = {
    "older sibling": (
        Plan(Stage.RESPONDED, R.LOCAL_CSPR, panel=P.AGREE_LOCAL_REVIEW, edited_section="learning"),
        Plan(Stage.RESPONDED, R.NO_FURTHER_REVIEW, panel=P.AGREE_NO_REVIEW),
        Plan(Stage.RESPONDED, R.OTHER_LEARNING_REVIEW, panel=P.AGREE_NO_REVIEW),
        Plan(Stage.RESPONDED, R.LOCAL_CSPR, panel=P.AGREE_LOCAL_REVIEW),
        Plan(Stage.RESPONDED, R.SUGGEST_NATIONAL_REVIEW, panel=P.NATIONAL_REVIEW),
    ),
    "notified late": (
        Plan(Stage.SENT, R.LOCAL_CSPR),
        Plan(Stage.DECIDED, R.LOCAL_CSPR, **LATE_DECISION),
        Plan(Stage.SENT, R.NO_FURTHER_REVIEW, edited_section="case_summary"),
        Plan(Stage.DECIDED, R.OTHER_LEARNING_REVIEW, decision=R.LOCAL_CSPR, **LATE_DECISION),
        Plan(Stage.SENT, R.LOCAL_CSPR),
    ),
    "younger sibling": (
        Plan(Stage.RESPONDED, R.OTHER_LEARNING_REVIEW, panel=P.DISAGREE),
        Plan(Stage.SENT, R.OTHER_LEARNING_REVIEW),
        Plan(Stage.RESPONDED, R.LOCAL_CSPR, panel=P.AGREE_LOCAL_REVIEW),
        Plan(Stage.SENT, R.NO_FURTHER_REVIEW),
        Plan(Stage.RESPONDED, R.NO_FURTHER_REVIEW, panel=P.AGREE_NO_REVIEW, panel_after=11),
    ),
    "notified on time": (IN_PROGRESS,) * 5,
    "rapid review just opened": (JUST_OPENED,) * 5,
    "rapid review at review group": (
        Plan(Stage.REVIEW_GROUP, R.NO_FURTHER_REVIEW),
        Plan(Stage.REVIEW_GROUP, R.OTHER_LEARNING_REVIEW),
        Plan(Stage.REVIEW_GROUP, R.LOCAL_CSPR),
        Plan(Stage.REVIEW_GROUP, R.LOCAL_CSPR),
        Plan(Stage.REVIEW_GROUP, R.OTHER_LEARNING_REVIEW),
    ),
}

RAPID_REVIEW_INCIDENTS = (
    DemoIncident(
        key="rapid review just opened",
        status=IncidentStatus.NOTIFIED,
        aware_ago=5,
        nature=IncidentNature.SERIOUS_HARM,
        location="Family home",
        summary="A ten-week-old baby was brought to hospital with a skull fracture; the parents said the "
        "baby "
        "had rolled off a sofa.",
        children=(DemoChild(age_days=70, sex=Sex.MALE, baby=True),),
        referrers=(K.ACUTE_TRUST,),
        answers=NOTIFIABLE_HARM,
        partners_agree=ALL_PARTNERS,
        notified_after=3,
        involved=(K.ACUTE_TRUST, K.POLICE, K.CHILDRENS_SOCIAL_CARE, K.HEALTH_VISITING, K.GP),
    ),
    DemoIncident(
        key="rapid review at review group",
        status=IncidentStatus.NOTIFIED,
        aware_ago=16,
        nature=IncidentNature.SERIOUS_HARM,
        location="Family home",
        summary="A nine-year-old took an overdose of a parent's medication at home; the school had raised "
        "concerns about neglect.",
        children=(
            DemoChild(
                age_days=9 * 365 + 120,
                sex=Sex.FEMALE,
                child_in_need_plan=YesNoUnknown.YES,
                child_protection_plan=ChildProtectionPlan.PREVIOUS,
            ),
        ),
        referrers=(K.SCHOOL, K.CHILDRENS_SOCIAL_CARE),
        answers=NOTIFIABLE_HARM,
        partners_agree=ALL_PARTNERS,
        notified_after=4,
        involved=(K.SCHOOL, K.CHILDRENS_SOCIAL_CARE, K.GP, K.CAMHS, K.ACUTE_TRUST),
    ),
)

# The agencies a rapid review asks for returns, by the child's age, most involved first (those the
# partnership has; at most `MAX_RETURNS`).
BABY_AGENCIES = (
    K.CHILDRENS_SOCIAL_CARE,
    K.POLICE,
    K.HEALTH_VISITING,
    K.GP,
    K.ACUTE_TRUST,
    K.MIDWIFERY,
    K.AMBULANCE,
    K.EARLY_YEARS,
    K.SUBSTANCE_MISUSE,
    K.ADULT_MENTAL_HEALTH,
    K.PROBATION,
    K.HOUSING,
)
TODDLER_AGENCIES = (
    K.CHILDRENS_SOCIAL_CARE,
    K.POLICE,
    K.HEALTH_VISITING,
    K.GP,
    K.ACUTE_TRUST,
    K.EARLY_YEARS,
    K.MIDWIFERY,
    K.HOUSING,
    K.SUBSTANCE_MISUSE,
    K.PROBATION,
    K.AMBULANCE,
)
SCHOOL_AGE_AGENCIES = (
    K.CHILDRENS_SOCIAL_CARE,
    K.POLICE,
    K.SCHOOL,
    K.GP,
    K.CAMHS,
    K.ACUTE_TRUST,
    K.HEALTH_VISITING,
    K.HOUSING,
    K.YOUTH_JUSTICE,
    K.ADULT_MENTAL_HEALTH,
)
MAX_RETURNS = 12
MIN_RETURNS = 5

REQUEST_MESSAGE = (
    "Please complete your agency's return for the rapid review of incident {reference} ({child}): a summary "
    "of your involvement, key practice episodes, your analysis, what went well, learning and actions already "
    "taken, with your chronology entries (the template is on the return's page). The review group meets "
    "soon after the due date."
)

# Return sections by agency kind; `GENERIC` where a kind has none.
INVOLVEMENT = {
    K.CHILDRENS_SOCIAL_CARE: "Children's social care received several contacts about the family, completed "
    "assessments and worked with the family under child in need and child protection plans at different "
    "times.",
    K.POLICE: "Police involvement was mainly through calls to the family address about arguments between the "
    "adults, and information shared with the safeguarding hub.",
    K.HEALTH_VISITING: "The health visiting service delivered the universal programme with additional "
    "contacts when concerns were raised, including missed reviews followed up by letter and telephone.",
    K.MIDWIFERY: "Maternity services provided antenatal care, the birth and postnatal visits; a pre-birth "
    "vulnerability assessment was completed.",
    K.GP: "The practice saw the child for minor illnesses and immunisations and saw the mother about her "
    "own health; letters from other services were received and filed.",
    K.ACUTE_TRUST: "The hospital saw the child in the emergency department and in outpatient clinics; the "
    "paediatric liaison service shared attendances with community health services.",
    K.SCHOOL: "The school knew the child well; staff recorded concerns about attendance, hunger and "
    "appearance on the safeguarding log and referred when concerns increased.",
    K.EARLY_YEARS: "The nursery cared for the child and a sibling during funded hours and recorded concerns "
    "about collection and presentation.",
    K.CAMHS: "CAMHS received a referral, offered an assessment and later discharged the child after missed "
    "appointments.",
    K.AMBULANCE: "The ambulance service attended the family home on a small number of occasions and made one "
    "safeguarding referral.",
}
GENERIC_INVOLVEMENT = (
    "The agency's involvement was with the adults of the household rather than directly with the child."
)
ANALYSIS = (
    "Practitioners responded to each event on its own; the pattern across events was not recognised until "
    "late.",
    "Information held by this agency was not always shared with the lead agency, partly because staff were "
    "unsure whether the threshold for sharing had been met.",
    "The voice and daily experience of the child were not clearly recorded; records focus on what the "
    "adults said.",
    "High caseloads and changes of worker affected continuity and professional curiosity.",
    "Missed appointments were treated as the parent's choice rather than as the child not being brought.",
)
WENT_WELL = (
    "Concerns were recorded promptly and clearly.",
    "The practitioner escalated appropriately when the situation changed.",
    "Good relationship with the mother, who engaged with most appointments.",
    "Information was shared with the safeguarding hub on the same day.",
    "Safeguarding supervision was used to reflect on the case.",
)
LEARNING = (
    "Professional curiosity about adults who are not the child's parents but live in the household.",
    "Seeing missed health appointments as the child not being brought, and following them up.",
    "Sharing information about injuries to non-mobile babies without delay.",
    "Recording the child's lived experience, not only the parents' account.",
    "Using escalation when agencies disagree about the level of risk.",
)
ACTIONS_TAKEN = (
    "Case discussed in team briefings; a reflective session held with the practitioners involved.",
    "Guidance on children not brought to appointments reissued to all staff.",
    "Safeguarding supervision arrangements reviewed for the team.",
    "Audit of similar cases started; findings to be shared with the partnership.",
    "Training on domestic abuse and professional curiosity booked for the service.",
)
NO_EPISODES = "No key practice episodes identified in this agency's involvement; see its chronology entries."

# The review group's and the executive's words, by recommendation.
CRITERIA = {
    R.LOCAL_CSPR: [C.IMPROVEMENTS_NEEDED, C.AGENCIES_WORKING_TOGETHER],
    R.OTHER_LEARNING_REVIEW: [C.RECURRENT_THEMES],
    R.NO_FURTHER_REVIEW: [],
    R.SUGGEST_NATIONAL_REVIEW: [C.IMPROVEMENTS_NEEDED, C.RECURRENT_THEMES, C.AGENCIES_WORKING_TOGETHER],
}
REASONS = {
    R.LOCAL_CSPR: "The case highlights improvements needed in how agencies shared information about risk "
    "from adults in the household, and concerns about how agencies worked together before the incident "
    "(regulation 11). A local review will allow practitioners and the family to contribute.",
    R.OTHER_LEARNING_REVIEW: "The learning repeats themes already being addressed through the partnership's "
    "previous reviews; a multi-agency learning review with practitioners is proportionate and will be "
    "quicker to share.",
    R.NO_FURTHER_REVIEW: "The rapid review found that agencies worked together well and responded to the "
    "concerns known to them; the learning identified is being taken forward by single agencies.",
    R.SUGGEST_NATIONAL_REVIEW: "The circumstances match a theme the Panel is examining nationally; the "
    "review group suggests the Panel considers a national review, with local learning shared meanwhile.",
}
GROUP_LEARNING = (
    "Agencies did not have a shared picture of the adults living in the household.\n\n"
    "Missed health appointments were not seen as the child not being brought.\n\n"
    "Step-down from children's social care happened before the changes in the family were tested over time."
)
INEQUALITIES = (
    "The review group considered whether the family's circumstances, including poverty and the mother's "
    "own care history, affected how agencies responded. No evidence of discrimination was found, but the "
    "group noted that assumptions about the family's ability to change were not tested."
)
GOOD_PRACTICE = (
    "The health visitor's persistence in following up missed reviews; the school's clear safeguarding "
    "records; prompt information sharing by the police after each incident."
)
RATIONALE = {
    True: "The partners agree with the review group: its reasons refer to the regulation 11 criteria and "
    "the proposed next step is proportionate to the learning identified.",
    False: "The partners do not agree with the review group: the concerns about agencies working together "
    "meet regulation 11 and call for a local child safeguarding practice review rather than a learning "
    "review.",
}
PANEL_REASONS = {
    P.AGREE_LOCAL_REVIEW: "The Panel agrees that a local child safeguarding practice review is appropriate "
    "and asks that the review explores information sharing about adults in the household.",
    P.AGREE_NO_REVIEW: "The Panel agrees with the partnership's decision; the rapid review was thorough and "
    "the learning is being taken forward locally.",
    P.DISAGREE: "The Panel does not agree that a learning review is enough: the links with the earlier "
    "incident involving a sibling suggest a local child safeguarding practice review covering both.",
    P.NATIONAL_REVIEW: "The Panel will include this case in a national review of the theme; it will agree "
    "the "
    "scope with the partnership.",
}
EDITED_SECTIONS = {
    "learning": "The review group identified three areas of learning, to be explored in the local review:\n\n"
    "- shared understanding of the adults living in the household\n"
    "- children not brought to health appointments\n"
    "- testing change before stepping down from children's social care",
    "case_summary": "The child was known to several agencies from before birth. The incident happened at the "
    "family home; the police investigation is continuing and the family has been told about the review.",
}
# Fictional attendees' family names ("A. Imaginary"), and the people who chair and decide.
ATTENDEE_NAMES = (
    "Imaginary",
    "Fictional",
    "Invented",
    "Notreal",
    "Pretend",
    "Madeupson",
    "Storyteller",
    "Nonesuch",
    "Hypothetical",
    "Notional",
    "Figment",
    "Unreal",
)
ROLES_AT_MEETING = {
    K.CHILDRENS_SOCIAL_CARE: "Head of service, safeguarding",
    K.POLICE: "Detective inspector, public protection",
    K.HEALTH_VISITING: "Named nurse for safeguarding",
    K.GP: "Named GP for safeguarding",
    K.ACUTE_TRUST: "Named doctor for safeguarding",
    K.SCHOOL: "Designated safeguarding lead",
}
CHAIR = ("Independent chair of the review group", "Partnership business unit")
DESIGNATED_NURSE = ("Designated nurse for safeguarding children", "Integrated Care Board")
DECIDED_BY = ("R. Fictional", "Director of children's services, for the three safeguarding partners")
