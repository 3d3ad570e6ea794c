"""Numbers that point to one person's records: NHS numbers, National Insurance numbers, case, crime and
police references, vehicle registrations.

Presidio has UK recognisers for three of these, but scores NI numbers at 0.5 whatever the context, accepts
any checksum-valid ten digits as an NHS number (even the tail of "+44 113 496 0123") and knows nothing of
agencies' case and crime references. Safeguarding reports are full of numbers that are none of these:
dates, years, money, times, section numbers ("4.2.1"), statutory references ("Section 47", "Children Act
1989 s.17") and the partnership's own review numbers ("CSPR 2023/01"). So a reference counts only when it
follows a word that introduces one ("crime ref", "case number", "log", "the police report", "logged as") or
has a shape no date or section number has ("13/123456/21", "WY-2021-004512", "LCC/CS/004512",
"CR/2021/004512", "PR1234567", "13211234567").

Long digit runs need a decision between a reference and a phone number. A UK phone number is 0 (or +44) and
ten digits: 11 digits starting with 0. So a run of 11 or 12 digits that starts with 1-9 ("1320 1539 2522",
the force code 13, the year 20 and a sequence, as West Yorkshire and other forces number crimes) is never a
dialled UK number, unless it is "44" and a national number with the "+" left off, which we leave alone.
"""

import re

from ..findings import IdentifierType
from .online import phone_starts_at
from .structured import Hit, Rule, RuleRecogniser, preceded_by

SEPARATOR = r"[ \u00a0-]?"

# --- NHS numbers -------------------------------------------------------------------------------------------

NHS_CANDIDATE = re.compile(
    rf"(?<![\w+.,/-])(?P<id>\d{{3}}{SEPARATOR}\d{{3}}{SEPARATOR}\d{{4}})(?![\w/-]|[.,]\d)"
)
NHS_CONTEXT = re.compile(r"\bN\.?H\.?S\b|\bCHI\b|health\s+(?:service\s+)?number", re.IGNORECASE)
# "+44 113 496 0123" and "(0)113 ..." end in ten digits that can pass the check by chance.
PHONE_PREFIX = re.compile(r"(?:\+\s?44|\(0\)|\b0044)[\s\u00a0-]*$")


