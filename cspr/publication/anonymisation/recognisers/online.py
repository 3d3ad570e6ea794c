"""Ways to reach a person: UK phone numbers, email addresses and social media handles.

Presidio's phone recogniser asks Google's `phonenumbers` whether a number is in service, and so misses the
Ofcom drama ranges (07700 900123, 0113 496 0000) that every made-up example and many training texts use, and
scores what it does find at 0.4. Ours reads the number's shape instead: a UK number is 0 (or +44, with or
without "(0)") and ten more digits in at most four groups, or ten digits in all for some 01 areas.
Freephone, shared-cost and premium numbers (08, 09) are left alone: in these reports they are helplines
(Childline, the NSPCC), never a family's number.

Social media handles are taken from "@name" (never the "@" inside an email address), from a platform name
followed by a handle ("Snapchat: kay.d", "Instagram user kaydz123") and from profile addresses
(facebook.com/..., tiktok.com/@...).
"""

import re

from ..findings import IdentifierType
from .structured import Hit, Rule, RuleRecogniser, preceded_by

# --- Phone numbers -----------------------------------------------------------------------------------------

PHONE_CANDIDATE = re.compile(r"(?<![\w+/.,-])(?P<id>(?:\(?\+\s?44\)?|\b0044|\(0|\b0)[\d \u00a0().-]{8,24})")
PHONE_CONTEXT = re.compile(
    r"\b(?:tel|telephone|phone|mobile|mob|landline|number|contact|called|rang|ring|text(?:ed)?|whatsapp)\b",
    re.IGNORECASE,
)
# The digits of a national number (leading 0 included) a person or household would have.
PERSONAL_NUMBER = re.compile(r"0[1237]\d{9}|01\d{8}")
DIGIT_GROUP = re.compile(r"\d+")


def _phone(text: str, match: re.Match) -> Hit | None:
    raw = match.group("id")
    start = match.start("id")
    international = raw.lstrip("(").startswith(("+", "0044"))
    body_at = 0
    if international:
        body_at = raw.index("44", 1 if raw.startswith("(") else 0) + 2
        trunk = re.match(r"[ \u00a0]*\(0\)", raw[body_at:])
        if trunk:
            body_at += trunk.end()
    groups = list(DIGIT_GROUP.finditer(raw, body_at))
    if not groups or (not international and len(groups[0].group()) < 3):
        return None
    digits = ""
    end = None
    for count, group in enumerate(groups, start=1):
        digits += group.group()
        national = "0" + digits if international else digits
        if count > 4 or len(national) > 11:
            break
        if PERSONAL_NUMBER.fullmatch(national):
            end = start + group.end()
    if end is None:
        return None
    in_context = preceded_by(text, start, PHONE_CONTEXT, window=40)
    return Hit(start, end, 0.95 if in_context else 0.85)


def phone_starts_at(text: str, start: int) -> bool:
    """Whether a UK phone number begins at `start`: other recognisers use it to leave phone numbers alone
    ("contact number 0113 496 0000" is not a case reference)."""
    match = PHONE_CANDIDATE.match(text, start)
    return match is not None and _phone(text, match) is not None


PHONE_RULES = [
    Rule(
        "UK phone number",
        PHONE_CANDIDATE,
        0.85,
        "A UK mobile or landline number (0 or +44 and ten digits)",
        _phone,
    )
]

# --- Email addresses ---------------------------------------------------------------------------------------

EMAIL = re.compile(
    r"(?<![\w.+-])(?P<id>[A-Za-z0-9](?:[A-Za-z0-9._%+'-]*[A-Za-z0-9_%+-])?"
    r"\s?(?:@|\[at\]|\(at\))\s?"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,})(?![\w-])"
)

EMAIL_RULES = [
    Rule(
        "Email address",
        EMAIL,
        0.95,
        'A name, "@" (or "[at]") and an internet domain',
    )
]

# --- Social media handles ----------------------------------------------------------------------------------

AT_HANDLE = re.compile(r"(?<![\w.@/:+-])(?P<id>@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)(?![\w@])")
TIME = re.compile(r"^@\d{1,2}(?:[.:]\d\d)?(?:am|pm)?$", re.IGNORECASE)
DOMAIN_ENDING = re.compile(r"\.(?:com|co|uk|net|org|gov|nhs|sch|ac)\b", re.IGNORECASE)

