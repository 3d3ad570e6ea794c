"""The files an agency may send as evidence that an action is done, and how they are checked.

Evidence is what agencies already produce: audit reports and policies (PDF, Word), training figures
(Excel, CSV), notes (text) and photographs or screenshots (PNG, JPEG). A file must be under 20MB and its
first bytes must match its type, so a program renamed as a PDF is refused; a text file must be readable
text. Downloads are served with the type worked out here, never the one the browser sent.
"""

from pathlib import Path
from typing import NamedTuple

from django import forms

MAX_BYTES = 20 * 1024 * 1024
# How much of a CSV or text file is read to check that it is text.
TEXT_SAMPLE_BYTES = 64 * 1024


class FileType(NamedTuple):
    name: str
    content_type: str
    # The bytes the file must start with; None for text, which is checked by reading it.
    signature: bytes | None


TYPES = {
    ".pdf": FileType("PDF", "application/pdf", b"%PDF-"),
    ".docx": FileType(
        "DOCX",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        b"PK\x03\x04",
    ),
    ".xlsx": FileType(
        "XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK\x03\x04"
    ),
    ".csv": FileType("CSV", "text/csv", None),
    ".txt": FileType("TXT", "text/plain", None),
    ".png": FileType("PNG", "image/png", b"\x89PNG\r\n\x1a\n"),
    ".jpg": FileType("JPEG", "image/jpeg", b"\xff\xd8\xff"),
    ".jpeg": FileType("JPEG", "image/jpeg", b"\xff\xd8\xff"),
}
ALLOWED = "a PDF, Word document (DOCX), spreadsheet (XLSX or CSV), text file (TXT) or picture (PNG or JPEG)"


def file_type(name: str) -> FileType | None:
    return TYPES.get(Path(name).suffix.lower())


def content_type(name: str) -> str:
    """The type a stored evidence file is served as."""
    found = file_type(name)
    return found.content_type if found else "application/octet-stream"


def _is_text(sample: bytes) -> bool:
    """No NUL bytes, and UTF-8 (the sample may stop part way through a character) or Windows text, as
    Excel writes CSV files."""
    if b"\x00" in sample:
        return False
    try:
        sample.decode("utf-8")
        return True
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data":
            return True
    try:
        sample.decode("cp1252")
        return True
    except UnicodeDecodeError:
        return False


def validate_evidence(upload) -> None:
    """Refuse a file of another type, over 20MB, or whose content is not what its name says."""
    found = file_type(upload.name)
    if found is None:
        raise forms.ValidationError(f"The selected file must be {ALLOWED}")
    if upload.size > MAX_BYTES:
        raise forms.ValidationError("The selected file must be smaller than 20MB")
    upload.seek(0)
    start = upload.read(len(found.signature) if found.signature else TEXT_SAMPLE_BYTES)
    upload.seek(0)
    real = start == found.signature if found.signature else _is_text(start)
    if not real:
        raise forms.ValidationError(f"The selected file is not a real {found.name} file: upload it again")
