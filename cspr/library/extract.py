"""Text out of the reports people import: PDF, Word (.docx), HTML, plain text and Markdown.

Every format comes out the same way: a list of pages, each page its paragraphs separated by blank lines,
headings kept as their own short paragraphs. Passages (the unit of search), theme evidence and
recommendations are all found in that text, so the paragraph breaks matter more than the layout.
Reports are untrusted input: a file that cannot be read raises `ExtractionError` with a sentence a user can
act on, and never anything else, so one bad file in a folder does not stop the rest.

No Django here: the tagger's command line and the benchmark use it as well.
"""

import io
import logging
import re
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path, PurePath

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
HTML = "text/html"
TEXT = "text/plain"
MARKDOWN = "text/markdown"

MEDIA_TYPES = {
    ".pdf": PDF,
    ".docx": DOCX,
    ".html": HTML,
    ".htm": HTML,
    ".txt": TEXT,
    ".md": MARKDOWN,
    ".markdown": MARKDOWN,
}
SUPPORTED_SUFFIXES = tuple(MEDIA_TYPES)

# Formats people will try that we cannot read, with what to do instead.
# pypdf logs a warning for every oddity of a damaged file; the importer reports the file in one sentence.
logging.getLogger("pypdf").setLevel(logging.ERROR)

UNSUPPORTED_ADVICE = {
    ".doc": "Old Word (.doc) files cannot be read: save it as .docx or PDF and import that",
    ".rtf": "Rich text (.rtf) files cannot be read: save it as .docx or PDF and import that",
    ".odt": "OpenDocument (.odt) files cannot be read: save it as .docx or PDF and import that",
    ".pptx": "Slides cannot be read: import the report as PDF or .docx",
}


class ExtractionError(Exception):
    """A file that cannot be read; the message is a sentence shown to the person importing it."""


@dataclass
class ExtractedText:
    """The pages of a report, each its paragraphs separated by blank lines (see the module docstring)."""

    pages: list[str]
    media_type: str

    @property
    def text(self) -> str:
        return "\n\n".join(self.pages)

    @property
    def page_count(self) -> int:
        return len(self.pages)

    def paragraphs(self) -> list[tuple[int, str]]:
        """(page number from 1, paragraph text) in reading order: what becomes the entry's passages."""
        found = []
        for number, page in enumerate(self.pages, start=1):
            for block in BLANK_LINE.split(page):
                paragraph = " ".join(block.split())
                if paragraph:
                    found.append((number, paragraph))
        return found


def extract_file(path) -> ExtractedText:
    """The text of the file at `path` (a `str` or `Path`)."""
    path = Path(path)
    _check_suffix(path.name)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ExtractionError("The file could not be opened") from error
    return extract_bytes(data, path.name)


def extract_bytes(data: bytes, name: str, *, everything: bool = False) -> ExtractedText:
    """The text of a file's contents; `name` (its file name) says which format it is in. With `everything`
    (the anonymisation check) nothing is dropped as noise: PDF running heads and footers stay, and a Word
    document's headers and footers come first on page 1, since a name in a footer is published too."""
    suffix = _check_suffix(name)
    media_type = MEDIA_TYPES[suffix]
    if not data:
        raise ExtractionError("The file is empty")
    reader = READERS[media_type]
    raw = reader(data, everything=True) if everything and media_type in (PDF, DOCX) else reader(data)
    pages = [_clean(page) for page in raw]
    while pages and not pages[-1].strip():  # a file ending in a page break has no blank last page
        pages.pop()
    if not any(page.strip() for page in pages):
        if media_type == PDF:
            raise ExtractionError("The PDF has no text in it: it may be scanned pages, which cannot be read")
        raise ExtractionError("The file has no text in it")
    return ExtractedText(pages=pages, media_type=media_type)


def _check_suffix(name: str) -> str:
    suffix = PurePath(name).suffix.lower()
    if suffix in MEDIA_TYPES:
        return suffix
    if suffix in UNSUPPORTED_ADVICE:
        raise ExtractionError(UNSUPPORTED_ADVICE[suffix])
    raise ExtractionError("The file is not a PDF, Word (.docx), HTML, text or Markdown file")