# Brand names that are also English words ("Snap", "Threads", "Steam") count only capitalised.
PLATFORM = (
    r"(?:(?i:snapchat|instagram|tik\s?tok|facebook|whatsapp|discord|youtube|twitter|telegram|roblox"
    r"|onlyfans|linkedin)|Snap|Insta|IG|FB|Messenger|Kik|Twitch|Reddit|Threads|BeReal|Xbox(?:\s+Live)?"
    r"|PSN|PlayStation|Steam|Yubo|Wizz|Tinder|Grindr)"
)
HANDLE_LABEL = r"(?:user\s?name|username|user|handle|account(?:\s+name)?|profile|name|ID|page|called|named)"
NAMING_WORD = re.compile(r"user|handle|name|called|ID", re.IGNORECASE)
PLATFORM_HANDLE = re.compile(
    rf"\b{PLATFORM}(?P<label>(?:\s+{HANDLE_LABEL}\b)*)\s*(?P<colon>[:\-\u2013])?\s*(?:(?:is|was|as)\s+)?"
    r"(?P<id>@?[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?)(?![\w@]|\.[A-Za-z]{2,})"
)
NOT_HANDLES = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "was",
        "is",
        "are",
        "were",
        "be",
        "been",
        "to",
        "with",
        "from",
        "on",
        "in",
        "at",
        "for",
        "of",
        "by",
        "as",
        "via",
        "through",
        "about",
        "account",
        "accounts",
        "user",
        "users",
        "username",
        "handle",
        "profile",
        "page",
        "pages",
        "group",
        "groups",
        "chat",
        "chats",
        "message",
        "messages",
        "messaging",
        "messenger",
        "post",
        "posts",
        "posted",
        "video",
        "videos",
        "story",
        "stories",
        "photo",
        "photos",
        "picture",
        "pictures",
        "image",
        "images",
        "app",
        "apps",
        "platform",
        "platforms",
        "live",
        "call",
        "calls",
        "he",
        "she",
        "they",
        "it",
        "her",
        "his",
        "their",
        "him",
        "them",
        "we",
        "you",
        "i",
        "me",
        "who",
        "which",
        "that",
        "this",
        "there",
        "where",
        "when",
        "what",
        "child",
        "children",
        "mother",
        "father",
        "parent",
        "parents",
        "friend",
        "friends",
        "boyfriend",
        "girlfriend",
        "sibling",
        "siblings",
        "contact",
        "contacts",
        "request",
        "requests",
        "also",
        "only",
        "then",
    ]
)

PROFILE_ADDRESS = re.compile(
    r"(?<![\w@.-])(?P<id>(?:https?://)?(?:(?:www|m|vm|web|mobile)\.)?"
    r"(?:facebook\.com|fb\.com|fb\.me|instagram\.com|tiktok\.com|twitter\.com|x\.com|snapchat\.com"
    r"|youtube\.com|threads\.net|linkedin\.com|t\.me)/[^\s<>\"')\]]+)",
    re.IGNORECASE,
)


def _at_handle(text: str, match: re.Match) -> Hit | None:
    handle = match.group("id")
    if TIME.match(handle) or not any(character.isalpha() for character in handle):
        return None
    if DOMAIN_ENDING.search(handle):
        return None
    return Hit(match.start("id"), match.end("id"), 0.85)


def _platform_handle(text: str, match: re.Match) -> Hit | None:
    """After a platform name a handle is taken when it looks like one (digits, "_", "." or "@"), or when
    a naming word ("user", "handle", "called") or a colon introduces it and it is not an ordinary word; a
    capitalised plain word ("Snapchat: Mother") only after a naming word. "Her Instagram account was
    closed" names no one."""
    handle = match.group("id")
    if handle.lower() in NOT_HANDLES:
        return None
    shaped = handle.startswith("@") or any(character in "_." or character.isdigit() for character in handle)
    named = bool(NAMING_WORD.search(match.group("label")))
    if not shaped:
        if not (named or match.group("colon")):
            return None
        if handle[0].isupper() and not named:
            return None
    return Hit(match.start("id"), match.end("id"), 0.85)


def _profile_address(text: str, match: re.Match) -> Hit | None:
    """The address without the full stop or comma of the sentence it ends."""
    end = match.end("id")
    while text[end - 1] in ".,;:!?":
        end -= 1
    return Hit(match.start("id"), end, 0.95)


SOCIAL_MEDIA_RULES = [
    Rule("Handle (@name)", AT_HANDLE, 0.85, 'A social media handle written "@name"', _at_handle),
    Rule(
        "Handle after a platform name",
        PLATFORM_HANDLE,
        0.85,
        'A user name after a platform name ("Snapchat: kay.d")',
        _platform_handle,
    ),
    Rule(
        "Profile address",
        PROFILE_ADDRESS,
        0.95,
        "The web address of a person's profile on a social media site",
        _profile_address,
    ),
]


def recognisers() -> list:
    return [
        RuleRecogniser(IdentifierType.PHONE_NUMBER.value, "CsprUkPhoneNumber", PHONE_RULES),
        RuleRecogniser(IdentifierType.EMAIL_ADDRESS.value, "CsprEmailAddress", EMAIL_RULES),
        RuleRecogniser(IdentifierType.SOCIAL_MEDIA_HANDLE.value, "CsprSocialMediaHandle", SOCIAL_MEDIA_RULES),
    ]
