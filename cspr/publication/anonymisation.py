"""The anonymisation check: text that could identify a child in a document about to be published.

Plain Python (no Django): `extract_text` reads a Word or PDF file, `find_identifying_details` looks through
text for the linked children's names (each part of three letters or more, as a whole word, in any case),
their dates of birth in the ways people write dates, UK postcodes, email addresses and phone numbers.
Each finding says what was found, where (a snippet around it) and why it matters. It is a safety net, not a
proof: a person still reads the report before it is published.
"""

import datetime as dt
import io
import re
from dataclasses import asdict, dataclass
from pathlib import PurePath

CONTEXT_CHARS = 40
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

# Outward code, space optional, inward code (e.g. SW1A 1AA, M1 1AE, B33 8TH).
POSTCODE = re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}\b", re.IGNORECASE)
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
# UK numbers: 07700 900123, 0117 496 0123, +44 7700 900123, (020) 7946 0958.
PHONE = re.compile(r"(?<![\w+])(?:\+44\s?\(?0?\)?\s?|\(?0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}(?!\d)")


@dataclass(frozen=True)
class Finding:
    kind: str
    text: str
    context: str
    why: str
    where: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Child:
    """What identifies one linked child: their name and date of birth (either may be unknown)."""

    name: str
    date_of_birth: dt.date | None
    incident_reference: str


def extract_text(data: bytes, filename: str) -> str:
    """The text of a .docx (paragraphs, tables, headers and footers) or a .pdf; "" for other files."""
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".docx":
        return _docx_text(data)
    if suffix == ".pdf":
        return _pdf_text(data)
    return ""


def _docx_text(data: bytes) -> str:
    from docx import Document

    document = Document(io.BytesIO(data))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    for section in document.sections:
        for part in (section.header, section.footer):
            parts.extend(paragraph.text for paragraph in part.paragraphs)
    return "\n".join(parts)


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def date_spellings(date: dt.date) -> list[str]:
    """The ways a date of birth is commonly written in a report."""
    day, month, year = date.day, date.month, date.year
    name = MONTHS[month - 1]
    suffix = "th" if 11 <= day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    spellings = {
        f"{day} {name} {year}",
        f"{day}{suffix} {name} {year}",
        f"{day} {name[:3]} {year}",
        f"{name} {day}, {year}",
        f"{day:02d}/{month:02d}/{year}",
        f"{day}/{month}/{year}",
        f"{day:02d}/{month:02d}/{year % 100:02d}",
        f"{day:02d}-{month:02d}-{year}",
        f"{day:02d}.{month:02d}.{year}",
        date.isoformat(),
    }
    return sorted(spellings, key=len, reverse=True)


def name_parts(name: str) -> list[str]:
    """Parts of a name long enough to look for without matching every "Al" or "Jo" in a report."""
    return sorted({part for part in re.findall(r"[^\W\d_]+(?:['-][^\W\d_]+)*", name) if len(part) >= 3})


def find_identifying_details(text: str, children: list[Child], where: str = "") -> list[Finding]:
    """Every place in `text` that may identify a child, in the order they appear."""
    found: list[tuple[int, Finding]] = []
    for child in children:
        for part in name_parts(child.name):
            why = f"Part of the real name of a child in incident {child.incident_reference}"
            found += _matches(text, rf"(?<!\w){re.escape(part)}(?!\w)", "Child's name", why, where)
        if child.date_of_birth:
            why = f"The date of birth of a child in incident {child.incident_reference}"
            spelled = "|".join(re.escape(spelling) for spelling in date_spellings(child.date_of_birth))
            found += _matches(text, rf"(?<![\w/.-])(?:{spelled})(?![\w/-])", "Date of birth", why, where)
    found += _matches(text, POSTCODE, "Postcode", "A postcode can locate the family's home", where)
    found += _matches(text, EMAIL, "Email address", "An email address can identify a person", where)
    found += _matches(text, PHONE, "Phone number", "A phone number can identify a person", where)
    return [finding for _, finding in sorted(found, key=lambda pair: pair[0])]


def _matches(text: str, pattern, kind: str, why: str, where: str) -> list[tuple[int, Finding]]:
    compiled = pattern if isinstance(pattern, re.Pattern) else re.compile(pattern, re.IGNORECASE)
    return [
        (match.start(), Finding(kind, match.group(0), _context(text, match.start(), match.end()), why, where))
        for match in compiled.finditer(text)
    ]


def _context(text: str, start: int, end: int) -> str:
    before = text[max(0, start - CONTEXT_CHARS) : start]
    after = text[end : end + CONTEXT_CHARS]
    snippet = f"{'…' if start > CONTEXT_CHARS else ''}{before}{text[start:end]}{after}"
    return " ".join(snippet.split()) + ("…" if end + CONTEXT_CHARS < len(text) else "")