# --- PDF ---------------------------------------------------------------------------------------------------


def _pdf_pages(data: bytes, everything: bool = False) -> list[str]:
    """Page by page, so passages keep the page number a reader would cite."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _opened_without_password(reader):
            raise ExtractionError("The PDF is encrypted: it needs a password to open")
        raw = [page.extract_text() or "" for page in reader.pages]
    except ExtractionError:
        raise
    except (DependencyError, FileNotDecryptedError) as error:
        raise ExtractionError("The PDF is encrypted in a way cspr cannot open") from error
    except Exception as error:  # pypdf raises many kinds of error for a damaged file
        raise ExtractionError("The file is not a readable PDF") from error
    lines = [[line.strip() for line in page.splitlines()] for page in raw]
    lines = (
        [[line for line in page if line] for page in lines] if everything else _without_running_heads(lines)
    )
    width = _typical_width(line for page in lines for line in page)
    return ["\n\n".join(_paragraphs_from_lines(page, width)) for page in lines]


def _opened_without_password(reader) -> bool:
    """Many published reports are "encrypted" only to stop copying, with an empty password to open them."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # an unknown encryption is reported as encrypted, not as a crash
        return False


PAGE_NUMBER = re.compile(r"^(page\s*)?\d{1,4}(\s*(of|/)\s*\d{1,4})?$", re.IGNORECASE)


def _without_running_heads(pages: list[list[str]]) -> list[list[str]]:
    """Drop page numbers and a header or footer line repeated on most pages: noise in every passage. Only
    a page's first and last lines are looked at, where headers and footers are."""
    pages = [[line for line in page if line] for page in pages]
    repeated: set[str] = set()
    if len(pages) >= 3:
        counts: dict[str, int] = {}
        for page in pages:
            for shape in {_shape(line) for line in page[:1] + page[-1:]}:
                counts[shape] = counts.get(shape, 0) + 1
        repeated = {shape for shape, count in counts.items() if count >= 0.6 * len(pages)}
    return [
        [line for index, line in enumerate(page) if not _is_running(page, index, repeated)] for page in pages
    ]


def _is_running(page: list[str], index: int, repeated: set[str]) -> bool:
    if index not in (0, len(page) - 1):
        return False
    return bool(PAGE_NUMBER.match(page[index])) or _shape(page[index]) in repeated


def _shape(line: str) -> str:
    """A header line with its page number taken out ("Child K review  page 3" on every page)."""
    return re.sub(r"\d+", "#", line.lower())


# --- Word --------------------------------------------------------------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"


def _docx_pages(data: bytes, everything: bool = False) -> list[str]:
    """Paragraphs, headings and table rows in document order. Pages come from the page breaks Word recorded
    when it last laid the document out; a document never opened in Word only has its hard page breaks."""
    from docx import Document

    try:
        document = Document(io.BytesIO(data))
        body = document.element.body
    except Exception as error:  # zip, XML and package errors all mean the same to the user
        raise ExtractionError("The file is not a readable Word document") from error
    # A text box is stored twice (for new and old versions of Word): read it once.
    for fallback in list(body.iter(f"{MC}Fallback")):
        fallback.getparent().remove(fallback)
    rendered = body.find(f".//{W}lastRenderedPageBreak") is not None
    pages: list[list[str]] = [_docx_headers_and_footers(document) if everything else []]
    for block in body.iterchildren():
        if block.tag == f"{W}p":
            _docx_paragraph(block, pages, rendered)
        elif block.tag == f"{W}tbl":
            for row in block.iter(f"{W}tr"):
                cells = [" ".join(_docx_runs_text(cell).split()) for cell in row.iterchildren(f"{W}tc")]
                _add_paragraph(pages[-1], " | ".join(cell for cell in cells if cell))
    return ["\n\n".join(page) for page in pages]


