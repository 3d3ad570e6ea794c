"""The Word copy: a .docx source redacted in place, so its styles, tables and layout survive; any other
source rebuilt as a plain Word document from its extracted pages.

In place means every "story" of the package: the body (text boxes and content controls included), every
header and footer (first-page, even-page and linked ones are separate parts), footnotes and endnotes. A
name can be split over several runs ("Kay" bold, "den Smith" not): each paragraph's text is searched as a
whole and the replacement goes into the first run, keeping its formatting. Things a reader does not see but
a published file carries go too: comments, tracked changes (accepted: deleted text is still in the file),
links whose address holds a redacted text, image descriptions, and the author and other properties.
"""

import io
import re

from docx import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import XmlPart
from docx.oxml.parser import parse_xml
from lxml import etree

from cspr.library.extract import ExtractionError

from .text import matches, redact_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

# Where a document keeps text: the body, headers, footers, notes, and the glossary (saved building blocks).
STORIES = {
    CT.WML_DOCUMENT_MAIN, CT.WML_HEADER, CT.WML_FOOTER, CT.WML_FOOTNOTES, CT.WML_ENDNOTES,
    CT.WML_DOCUMENT_GLOSSARY,
}  # fmt: skip
# The parts a document's comments live in (Word 2013+ adds the last four); "people" names their authors.
COMMENT_PARTS = {"comments", "commentsExtended", "commentsIds", "commentsExtensible", "people"}
# Package-level parts that can name people or show them: custom properties, the "Manager" and "Company" of
# app.xml, and a thumbnail picture of the first page. Word recreates app.xml when it next saves.
DROPPED_PACKAGE_PARTS = {RT.CUSTOM_PROPERTIES, RT.EXTENDED_PROPERTIES, RT.THUMBNAIL}
# Tracked changes are accepted: deletions (whose text is still in the file) go, insertions stay as text.
DELETIONS = (f"{W}del", f"{W}moveFrom")
INSERTIONS = (f"{W}ins", f"{W}moveTo")
CHANGE_RECORDS = tuple(
    f"{W}{name}"
    for name in (
        "rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "tcPrChange", "trPrChange", "tblGridChange",
        "tblPrExChange", "numberingChange", "moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart",
        "moveToRangeEnd",
    )
)  # fmt: skip
# Text a paragraph shows, in order; tabs and breaks read as a space so "Kayden<tab>Smith" is two words.
PARAGRAPH_TEXT = (f"{W}t", f"{W}tab", f"{W}br", f"{W}cr")
# Attributes holding alternative text for pictures and shapes (read aloud by screen readers).
ALT_TEXT = ("descr", "title", "alt")


def open_document(data: bytes):
    try:
        return Document(io.BytesIO(data))
    except Exception as error:  # zip, XML and package errors all mean the same to the user
        raise ExtractionError("The file is not a readable Word document") from error


