"""Named schools, nurseries and health settings: they narrow a child down to one classroom or one ward.

A setting is named when a capitalised name stands before a kind of setting: "Oakfield Primary School",
"Little Acorns Nursery", "St Mary's C of E Academy", "Hillside Children's Centre", "St James's University
Hospital", "Leeds General Infirmary", "Hillside Surgery", "Park Road Medical Centre", "Larch Ward". What
makes a name is at least one word that is not a description: "the Primary School", "a Day Nursery", "the
Children's Hospital", "the Emergency Department", "Paediatric Surgery" and "Child K's School" name nothing.

The rule for agencies (which a review names on purpose): a setting's name followed by "Trust", "NHS Trust",
"NHS Foundation Trust", "Health Board" or "Partnership" is the organisation that runs it, an agency, and is
not flagged ("Birmingham Children's Hospital NHS Foundation Trust", "Oak Multi Academy Trust"); the same
name on its own is the building a child was in, and is flagged ("Birmingham Children's Hospital"). Plural
"Hospitals" ("Leeds Teaching Hospitals NHS Trust") and the local authority's "Virtual School" are agencies
too. Wards: "Ward 12" always; a named ward ("Larch Ward") only in a sentence about a hospital stay, never
after a title, and after a forename only when "admitted to" or "on" comes first, since Ward is a surname.
"""

import functools
import re
from pathlib import Path

from presidio_analyzer import EntityRecognizer, RecognizerResult

from .results import result

SCHOOL = "school"
HEALTH_SETTING = "health_setting"

APOSTROPHE = "['’]"
WORD = rf"(?:St\.|[A-Z][A-Za-z{APOSTROPHE[1:-1]}]*(?:-[A-Za-z{APOSTROPHE[1:-1]}]+)*)"
# Words of a name are on one line, or wrapped once (a PDF wraps its lines).
SPACE = r"(?:[ \t]*\n[ \t]*|[ \t]+)"
CHAIN = rf"{WORD}(?:{SPACE}(?:(?:of|upon|le|la|de){SPACE})?{WORD}){{0,6}}"

SCHOOL_HEAD = (
    r"(?:(?:Junior|Infants?|Primary|Nursery)[ \t]+(?:and|&)[ \t]+(?:Junior|Infants?|Primary|Nursery)[ \t]+)?"
    rf"(?:School|Academy|College|Nursery|Pre-?[Ss]chool|Pre[ \t]School|Playgroup|Kindergarten|Childcare"
    r"|Day[ \t]?[Cc]are|Cr[eè]che"
    rf"|Childrens?{APOSTROPHE}?s?[ \t]+Centre|Pupil[ \t]+Referral[ \t]+Unit)"
)
SCHOOL_HEAD_LOWER = (
    r"(?:(?:primary|junior|infants?|high|secondary|grammar|nursery|middle|first)[ \t]+school|pre-?school"
    rf"|childrens?{APOSTROPHE}?s?[ \t]+centre)"
)
# "Kingsway High", but not "High Street", "High Court" or "high risk".
SHORT_SCHOOL_HEAD = (
    r"(?:High|Primary)(?![ \t]+[A-Z])(?![ \t]+(?:street|road|court|risk|level|need|needs|care)\b)"
)
HEALTH_HEAD = (
    r"(?:Hospital|Infirmary|(?:Medical|Health|Birth|Walk-in|Treatment|Primary[ \t]+Care)[ \t]+Centre"
    r"|(?:(?:Medical|Group|Family|Health|GP|Dental)[ \t]+)?Practice"
    r"(?![ \t]+(?:Reviews?|Standards|Guidance|Framework|Week|Forum|Notes?|Leads?|Managers?|Educators?"
    r"|Development|Learning|Improvement|Group))"
    r"|(?:GP[ \t]+)?Surgery|Clinic|Hospice)"
)
HEALTH_HEAD_LOWER = r"(?:(?:medical|health)[ \t]+centre|(?:medical|gp)[ \t]+practice|gp[ \t]+surgery)"

# The organisation that runs a setting (an agency a review names on purpose), not the setting itself.
AGENCY_AFTER = re.compile(
    r"[ \t]+(?:(?:NHS[ \t]+)?(?:Foundation[ \t]+)?Trust|(?:University[ \t]+)?Health[ \t]+Board|NHS"
    r"|Partnership|Federation)\b"
)
INDEFINITE_BEFORE = re.compile(r"(?i)\b(?:a|an|another|any|one|each|every|local)\s+$")
INDEFINITE_FIRST = re.compile(r"(?:A|An|Another|Any|One|Each|Every)\s")
# "Head of Oakfield School": what comes before "of" is kept only when it is part of a name.
OF_KEEPS = frozenset(
    {"c", "church", "lady", "queen", "king", "city", "isle", "holy", "sacred", "heart", "st"}
)
TITLE_BEFORE = re.compile(r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sgt|DC|DS|PC|Nurse|Sister)\.?[ \t]+$")
# Words just before a name that make it a ward even when the name is a forename ("admitted to Robin Ward").
WARD_CUE = re.compile(
    r"(?i)\b(?:(?:admitted|transferred|moved|returned|discharged)[ \t]+(?:to|from|onto)|on|onto)[ \t]+$"
)
HOSPITAL_STAY = re.compile(
    r"(?i)\b(?:admitted|admission|transferred|discharged|hospital|infirmary|inpatient|in-patient|nurses?|bed"
    r"|paediatric|neonatal|ward|wards)\b"
)