def _docx_headers_and_footers(document) -> list[str]:
    """Each distinct header and footer paragraph of every section (first-page and even-page ones too; a
    part linked to the previous section's repeats it, and repeats are dropped)."""
    found: list[str] = []
    for section in document.sections:
        for part in (section.header, section.first_page_header, section.even_page_header, section.footer,
                     section.first_page_footer, section.even_page_footer):  # fmt: skip
            for paragraph in part.paragraphs:
                text = " ".join(paragraph.text.split())
                if text and text not in found:
                    found.append(text)
    return found


def _docx_paragraph(paragraph, pages: list[list[str]], rendered: bool) -> None:
    """Add one Word paragraph, starting new pages where it breaks (a break mid-paragraph splits it)."""
    if not rendered and paragraph.find(f"{W}pPr/{W}pageBreakBefore") is not None and pages[-1]:
        pages.append([])
    text = []
    for element in paragraph.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}lastRenderedPageBreak"):
        if element.tag == f"{W}t":
            text.append(element.text or "")
        elif element.tag == f"{W}tab":
            text.append(" ")
        elif _is_page_break(element, rendered):
            _add_paragraph(pages[-1], "".join(text))
            text = []
            pages.append([])
        else:
            text.append(" ")
    _add_paragraph(pages[-1], "".join(text))


def _is_page_break(element, rendered: bool) -> bool:
    if rendered:
        return element.tag == f"{W}lastRenderedPageBreak"
    return element.tag == f"{W}br" and element.get(f"{W}type") == "page"


def _docx_runs_text(element) -> str:
    return " ".join(t.text or "" for t in element.iter(f"{W}t"))


def _add_paragraph(page: list[str], text: str) -> None:
    text = " ".join(text.split())
    if text:
        page.append(text)


# --- HTML and Markdown -------------------------------------------------------------------------------------

DROPPED_TAGS = ["script", "style", "nav", "noscript", "template", "iframe", "svg", "form", "button", "select"]
BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "div", "dl", "dt",
    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "ol",
    "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "ul", "br",
}  # fmt: skip


def _html_pages(data: bytes | str) -> list[str]:
    """One page: block elements become paragraphs, a table row one paragraph with its cells joined."""
    from bs4 import BeautifulSoup

    try:
        soup = BeautifulSoup(data, "lxml")
    except Exception as error:  # the parser is lenient; anything it still rejects is unreadable
        raise ExtractionError("The file is not a readable web page") from error
    for element in soup(DROPPED_TAGS):
        element.decompose()
    for element in soup.select('body > header, body > footer, [role="navigation"], [aria-hidden="true"]'):
        element.decompose()
    root = soup.find("main") or soup.body or soup
    paragraphs: list[str] = []
    current: list[str] = []
    _walk_html(root, paragraphs, current)
    _add_paragraph(paragraphs, "".join(current))
    return ["\n\n".join(paragraphs)]


def _walk_html(element, paragraphs: list[str], current: list[str]) -> None:
    from bs4 import NavigableString, Tag
    from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

    for child in element.children:
        if isinstance(child, Comment | Declaration | Doctype | ProcessingInstruction):
            continue
        if isinstance(child, NavigableString):
            current.append(str(child))
        elif isinstance(child, Tag):
            if child.name == "tr":
                _flush(paragraphs, current)
                cells = [cell.get_text(" ", strip=True) for cell in child.find_all(["td", "th"])]
                _add_paragraph(paragraphs, " | ".join(cell for cell in cells if cell))
            elif child.name in BLOCK_TAGS:
                _flush(paragraphs, current)
                if child.name == "li" and child.parent is not None and child.parent.name == "ol":
                    current.append(f"{_list_number(child)}. ")
                _walk_html(child, paragraphs, current)
                _flush(paragraphs, current)
            else:
                _walk_html(child, paragraphs, current)


def _list_number(item) -> int:
    """The number a browser shows by an ordered list's item: recommendations are cited by it."""
    start = item.parent.get("start", "1")
    start = int(start) if str(start).isdigit() else 1
    return start + sum(1 for sibling in item.find_previous_siblings("li"))


