"""Where a family lives: street addresses and postcodes.

Presidio's postcode recogniser scores a bare postcode at 0.1 (only "postcode" or "address" nearby lifts
it), so a postcode in running text or a table would be lost below the checker's threshold. Ours takes any
postcode whose letters are in the places Royal Mail allows, in upper or lower case, with or without the
space, and a postcode district ("LS6") only right after the word "postcode".

A street address is a house number (with "Flat 3," before it or "22a", "22-24") and a capitalised street
name ending in a street word ("14 Acacia Road"), or a street name alone right after "on", "in", "at",
"to"... ("the family lived on Acacia Road"). Without a number the street name must not run on into another
capitalised word ("at Park Road Medical Centre" is a GP practice, which the places recogniser finds), and
the courts ("Leeds Crown Court", "the Family Court") are never addresses. Names ending in a word that is as
often a park, green, bank or district as a street ("Roundhay Park", "Leeds Food Bank", "West End") count
without a number only after "lived on", "off" or "along".
"""

import re

from ..findings import IdentifierType
from .structured import Hit, Rule, RuleRecogniser, preceded_by

# --- Postcodes ---------------------------------------------------------------------------------------------

OUTWARD = r"[A-PR-UWYZ](?:\d[\dABCDEFGHJKPSTUW]?|[A-HK-Y]\d[\dABEHMNPRVWXY]?)"
INWARD = r"\d[ABD-HJLNP-UW-Z]{2}"
POSTCODE_PATTERN = rf"(?:GIR[ \u00a0]?0AA|{OUTWARD}[ \u00a0]?{INWARD})"
POSTCODE = re.compile(rf"(?<![\w-])(?P<id>{POSTCODE_PATTERN})(?![\w-])", re.IGNORECASE)
POSTCODE_DISTRICT = re.compile(
    rf"\bpost\s?code(?:\s+(?:area|district|of|is|was))*[\s:]+(?P<id>{OUTWARD})(?![\w-]|[ \u00a0]?{INWARD})",
    re.IGNORECASE,
)


ORDINAL = re.compile(r"(?:1st|2nd|3rd|\dth)$")


def _postcode(text: str, match: re.Match) -> Hit | None:
    """Written the Royal Mail way ("LS6 2AB") it is surely a postcode; run together or in lower case
    ("ls62ab") a little less surely. "KS2 1st" and "Y6 3rd" are a key stage or school year and an
    ordinal, not a postcode."""
    found = match.group("id")
    if ORDINAL.search(found):
        return None
    tidy = found == found.upper() and not found.isalnum()
    return Hit(match.start("id"), match.end("id"), 0.9 if tidy else 0.75)


POSTCODE_RULES = [
    Rule(
        "UK postcode",
        POSTCODE,
        0.9,
        "An outward code and an inward code with the letters Royal Mail uses",
        _postcode,
    ),
    Rule(
        "Postcode district after 'postcode'",
        POSTCODE_DISTRICT,
        0.6,
        'The first half of a postcode, introduced by the word "postcode"',
    ),
]

# --- Street addresses --------------------------------------------------------------------------------------

STREET_WORDS = (
    "Road|Street|Lane|Avenue|Close|Drive|Crescent|Way|Grove|Terrace|Gardens|Court|Place|Square|Walk|Mews"
    "|Rise|View|Hill|Row|Parade|Vale|Fold|Croft|Garth|Approach|Boulevard|Wynd|Wharf|Quay|Heights|Mount"
    "|Hollow|Dene|Mead|Glade|Nook|Spinney|Loan|Brae|Causeway|Esplanade|Promenade|Embankment|Crossway"
    "|Rd|St|Ave|Ln|Cres|Gdns|Ct|Pl|Sq|Terr|Tce"
)
# With no number these are as often parks, greens, woods, banks and districts as streets, so alone they
# need a preposition only streets take ("lived on Meanwood Park"; not "at Roundhay Park").
NUMBERED_ONLY_WORDS = (
    "Park|Green|Bank|Gate|Chase|Yard|Meadows?|Brow|Side|Common|Walks|Wood|Fields?|Orchard|Grange|Dale"
    "|Lea|Leys|End|Ridge|Paddock|Cottages|Villas|Buildings|Mansions|Passage|Circus|Link|Circle|Hey|Ings|Dr|Cl|Gr"
)
NAME_WORD = r"(?:St\.?\s|Saint\s)?[A-Z][A-Za-z'\u2019]+(?:-[A-Za-z'\u2019]+)*"
# Between the words of an address: a space, or a line break inside a paragraph (PDF text wraps mid-address).
GAP = r"(?:[ \u00a0]|\n(?!\n))"
STREET_NAME = rf"(?P<name>{NAME_WORD}(?:{GAP}{NAME_WORD}){{0,2}})"
HOUSE_NUMBER = r"\d{1,4}[A-Za-z]?(?:[ \u00a0]?[-\u2013][ \u00a0]?\d{1,4}[A-Za-z]?)?"
FLAT = r"(?:(?:Flat|Apartment|Apt\.?|Unit|Room|Maisonette)[ \u00a0]+\d{1,4}[A-Za-z]?,?[ \u00a0]+)"
TOWN_AND_POSTCODE = (
    rf"(?:,?[ \u00a0]+(?:[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?,?[ \u00a0]+)?(?i:{POSTCODE_PATTERN})(?![\w-]))"
)

