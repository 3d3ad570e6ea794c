"""What the anonymisation check reports: the kinds of identifying detail it looks for, and one finding.

Plain Python: the checker, the command line, the benchmark and the product all share these. Each kind says
in one sentence why it matters, which is what a business manager reads next to the highlighted text.
"""

from dataclasses import asdict, dataclass, field
from enum import Enum


class IdentifierType(Enum):
    """A kind of detail that can identify a child or their family. The value is the code stored in findings
    and printed by `cspr publication check --json`."""

    PERSON_NAME = "person_name"
    DATE_OF_BIRTH = "date_of_birth"
    AGE_AND_DATE = "age_and_date"
    STREET_ADDRESS = "street_address"
    POSTCODE = "postcode"
    PHONE_NUMBER = "phone_number"
    EMAIL_ADDRESS = "email_address"
    NHS_NUMBER = "nhs_number"
    NI_NUMBER = "ni_number"
    SCHOOL = "school"
    HEALTH_SETTING = "health_setting"
    CASE_REFERENCE = "case_reference"
    VEHICLE_REGISTRATION = "vehicle_registration"
    SOCIAL_MEDIA_HANDLE = "social_media_handle"

    @property
    def label(self) -> str:
        return LABELS[self]

    @property
    def why(self) -> str:
        return WHY[self]


LABELS = {
    IdentifierType.PERSON_NAME: "Person's name",
    IdentifierType.DATE_OF_BIRTH: "Date of birth",
    IdentifierType.AGE_AND_DATE: "Age with a date",
    IdentifierType.STREET_ADDRESS: "Street address",
    IdentifierType.POSTCODE: "Postcode",
    IdentifierType.PHONE_NUMBER: "Phone number",
    IdentifierType.EMAIL_ADDRESS: "Email address",
    IdentifierType.NHS_NUMBER: "NHS number",
    IdentifierType.NI_NUMBER: "National Insurance number",
    IdentifierType.SCHOOL: "School or nursery",
    IdentifierType.HEALTH_SETTING: "Hospital, ward or GP practice",
    IdentifierType.CASE_REFERENCE: "Case or police reference",
    IdentifierType.VEHICLE_REGISTRATION: "Vehicle registration",
    IdentifierType.SOCIAL_MEDIA_HANDLE: "Social media handle",
}

WHY = {
    IdentifierType.PERSON_NAME: "A real name identifies the child, their family or someone who knows them",
    IdentifierType.DATE_OF_BIRTH: "A date of birth, with the area and the review, can identify the child",
    IdentifierType.AGE_AND_DATE: "An exact age on an exact date gives away the child's date of birth",
    IdentifierType.STREET_ADDRESS: "A street address locates the family's home",
    IdentifierType.POSTCODE: "A full postcode covers a handful of homes",
    IdentifierType.PHONE_NUMBER: "A phone number leads straight to a person",
    IdentifierType.EMAIL_ADDRESS: "An email address leads straight to a person",
    IdentifierType.NHS_NUMBER: "An NHS number identifies exactly one person",
    IdentifierType.NI_NUMBER: "A National Insurance number identifies exactly one person",
    IdentifierType.SCHOOL: "A named school or nursery narrows the child down to one setting",
    IdentifierType.HEALTH_SETTING: "A named hospital ward or GP practice can point to the family",
    IdentifierType.CASE_REFERENCE: "Case and crime references link the report to records about the family",
    IdentifierType.VEHICLE_REGISTRATION: "A vehicle registration identifies its keeper",
    IdentifierType.SOCIAL_MEDIA_HANDLE: "A social media handle leads to a person's own account",
}

# The structured identifiers: a pattern (often with a check digit) decides them, not judgement.
STRUCTURED = frozenset(
    {
        IdentifierType.NHS_NUMBER,
        IdentifierType.POSTCODE,
        IdentifierType.PHONE_NUMBER,
        IdentifierType.EMAIL_ADDRESS,
        IdentifierType.NI_NUMBER,
        IdentifierType.DATE_OF_BIRTH,
    }
)


@dataclass
class Finding:
    """One identifying detail: `start`/`end` are offsets into the checked text (`CheckResult.text`);
    `page` and `paragraph` (from 1) say where a reader finds it, 0 when the text has no pages;
    `recogniser` names the rule or model that found it, so a reviewer can judge the `confidence`."""

    type: IdentifierType
    text: str
    start: int
    end: int
    confidence: float
    why: str
    recogniser: str = ""
    page: int = 0
    paragraph: int = 0

    def as_dict(self) -> dict:
        data = asdict(self)
        data["type"] = self.type.value
        data["label"] = self.type.label
        data["confidence"] = round(self.confidence, 2)
        return data


@dataclass
class CheckResult:
    """What the check found in one text. `warnings` are sentences for the person running it (for example
    that person-name detection is reduced because the language model is not installed)."""

    text: str
    findings: list[Finding] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    page_count: int = 0