def _flush(paragraphs: list[str], current: list[str]) -> None:
    _add_paragraph(paragraphs, "".join(current))
    current.clear()


FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n---[ \t]*\n", re.DOTALL)


def _markdown_pages(data: bytes) -> list[str]:
    """Rendered to HTML and read like a web page, so markup never reaches the text; a form feed is a page
    break and a front-matter block (metadata between --- lines) is not part of the report."""
    import markdown

    text = FRONT_MATTER.sub("", _decode(data))
    return [_html_pages(markdown.markdown(page, extensions=["tables"]))[0] for page in text.split("\f")]


# --- Plain text --------------------------------------------------------------------------------------------


def _text_pages(data: bytes) -> list[str]:
    """A form feed is a page break; blank lines separate paragraphs; wrapped lines are joined."""
    pages = []
    for page in _decode(data).split("\f"):
        lines = [line.strip() for line in page.splitlines()]
        width = _typical_width(lines)
        paragraphs = []
        for block in _blocks(lines):
            paragraphs.extend(_paragraphs_from_lines(block, width))
        pages.append("\n\n".join(paragraphs))
    return pages


def _blocks(lines: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


# --- Lines into paragraphs (PDF and plain text) ------------------------------------------------------------

LIST_ITEM = re.compile(
    r"^([•\u2022\u25cf\u25aa\u2013\u2014*-]\s|\(?\d{1,2}(\.\d{1,2})*[.)]\s|\(?[a-z][.)]\s"
    r"|recommendation\s+\d|finding\s+\d|r\d{1,2}\b)",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"[.!?:;\"”’)]$")
UNWRAPPED = 160  # a line this long was not wrapped by the author: each line is a paragraph


def _typical_width(lines) -> int:
    """How long a full line is in this document: lines well short of it end a paragraph or are headings."""
    lengths = sorted(len(line) for line in lines if line)
    if not lengths:
        return 0
    return lengths[int(len(lengths) * 0.8)] if len(lengths) > 4 else lengths[-1]


def _paragraphs_from_lines(lines: list[str], width: int) -> list[str]:
    """Join wrapped lines back into paragraphs. A new paragraph starts at a list item ("1.", "•",
    "Recommendation 2"), after a line well short of the full width (the end of a paragraph, or a heading),
    after a sentence that ends a line the next word would have fitted on, and at a short line after a
    sentence ends (a heading after a paragraph that happened to fill its line)."""
    lines = [line for line in lines if line]
    if not lines:
        return []
    if width > UNWRAPPED:
        return lines
    short = max(int(width * 0.7), 1)
    paragraphs = [lines[0]]
    for previous, line in pairwise(lines):
        continues = previous.endswith(("-", ",")) or line[:1].islower()
        ends_sentence = bool(SENTENCE_END.search(previous))
        # The next word would have fitted on the line: the author ended it there.
        ended_early = len(previous) + 1 + len(line.split()[0]) < width * 0.9
        starts_new = LIST_ITEM.match(line) or (
            not continues
            and (len(previous) < short or (ends_sentence and (ended_early or len(line) < short)))
        )
        if starts_new:
            paragraphs.append(line)
        elif previous.endswith("-"):
            paragraphs[-1] += line
        else:
            paragraphs[-1] += " " + line
    return paragraphs


# --- Common ------------------------------------------------------------------------------------------------

BLANK_LINE = re.compile(r"\n\s*\n")
LIGATURES = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
    }
)
INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\xad\u200b-\u200d\ufeff]")


def _clean(page: str) -> str:
    """Ligatures and invisible characters out, so "signiﬁcant" is found when someone searches for it."""
    return INVISIBLE.sub("", page.translate(LIGATURES)).replace("\xa0", " ")


READERS = {
    PDF: _pdf_pages,
    DOCX: _docx_pages,
    HTML: _html_pages,
    TEXT: _text_pages,
    MARKDOWN: _markdown_pages,
}