def nhs_check_digit_valid(digits: str) -> bool:
    """The NHS number's modulus 11 check: weights 10..2 on the first nine digits; 11 - remainder is the
    check digit (11 means 0, 10 means the number cannot be issued)."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(digit) * weight for digit, weight in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def _nhs(text: str, match: re.Match) -> Hit | None:
    digits = re.sub(r"\D", "", match.group("id"))
    if not nhs_check_digit_valid(digits):
        return None
    start = match.start("id")
    if preceded_by(text, start, PHONE_PREFIX, window=8):
        return None
    in_context = preceded_by(text, start, NHS_CONTEXT, window=40)
    # A leading 0 is a Scottish CHI number or, far more often, part of a phone number: only with context.
    if digits.startswith("0") and not in_context:
        return None
    return Hit(start, match.end("id"), 1.0 if in_context else 0.85)


NHS_RULES = [
    Rule(
        "NHS number (mod 11 check digit)",
        NHS_CANDIDATE,
        0.85,
        "Ten digits whose last digit is a valid NHS check digit",
        _nhs,
    )
]

# --- National Insurance numbers ----------------------------------------------------------------------------

# HMRC never issues D, F, I, Q, U or V as either prefix letter, O as the second, nor the prefixes BG, GB,
# KN, NK, NT, TN and ZZ (the same rules as Presidio's UkNinoRecognizer).
NINO_PREFIX = r"(?!BG|GB|NK|KN|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
NINO = re.compile(
    rf"(?<![\w-])(?P<id>{NINO_PREFIX}{SEPARATOR}\d{{2}}{SEPARATOR}\d{{2}}{SEPARATOR}\d{{2}}"
    rf"(?:{SEPARATOR}(?P<suffix>[A-D]))?)(?![\w-])",
    re.IGNORECASE,
)
NINO_CONTEXT = re.compile(
    r"national\s+insurance|\bN\.?I\.?\s*(?:no\b|number|num\b)|\bNINO\b|\bNI\b", re.IGNORECASE
)


def _nino(text: str, match: re.Match) -> Hit | None:
    """Upper case with the suffix letter is an NI number anywhere; lower case, or without the suffix letter
    (some records drop it), only after words like "National Insurance"."""
    found = match.group("id")
    start = match.start("id")
    in_context = preceded_by(text, start, NINO_CONTEXT, window=50)
    complete = match.group("suffix") is not None and found == found.upper()
    if not complete and not in_context:
        return None
    return Hit(start, match.end("id"), 0.95 if in_context else 0.85)


NINO_RULES = [
    Rule(
        "National Insurance number",
        NINO,
        0.85,
        "Two prefix letters HMRC issues, six digits and a letter A to D",
        _nino,
    )
]

# --- Case, crime and police references ---------------------------------------------------------------------

# The words that introduce a reference. A bare "case" or "record" is common prose ("the case was
# allocated"), so those need a number word after them; the rest are names of reference systems.
REFERENCE_LEAD = (
    r"(?:(?:crime|police|case|incident|occurrence|referral|record|file|client|person|court|claim|custody"
    r"|arrest|investigation|hospital|patient|unit|mash|contact|child(?:'s)?|family|storm\s+log|log)\s+"
    r"(?:ref(?:erence)?\b\.?|no\b\.?|number|num\b\.?|id\b|identifier|#)"
    r"|(?:crime|police|incident|occurrence|intelligence|custody|arrest|domestic\s+abuse|DASH|PPN|MARAC)"
    r"\s+(?:report|record|log|entry)"
    r"|(?:logged|recorded|filed|registered|referenced|crimed|raised|held)\s+(?:as|under)"
    r"|crime|log|incident|occurrence|CAD|URN|PNC|CRO|MRN|Niche|Athena|Mosaic|LCS|Liquid\s?Logic|EHM"
    r"|Eclipse|SystmOne|EMIS|RiO|Carefirst|Storm|Connect|Guardian"
    r"|ref(?:erence)?\b\.?(?:\s*(?:no\b\.?|number))?)"
)
# A reference is one word ("13/123456/21") or digit groups a person spaced out to read ("1320 1539 2522");
# the spaced form only when it does not start with 0, which is how a phone number is written.
SPACED_DIGITS = r"[1-9]\d{1,3}(?:[ \u00a0]\d{3,4}){2,3}(?![\w/-])"
REFERENCE_SHAPE = rf"{SPACED_DIGITS}|[A-Z0-9](?:[A-Z0-9]|[/.-](?=[A-Z0-9]))*"
LED_REFERENCE = re.compile(
    rf"\b{REFERENCE_LEAD}(?:\s*(?:[:#]|is\b|was\b|of\b|number\b|no\b\.?))*\s*(?P<id>{REFERENCE_SHAPE})",
    re.IGNORECASE,
)
# The partnership's own review numbers are published on purpose: "CSPR 2023/01", "LSCP/2023/01".
REVIEW_PREFIXES = re.compile(r"^(?:L?CSPR|SCR|SAR|DHR|L?SCP|LSCB|SCB|CSPR|RR)\b", re.IGNORECASE)
YEAR_AND_SEQUENCE = re.compile(r"^(?:19|20)\d\d[/-]\d{1,3}$")
YEARS_ONLY = re.compile(r"^(?:(?:19|20)\d\d[ \u00a0]*)+$")
PHONE_AFTER_44 = re.compile(r"[1237]\d{9}|1\d{8}")
MONEY_OR_COUNT = re.compile(r"[\u00a3$\u20ac#]\s*$")
NOT_A_REFERENCE = re.compile(
    r"^(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}"  # a date
    r"|(?:19|20)\d\d(?:[/-](?:19|20)\d\d)?"  # a year, or a span of years
    r"|\d+(?:\.\d+)+"  # a section number
    r")$"
)


def _led_reference(text: str, match: re.Match) -> Hit | None:
    token = match.group("id")
    digits = sum(character.isdigit() for character in token)
    letters = any(character.isalpha() for character in token)
    if digits < 3 or (digits < 4 and not letters):
        return None
    if NOT_A_REFERENCE.match(token) or YEAR_AND_SEQUENCE.match(token) or REVIEW_PREFIXES.match(token):
        return None
    if " " in token.replace("\u00a0", " ") and (digits < 10 or YEARS_ONLY.match(token)):
        return None
    if phone_starts_at(text, match.start("id")):
        return None  # "contact number 0113 496 0000" is the phone recogniser's
    return Hit(match.start("id"), match.end("id"), 0.85)


def _long_number(text: str, match: re.Match) -> Hit | None:
    """11 or 12 digits not starting with 0 cannot be a dialled UK number; "44 113 496 0000" is one with its
    "+" left off, and "2019 2020 2021" is a row of years in a table."""
    token = match.group("id")
    digits = re.sub(r"\D", "", token)
    if YEARS_ONLY.match(token) or (digits.startswith("44") and PHONE_AFTER_44.fullmatch(digits[2:])):
        return None
    if preceded_by(text, match.start("id"), MONEY_OR_COUNT, window=4):
        return None
    return Hit(match.start("id"), match.end("id"), 0.6)


def _shaped_reference(score: float):
    def judge(text: str, match: re.Match) -> Hit | None:
        if REVIEW_PREFIXES.match(match.group("id")):
            return None
        return Hit(match.start("id"), match.end("id"), score)

    return judge


REFERENCE_RULES = [
    Rule(
        "Reference after a reference word",
        LED_REFERENCE,
        0.85,
        'A number after words such as "crime ref", "case number" or "log"',
        _led_reference,
    ),
    Rule(
        "Police crime number shape",
        re.compile(r"(?<![\w/])(?P<id>\d{2}/\d{5,7}/\d{2})(?![\w/])"),
        0.7,
        "Shaped like a police crime number (13/123456/21)",
        _shaped_reference(0.7),
    ),
    Rule(
        "Force, year and sequence",
        re.compile(r"(?<![\w/-])(?P<id>[A-Z]{2,4}-(?:19|20)\d\d-\d{4,7})(?![\w/-])"),
        0.6,
        "Letters, a year and a long sequence number (WY-2021-004512)",
        _shaped_reference(0.6),
    ),
    Rule(
        "Agency, team and sequence",
        re.compile(r"(?<![\w/-])(?P<id>[A-Z]{2,5}(?:/[A-Z]{1,5})+/\d{4,8})(?![\w/-])"),
        0.6,
        "Agency letters and a long sequence number (LCC/CS/004512)",
        _shaped_reference(0.6),
    ),
    Rule(
        "Letters, year and sequence",
        re.compile(r"(?<![\w/-])(?P<id>[A-Z]{1,5}(?:/[A-Z]{1,5})*/(?:19|20)\d\d/\d{3,8})(?![\w/-])"),
        0.6,
        "System letters, a year and a sequence number (CR/2021/004512, LCC/CP/2019/055)",
        _shaped_reference(0.6),
    ),
    Rule(
        "Letters and a long sequence",
        re.compile(r"(?<![\w/-])(?P<id>[A-Z]{2,4}\d{7,10})(?![\w/-])"),
        0.6,
        "A system's letters run into a sequence of seven or more digits (PR1234567)",
        _shaped_reference(0.6),
    ),
    Rule(
        "Force, year and sequence digits",
        re.compile(
            r"(?<![\w\u00a3$.,/+-])(?P<id>[1-9]\d{10,11}|[1-9]\d{3}[ \u00a0]\d{4}[ \u00a0]\d{3,4})"
            r"(?![\w/-]|[.,]\d|[ \u00a0]\d)"
        ),
        0.6,
        "11 or 12 digits not starting with 0, so no phone number; how forces number crimes (1321 0045 1234)",
        _long_number,
    ),
]

# --- Vehicle registrations ---------------------------------------------------------------------------------

VEHICLE_CONTEXT = re.compile(
    r"\b(?:cars?|vehicles?|vans?|taxis?|cabs?|motor\s?(?:bikes?|cycles?)|mopeds?|scooters?|lorry|lorries"
    r"|trucks?|minibus|pick-?up|4x4|hatchback|saloon|registration|registered|reg\b|number\s+plates?"
    r"|plates?|VRN|VRM|DVLA|ANPR|driving|drove|driven|driver|parked)\b"
    # Makes and unmistakable models, capitalised: "a blue Vauxhall Corsa, V599 UTD".
    r"|\b(?-i:Ford|Vauxhall|Volkswagen|VW|BMW|Audi|Mercedes(?:-Benz)?|Toyota|Nissan|Peugeot|Renault"
    r"|Citro[e\u00eb]n|Kia|Hyundai|Skoda|\u0160koda|SEAT|Fiat|Honda|Mazda|Volvo|Jaguar|Land\s+Rover"
    r"|Range\s+Rover|Suzuki|Mitsubishi|Dacia|Tesla|Lexus|Subaru|Porsche|Yamaha|Kawasaki|Ducati"
    r"|Corsa|Astra|Fiesta|Transit|Qashqai|Yaris|Corolla|Clio|Octavia|Insignia|Sprinter)\b",
    re.IGNORECASE,
)
# 2001 onwards: area letters, age identifier (02-29 March, 51-79 September), three letters.
CURRENT_REGISTRATION = re.compile(
    r"(?<![\w-])(?P<id>[A-HJ-PR-Y]{2}(?:0[2-9]|[12]\d|5[1-9]|[67]\d)[ \u00a0]?[A-HJ-PR-Z]{3})(?![\w-])",
    re.IGNORECASE,
)
# 1983-2001 "A123 BCD" and 1963-1983 "ABC 123D": too like other codes to take without context.
PREFIX_REGISTRATION = re.compile(
    r"(?<![\w-])(?P<id>[A-HJ-NPR-TV-Y]\d{1,3}[ \u00a0]?[A-HJ-PR-Y][A-HJ-PR-Z]{2})(?![\w-])"
)
SUFFIX_REGISTRATION = re.compile(
    r"(?<![\w-])(?P<id>[A-HJ-PR-Z]{3}[ \u00a0]?\d{1,3}[ \u00a0]?[A-HJ-NPR-TV-Y])(?![\w-])"
)


# Dateless: Northern Ireland's letters always include I or Z ("AIZ 1234", "LAZ 4521").
NORTHERN_IRELAND_REGISTRATION = re.compile(
    r"(?<![\w-])(?P<id>[A-Z](?:[A-HJ-Z][IZ]|[IZ][A-HJ-Z])[ \u00a0]?[1-9]\d{0,3})(?![\w-])"
)


def _vehicle_context(text: str, match: re.Match) -> bool:
    start, end = match.start("id"), match.end("id")
    return preceded_by(text, start, VEHICLE_CONTEXT, window=60) or bool(
        VEHICLE_CONTEXT.search(text, end, end + 30)
    )


def _current_registration(text: str, match: re.Match) -> Hit | None:
    """Upper case anywhere (the age identifier is validated by the pattern); lower case only near a
    word about a vehicle."""
    found = match.group("id")
    in_context = _vehicle_context(text, match)
    if found != found.upper() and not in_context:
        return None
    return Hit(match.start("id"), match.end("id"), 0.9 if in_context else 0.6)


def _older_registration(text: str, match: re.Match) -> Hit | None:
    if not _vehicle_context(text, match):
        return None
    return Hit(match.start("id"), match.end("id"), 0.75)


VEHICLE_RULES = [
    Rule(
        "Registration (2001 onwards)",
        CURRENT_REGISTRATION,
        0.6,
        "Two letters, a valid age identifier and three letters (AB12 CDE)",
        _current_registration,
    ),
    Rule(
        "Registration (1983-2001) near a vehicle word",
        PREFIX_REGISTRATION,
        0.75,
        "An older registration (A123 BCD) next to a word about a vehicle",
        _older_registration,
    ),
    Rule(
        "Registration (1963-1983) near a vehicle word",
        SUFFIX_REGISTRATION,
        0.75,
        "An older registration (ABC 123D) next to a word about a vehicle",
        _older_registration,
    ),
    Rule(
        "Northern Ireland registration near a vehicle word",
        NORTHERN_IRELAND_REGISTRATION,
        0.75,
        "A Northern Ireland registration (AIZ 1234) next to a word about a vehicle",
        _older_registration,
    ),
]


def recognisers() -> list:
    return [
        RuleRecogniser(IdentifierType.NHS_NUMBER.value, "CsprNhsNumber", NHS_RULES),
        RuleRecogniser(IdentifierType.NI_NUMBER.value, "CsprNiNumber", NINO_RULES),
        RuleRecogniser(IdentifierType.CASE_REFERENCE.value, "CsprCaseReference", REFERENCE_RULES),
        RuleRecogniser(IdentifierType.VEHICLE_REGISTRATION.value, "CsprVehicleRegistration", VEHICLE_RULES),
    ]
