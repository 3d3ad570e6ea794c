"""The shape of what agencies write in a demo chronology: event templates, each agency kind's profile
(roles, source references, templates), the words the templates draw on, and the events two agencies both
record. The profiles themselves are in `chronology_health` and `chronology_services`.

Plain data for `cspr.demo.chronology`. Texts are generic safeguarding practice, obviously fictional: the
child appears only as `{child}` (the pseudonym), the adults by their role ("the mother", "the mother's
partner"). A template whose text names `{child}` is only used after the birth; the others may describe the
pregnancy or the parents' lives before it. Source references are invented formats ("CRIMES ref
14/55213/24"), filled in with random digits and the entry's date.
"""

from dataclasses import dataclass

from cspr.chronology.models import EventType as E
from cspr.partnerships.models import AgencyKind as K

YEAR = 365


@dataclass(frozen=True)
class Template:
    """One kind of event. `ages` bounds the child's age in days on the day (negative: before birth)."""

    event_type: str
    facts: str
    action: str = ""
    significance: str = ""
    ages: tuple[int, int] | None = None
    timed: bool = False
    once: bool = False  # a milestone (the booking, the birth, the new birth visit) happens once
    weight: float = 1.0  # how often, against the agency's other templates


@dataclass(frozen=True)
class Profile:
    """An agency kind: who writes, where from, how much, and from what age of the child (days)."""

    roles: tuple[str, ...]
    sources: tuple[str, ...]
    weight: float
    ages: tuple[int, int]
    templates: tuple[Template, ...]
    times_usual: bool = False


# Values for the placeholders, picked at random for each entry.
VOCABULARY = {
    "injury": (
        "a bruise to the forehead",
        "a small burn to the back of the hand",
        "a swollen wrist",
        "a cut to the lip",
        "bruising to the upper arm",
        "a graze to the cheek",
    ),
    "symptom": (
        "a cough and a temperature",
        "nappy rash",
        "an ear infection",
        "reflux after feeds",
        "a rash on the trunk",
        "poor sleep",
        "constipation",
    ),
    "seen": (
        "asleep in a cot",
        "in the lounge with the mother",
        "in a bouncer chair",
        "being held by the mother",
        "in the bedroom with the television on",
    ),
    "said": (
        "that things were calmer at home",
        "that money was tight this month",
        "that her partner was staying most nights",
        "that she was not sleeping well",
        "that the family was waiting to move house",
    ),
    "concern": (
        "domestic abuse between the adults",
        "the mother's low mood",
        "home conditions",
        "alcohol use by the adults",
        "missed health appointments",
        "cannabis use in the home",
    ),
    "home": ("cluttered but adequate", "poor, with dirty dishes and little food", "clean and tidy", "cold"),
    "centile": ("25th", "9th", "50th", "2nd", "75th"),
    "weeks": ("10", "11", "12", "14"),
    "risk": ("standard", "medium", "high"),
    "category": ("neglect", "emotional abuse", "physical abuse"),
    "review": ("6 to 8 week", "1-year", "2-year"),
    "pct": ("86", "82", "79", "90"),
    "area": ("speech", "fine motor skills", "social interaction"),
    "n": ("2", "3", "4", "5"),
    "explanation": (
        "a fall from the sofa",
        "a sibling hitting out during play",
        "banging against the cot side",
        "a fall on the stairs",
        "no explanation offered",
    ),
}


@dataclass(frozen=True)
class SameEvent:
    """One event two agencies both record (so the integrated chronology shows it twice): the shared facts,
    and what each agency adds. Kinds in the order of `tails`."""

    kinds: tuple[str, str]
    event_type: str
    facts: str
    tails: tuple[str, str]
    ages: tuple[int, int] = (0, 100 * YEAR)


SAME_EVENTS = (
    SameEvent(
        (K.POLICE, K.CHILDRENS_SOCIAL_CARE),
        E.STRATEGY_DISCUSSION,
        "Strategy discussion between children's social care and police after a domestic incident at the "
        "family home with {child} present.",
        (
            "Police to lead a joint section 47 enquiry.",
            "Section 47 enquiry agreed; joint visit the next day.",
        ),
    ),
    SameEvent(
        (K.POLICE, K.CHILDRENS_SOCIAL_CARE),
        E.POLICE_INCIDENT,
        "Domestic incident at the family address: {partner} and {carer} arguing, {child} in the home.",
        (
            "Officers attended; risk assessment graded as medium.",
            "Police notification received; checks started.",
        ),
    ),
    SameEvent(
        (K.CHILDRENS_SOCIAL_CARE, K.HEALTH_VISITING),
        E.CONFERENCE,
        "Initial child protection conference; {child} made subject of a child protection plan under the "
        "category of neglect.",
        ("Core group to meet within 10 working days.", "Health visitor to visit fortnightly."),
    ),
    SameEvent(
        (K.ACUTE_TRUST, K.GP),
        E.HOSPITAL,
        "{child} attended the emergency department with {injury}; discharged home the same day.",
        ("Paediatric liaison form completed.", "Discharge letter received and filed."),
    ),
    SameEvent(
        (K.CHILDRENS_SOCIAL_CARE, K.SCHOOL),
        E.CONFERENCE,
        "Review child protection conference; the child protection plan for {child} continued.",
        ("Next review in six months.", "School to monitor attendance weekly."),
        ages=(4 * YEAR, 18 * YEAR),
    ),
    SameEvent(
        (K.MIDWIFERY, K.CHILDRENS_SOCIAL_CARE),
        E.MEETING,
        "Pre-birth planning meeting with the mother, the midwife and the social worker; birth plan agreed.",
        ("Birth plan shared with the labour ward.", "Discharge planning meeting to follow the birth."),
        ages=(-90, -10),
    ),
    SameEvent(
        (K.HEALTH_VISITING, K.GP),
        E.INFORMATION_SHARING,
        "Health visitor and GP discussed {child}'s missed reviews and immunisations at the liaison meeting.",
        ("Plan to offer a home appointment.", "Alert added to the records."),
    ),
)