NUMBERED_ADDRESS = re.compile(
    rf"(?<![\w\u00a3$.,:/-])(?P<id>(?P<flat>{FLAT})?(?P<number>{HOUSE_NUMBER}),?{GAP}+{STREET_NAME}"
    rf"{GAP}"
    rf"(?P<suffix>(?:{STREET_WORDS}|{NUMBERED_ONLY_WORDS})\b){TOWN_AND_POSTCODE}?)"
)
NAMED_STREET = re.compile(
    rf"\b(?:on|in|at|to|from|off|along|near|into|onto|via|down|up|opposite){GAP}+"
    rf"(?P<id>{STREET_NAME}{GAP}(?P<suffix>(?:{STREET_WORDS})\b))(?!{GAP}+[A-Z][a-z]|['\u2019]s\b)"
)
STREET_ONLY_PREPOSITION = re.compile(
    rf"\b(?:(?:lived|lives|living|lodged|stayed|staying|house|home|flat|property){GAP}+on|off|along)"
    rf"{GAP}+(?P<id>{STREET_NAME}{GAP}(?P<suffix>(?:{NUMBERED_ONLY_WORDS})\b))"
    rf"(?!{GAP}+[A-Z][a-z]|['\u2019]s\b)"
)
COURTS = frozenset(
    [
        "Crown",
        "Family",
        "County",
        "Magistrates",
        "Magistrates'",
        "Youth",
        "High",
        "Combined",
        "Appeal",
        "Appeals",
        "Supreme",
        "Coroner's",
        "Coroners",
        "Coroners'",
        "Civil",
        "Criminal",
        "Juvenile",
        "Royal",
        "Sheriff",
    ]
)
# Words that start a phrase, not a street name ("in This Way", "at a Safe Place").
NOT_STREET_NAMES = frozenset(
    [
        "The",
        "This",
        "That",
        "These",
        "Those",
        "A",
        "An",
        "No",
        "Any",
        "Every",
        "Each",
        "Our",
        "Their",
        "My",
        "Your",
        "His",
        "Her",
        "Its",
        "Same",
        "Other",
        "Another",
        "Safe",
        "Right",
        "Wrong",
        "Best",
        "Better",
        "Good",
        "Way",
        "Child",
        "Children",
        "Mother",
        "Father",
        "Family",
        "Parent",
        "Parents",
    ]
)

# A number after these words numbers a part of the report or a service, not a house ("Recommendation 3
# Leeds Way of working", "Ward 12 Park View").
NUMBERING_WORD = re.compile(
    r"\b(?:recommendations?|findings?|sections?|paragraphs?|paras?|chapters?|appendix|appendices|pages?"
    r"|tables?|figures?|steps?|stages?|phases?|levels?|years?|wards?|teams?|cases?|priorit(?:y|ies)"
    r"|principles?|parts?|points?|themes?|questions?|options?|tiers?|versions?|articles?|annex|schedules?"
    r"|items?|key\s+stage)[\s.:]*$",
    re.IGNORECASE,
)


def _street(score: float):
    def judge(text: str, match: re.Match) -> Hit | None:
        words = match.group("name").split()
        if words[0] in NOT_STREET_NAMES:
            return None
        if match.group("suffix") in ("Court", "Ct") and COURTS.intersection(words):
            return None
        if "number" in match.re.groupindex:
            if re.fullmatch(r"(?:19|20)\d\d", match.group("number")):
                return None
            if not match.group("flat") and preceded_by(text, match.start("id"), NUMBERING_WORD, window=30):
                return None
        return Hit(match.start("id"), match.end("id"), score)

    return judge


ADDRESS_RULES = [
    Rule(
        "House number and street",
        NUMBERED_ADDRESS,
        0.85,
        'A house number and a street name ("14 Acacia Road", "Flat 3, 22 Mill Lane")',
        _street(0.85),
    ),
    Rule(
        "Street named as where someone lived",
        NAMED_STREET,
        0.6,
        'A street name after "on", "in", "at" or "to" ("lived on Acacia Road")',
        _street(0.6),
    ),
    Rule(
        "Street named as where someone lived",
        STREET_ONLY_PREPOSITION,
        0.6,
        'A name ending in "Park", "Green"... after "lived on", "off" or "along" ("lived on Meanwood Park")',
        _street(0.6),
    ),
]


def recognisers() -> list:
    return [
        RuleRecogniser(IdentifierType.POSTCODE.value, "CsprUkPostcode", POSTCODE_RULES),
        RuleRecogniser(IdentifierType.STREET_ADDRESS.value, "CsprStreetAddress", ADDRESS_RULES),
    ]