# Words that describe a setting or start a sentence, never a name of their own.
GENERIC_WORDS = """
    the a an at in on to from by with both his her their its our your my this that these those each every
    any all some no neither either when while after before during since until following prior then also
    however where which who whose what and or but if as for of upon le la de y not previous former current
    same other another different nearest nearby new old main local mainstream maintained independent private
    state special specialist alternative free faith community voluntary aided controlled catholic roman rc
    r.c ce c e cofe church england anglican methodist baptist islamic jewish muslim christian orthodox st
    st. saint saints holy primary junior juniors infant infants first middle secondary high upper lower
    grammar comprehensive nursery nurseries day pre-school preschool pre school schools academy academies
    college colleges sixth form further education educational early years year reception children childrens
    child centre centres sure start family families pupil pupils referral unit units virtual hospital
    hospitals boarding residential village city town county national regional district general university
    teaching royal women womens maternity mental health medical practice practices group gp surgery
    surgeries clinic clinics hospice birth walk-in treatment care infirmary ward wards department
    departments emergency accident a&e neonatal paediatric pediatric intensive dependency acute assessment
    observation outpatient outpatients inpatient dental eye sexual fracture antenatal postnatal labour
    delivery cardiac heart plastic minor major oral orthopaedic elective keyhole development developmental
    baby babies well drop-in gender memory pain planning weight feeding breastfeeding immunisation
    vaccination asthma allergy diabetes follow-up review safeguarding midwife midwives midwifery booking
    nurse nurses nursing nurse-led urgent injuries injury psychiatric psychiatry adolescent camhs nhs trust
    foundation council authority police social services service team teams brain spinal cosmetic hip knee
    ear throat nose skin sleep speech language therapy therapies visiting visitor visitors mother father
    stepfather stepmother mum dad grandmother grandfather maternal paternal sibling siblings brother sister
    aunt uncle parent parents carer carers adult head headteacher teacher teachers staff designated lead dsl
    senco governor governors principal deputy manager worker officer inspector inspection ofsted report
    letter records record attendance exclusion transport admissions placement monday tuesday wednesday
    thursday friday saturday sunday january february march april may june july august september october
    november december spring summer autumn winter term very risk priority level threshold section part
    appendix chapter table figure key note notes summary background learning lessons findings finding
    recommendation recommendations introduction conclusion context chronology evidence good best outstanding
    requires improvement inadequate rated training leadership multi-agency agency partnership partnerships
    partner partners safer support family-support help early-help contact referrals hub front door mash
    single point access attended attending mr mrs ms miss mx dr prof reflective work professional clinical
    poor practitioner practitioners relationship-based restorative trauma-informed systemic strengths-based
    medium low moderate significant standard modern stage
"""
GENERIC = frozenset(GENERIC_WORDS.split())


@functools.cache
def forenames() -> frozenset[str]:
    """The compiled list of UK forenames (data/forenames.txt), to tell "Sarah Ward" from "Larch Ward"."""
    path = Path(__file__).resolve().parent.parent / "data" / "forenames.txt"
    if not path.exists():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().casefold() for line in lines if line.strip() and not line.startswith("#"))


def _token_key(token: str) -> str:
    return re.sub(rf"{APOSTROPHE}s?$", "", token).casefold()


def _generic(token: str) -> bool:
    key = _token_key(token)
    return len(key) <= 1 or key in GENERIC


def _named_start(text: str, start: int, end: int) -> int | None:
    """Where the name in text[start:end] (the words before the kind of setting) really begins, or None when
    those words only describe ("the Primary", "Child K's", "Head of the")."""
    tokens = [(match.start() + start, match.group()) for match in re.finditer(r"\S+", text[start:end])]
    for index, (_, word) in enumerate(tokens):
        if word == "of" and (index == 0 or _token_key(tokens[index - 1][1]) not in OF_KEEPS):
            tokens = tokens[index + 1 :]
            break
    while tokens and _generic(tokens[0][1]) and _token_key(tokens[0][1]) not in {"st", "st.", "saint", "our"}:
        tokens = tokens[1:]
    if not tokens or all(_generic(token) for _, token in tokens):
        return None
    return tokens[0][0]


def _result(recogniser, entity: str, start: int, end: int, score: float, rule: str) -> RecognizerResult:
    return result(recogniser, entity, start, end, score, rule, rule=rule)


