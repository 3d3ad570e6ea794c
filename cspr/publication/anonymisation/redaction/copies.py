"""The redacted copies of one document, and the check that they really are redacted.

A Word source is redacted in place (its layout is the partnership's); a PDF, web page or text file is read
with the library's extractor and rebuilt as a plain Word document, one original page per page. The PDF is
then drawn from the redacted Word document, so both copies hold the same text. `leftovers` reads both files
back the way the check reads any document: a redaction is only trusted once nothing is found in them.
"""

from dataclasses import dataclass
from pathlib import PurePath

from cspr.library.extract import extract_bytes

from .docx import open_document, rebuilt_document, redact_document, saved
from .pdf import render_pdf
from .text import matches, redact_text


@dataclass(frozen=True)
class RedactedCopies:
    docx: bytes
    pdf: bytes


def redacted_copies(
    data: bytes, filename: str, replacements: dict[str, str], *, title: str
) -> RedactedCopies:
    """`data` (the file called `filename`) with every key of `replacements` replaced by its value, as Word and
    PDF. Raises `cspr.library.extract.ExtractionError` for a file that cannot be read."""
    title = redact_text(title, replacements)
    if PurePath(filename).suffix.lower() == ".docx":
        document = open_document(data)
        redact_document(document, replacements, title=title)
    else:
        # The original's running heads and page numbers are left out: the copy has its own, and a name in
        # a running head is then not published at all.
        document = rebuilt_document(extract_bytes(data, filename).pages, replacements, title=title)
    return RedactedCopies(docx=saved(document), pdf=render_pdf(document, title=title))


def leftovers(copies: RedactedCopies, texts: list[str]) -> list[str]:
    """Which of `texts` can still be read in either copy (ignoring case and spacing, whole words), the
    document properties included: [] after a good redaction."""
    document = open_document(copies.docx)
    properties = document.core_properties
    readable = "\n\n".join(
        [
            extract_bytes(copies.docx, "redacted.docx", everything=True).text,
            extract_bytes(copies.pdf, "redacted.pdf", everything=True).text,
            *(properties.author, properties.last_modified_by, properties.title, properties.subject),
            *(properties.keywords, properties.comments),
        ]
    )
    return [text for text in texts if text.strip() and matches(readable, {text: ""})]