def saved(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def redact_document(document, replacements: dict[str, str], *, title: str) -> None:
    """Redact `document` (python-docx) in place; `title` (already redacted) becomes its title property."""
    _remove_comments(document)
    package = document.part.package
    for part in list(package.iter_parts()):
        if part.content_type not in STORIES:
            continue
        element = part.element if isinstance(part, XmlPart) else parse_xml(part.blob)
        _accept_changes(element)
        _unlink_redacted_addresses(part, element, replacements)
        for paragraph in list(element.iter(f"{W}p")):
            redact_paragraph(paragraph, replacements)
        _redact_fields_and_alt_text(element, replacements)
        if not isinstance(part, XmlPart):
            # python-docx reads footnotes and endnotes as plain parts: write the redacted XML back.
            part._blob = etree.tostring(element, xml_declaration=True, encoding="UTF-8", standalone=True)
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype in DROPPED_PACKAGE_PARTS:
            del package.rels[rel_id]
    clear_properties(document, title=title)


def redact_paragraph(paragraph, replacements: dict[str, str]) -> None:
    """Replace across runs: the paragraph's text is searched whole; each replacement is written into the
    run where the found text starts, and the rest of the found text is cut from the runs after it."""
    segments = [
        element
        for element in paragraph.iter(*PARAGRAPH_TEXT)
        if next(element.iterancestors(f"{W}p")) is paragraph  # not a text box's paragraph inside a run
    ]
    texts = [(element.text or "") if element.tag == f"{W}t" else " " for element in segments]
    found = matches("".join(texts), replacements)
    starts = []
    offset = 0
    for text in texts:
        starts.append(offset)
        offset += len(text)
    # Last match first: an earlier match's offsets stay valid while later text changes.
    for match in reversed(found):
        first = True
        for element, start, length in zip(segments, starts, (len(text) for text in texts), strict=True):
            end = start + length
            if end <= match.start or start >= match.end:
                continue
            if element.tag != f"{W}t":  # a tab or break inside a found text goes with it
                element.getparent().remove(element)
                continue
            text = element.text or ""
            before = text[: max(match.start - start, 0)] if first else ""
            after = text[match.end - start :] if match.end < end else ""
            element.text = before + (match.replacement if first else "") + after
            element.set(XML_SPACE, "preserve")
            first = False


def clear_properties(document, *, title: str) -> None:
    """Properties Word fills in with people's names (author, last editor) or free text that may hold one."""
    properties = document.core_properties
    properties.author = ""
    properties.last_modified_by = ""
    properties.title = title
    properties.subject = ""
    properties.keywords = ""
    properties.comments = ""
    properties.category = ""
    properties.content_status = ""
    properties.identifier = ""


def rebuilt_document(pages: list[str], replacements: dict[str, str], *, title: str):
    """A plain Word document from extracted pages: the title, then each page's paragraphs redacted, with a
    page break between pages. Short unpunctuated lines become headings, bulleted lines list items, and runs
    of table rows ("cell | cell", how the extractor writes a table row) tables."""
    document = Document()
    clear_properties(document, title=title)
    document.add_heading(title, level=0)
    for number, page in enumerate(pages):
        if number:
            document.add_page_break()
        blocks = (STRAY_MARKER.sub("", " ".join(block.split())) for block in BLANK_LINE.split(page))
        paragraphs = [redact_text(block, replacements) for block in blocks]
        _add_page(document, [paragraph for paragraph in paragraphs if paragraph])
    return document


BLANK_LINE = re.compile(r"\n\s*\n")
BULLET = re.compile(r"^[\u2022\u25cf\u25aa\u2013*-]\s+")
# pypdf reads some PDFs' list markers after the item's text ("Child K was 3.•"): they are not text.
STRAY_MARKER = re.compile(r"\s*[\u2022\u25cf\u25aa]+$")
PAGE_NUMBER = re.compile(r"^(page\s*)?\d{1,4}(\s*(of|/)\s*\d{1,4})?$", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.,;:!?\"”’)]$")


def _add_page(document, paragraphs: list[str]) -> None:
    rows: list[list[str]] = []
    for paragraph in paragraphs:
        cells = [cell.strip() for cell in paragraph.split(" | ")]
        if rows and len(cells) != len(rows[0]):
            _add_table(document, rows)
            rows = []
        if len(cells) > 1:
            rows.append(cells)
        elif PAGE_NUMBER.match(paragraph) or not any(character.isalnum() for character in paragraph):
            continue  # the original's page numbers (the copy has its own), or a bullet read apart
        elif BULLET.match(paragraph):
            document.add_paragraph(BULLET.sub("", paragraph), style="List Bullet")
        elif _looks_like_heading(paragraph):
            document.add_heading(paragraph, level=1)
        else:
            document.add_paragraph(paragraph)
    if rows:
        _add_table(document, rows)


def _looks_like_heading(text: str) -> bool:
    return (
        len(text) <= 80
        and len(text.split()) <= 10
        and not SENTENCE_END.search(text)
        and (text[0].isupper() or text[0].isdigit())
        and any(character.isalpha() for character in text)
    )


def _add_table(document, rows: list[list[str]]) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for cells, row in zip(rows, table.rows, strict=True):
        for text, cell in zip(cells, row.cells, strict=True):
            cell.text = text


def _remove_comments(document) -> None:
    body = document.element
    for marker in list(body.iter(f"{W}commentRangeStart", f"{W}commentRangeEnd", f"{W}commentReference")):
        parent = marker.getparent()
        parent.remove(marker)
        if parent.tag == f"{W}r" and all(child.tag == f"{W}rPr" for child in parent):
            parent.getparent().remove(parent)
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype.rsplit("/", 1)[-1] in COMMENT_PARTS:
            del document.part.rels[rel_id]


def _accept_changes(element) -> None:
    for change in list(element.iter(*DELETIONS, *CHANGE_RECORDS)):
        change.getparent().remove(change)
    for insertion in list(element.iter(*INSERTIONS)):
        parent = insertion.getparent()
        position = parent.index(insertion)
        for offset, child in enumerate(list(insertion)):
            parent.insert(position + offset, child)
        parent.remove(insertion)


def _unlink_redacted_addresses(part, element, replacements: dict[str, str]) -> None:
    """A link to "mailto:kay.smith@..." or a family member's social media page keeps its text (redacted
    with the paragraph) but loses the address."""
    for rel_id, rel in list(part.rels.items()):
        if rel.reltype != RT.HYPERLINK or not rel.is_external:
            continue
        if not matches(rel.target_ref, replacements):
            continue
        for link in list(element.iter(f"{W}hyperlink")):
            if link.get(R_ID) == rel_id:
                parent = link.getparent()
                position = parent.index(link)
                for offset, child in enumerate(list(link)):
                    parent.insert(position + offset, child)
                parent.remove(link)
        del part.rels[rel_id]


def _redact_fields_and_alt_text(element, replacements: dict[str, str]) -> None:
    for instruction in element.iter(f"{W}instrText"):
        instruction.text = redact_text(instruction.text or "", replacements)
    for field in element.iter(f"{W}fldSimple"):
        field.set(f"{W}instr", redact_text(field.get(f"{W}instr", ""), replacements))
    for item in element.iter():
        for attribute in ALT_TEXT:
            value = item.get(attribute)
            if value:
                item.set(attribute, redact_text(value, replacements))