class NamedSettingRecogniser(EntityRecognizer):
    """A name followed by a kind of setting. `heads` are (pattern of the kinds, score, rule) tried in turn. A
    name after "a" or "another" ("a Leeds primary school") is a kind of place, not one place."""

    def __init__(self, entity: str, name: str, heads: list[tuple[str, float, str]]):
        self.patterns = [
            (re.compile(rf"(?<![\w'’-])(?P<name>{CHAIN}){SPACE}(?P<head>{head})(?![\w'’-])"), score, rule)
            for head, score, rule in heads
        ]
        super().__init__(supported_entities=[entity], name=name, supported_language="en")

    def load(self) -> None:
        """Nothing to load: the patterns are compiled when the recogniser is made."""

    def analyze(self, text: str, entities: list[str] | None = None, nlp_artifacts=None) -> list:
        entity = self.supported_entities[0]
        if entities is not None and entity not in entities:
            return []
        results = []
        for pattern, score, rule in self.patterns:
            for match in pattern.finditer(text):
                start = self._start(text, match)
                if start is not None:
                    results.append(_result(self, entity, start, match.end(), score, rule))
        return results

    @staticmethod
    def _start(text: str, match: re.Match) -> int | None:
        if AGENCY_AFTER.match(text, match.end()):
            return None
        if match.group("head") == "School" and match.group("name").split()[-1] == "Virtual":
            return None
        name_start = match.start("name")
        if INDEFINITE_BEFORE.search(text[max(0, name_start - 12) : name_start]) or INDEFINITE_FIRST.match(
            text, name_start
        ):
            return None
        return _named_start(text, name_start, match.end("name"))


class WardRecogniser(EntityRecognizer):
    """Hospital wards and a doctor's own practice: "Ward 12", "ward L52", "Larch Ward" (in a sentence about a
    hospital stay, not "Sarah Ward" or "Mrs Ward", though "admitted to Robin Ward" is a ward), "Dr Shah's
    practice"."""

    NUMBERED = re.compile(r"(?<![\w-])[Ww]ard[ \t]+(?:\d{1,3}[A-Za-z]?|[A-Z]{1,2}\d{1,3}[A-Za-z]?)(?![\w-])")
    NAMED = re.compile(rf"(?<![\w'’-])(?P<name>{WORD}(?:[ \t]+{WORD})?)[ \t]+Ward(?![\w'’-])")
    DOCTOR = re.compile(
        rf"\bDr\.?[ \t]+[A-Z][A-Za-z-]+{APOSTROPHE}s[ \t]+(?:GP[ \t]+)?(?:[Pp]ractice|[Ss]urgery)(?![\w-])"
    )

    def __init__(self):
        super().__init__(
            supported_entities=[HEALTH_SETTING], name="cspr wards and practices", supported_language="en"
        )

    def load(self) -> None:
        """Nothing to load: the patterns are compiled when the module is imported."""

    def analyze(self, text: str, entities: list[str] | None = None, nlp_artifacts=None) -> list:
        if entities is not None and HEALTH_SETTING not in entities:
            return []
        results = [
            _result(self, HEALTH_SETTING, match.start(), match.end(), 0.8, "a numbered hospital ward")
            for match in self.NUMBERED.finditer(text)
        ]
        results += [
            _result(
                self, HEALTH_SETTING, match.start(), match.end(), 0.75, "a GP practice named by its doctor"
            )
            for match in self.DOCTOR.finditer(text)
        ]
        for match in self.NAMED.finditer(text):
            start = self._named_ward_start(text, match)
            if start is not None:
                results.append(
                    _result(self, HEALTH_SETTING, start, match.end(), 0.7, "a named hospital ward")
                )
        return results

    @staticmethod
    def _named_ward_start(text: str, match: re.Match) -> int | None:
        start = _named_start(text, match.start("name"), match.end("name"))
        if start is None:
            return None
        words = text[start : match.end("name")].split()
        if TITLE_BEFORE.search(text[max(0, start - 10) : start]):
            return None
        if _token_key(words[-1]) in forenames() and not WARD_CUE.search(text[max(0, start - 30) : start]):
            return None
        around = (
            text[max(0, match.start() - 120) : match.start()] + " " + text[match.end() : match.end() + 120]
        )
        return start if HOSPITAL_STAY.search(around) else None


def recognisers() -> list:
    return [
        NamedSettingRecogniser(
            SCHOOL,
            "cspr named schools",
            [
                (SCHOOL_HEAD, 0.85, "a named school, nursery or children's centre"),
                (
                    SHORT_SCHOOL_HEAD,
                    0.6,
                    'a school named by its short name ("Kingsway High")',
                ),
                (SCHOOL_HEAD_LOWER, 0.6, "a named school written in lower case"),
            ],
        ),
        NamedSettingRecogniser(
            HEALTH_SETTING,
            "cspr named health settings",
            [
                (HEALTH_HEAD, 0.85, "a named hospital, GP practice, health centre or clinic"),
                (HEALTH_HEAD_LOWER, 0.6, "a named GP practice or health centre written in lower case"),
            ],
        ),
        WardRecogniser(),
    ]
