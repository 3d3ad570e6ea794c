"""The PDF copy, drawn by WeasyPrint from the redacted Word document, so the two copies say the same thing.

The Word XML is read directly (paragraph styles, lists, tables, breaks) and written as simple HTML: Title and
Heading 1-3 become headings, numbered and bulleted paragraphs lists, tables tables (merged cells kept),
hard page and section breaks page breaks, bold and italic runs stay bold and italic, and text boxes follow
the paragraph they are anchored to. The page itself (A4, the title at the top, "Page 3 of 12" and a line
saying it is a redacted copy at the bottom) is in data/redacted.css. The HTML loads nothing: no base URL, no
images, so WeasyPrint fetches nothing from the network or the disk.
"""

import html
from dataclasses import dataclass
from pathlib import Path
from string import Template

from docx.opc.constants import RELATIONSHIP_TYPE as RT

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
STYLESHEET = Path(__file__).parent / "data" / "redacted.css"  # data/ ships with the package
PAGE = Template(
    '<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8"><title>$title</title></head>\n'
    '<body><p class="running-title">$title</p>\n$content\n</body></html>\n'
)
OFF = {"0", "false", "off", "none"}
PAGE_BREAK = '<div class="page-break"></div>'


@dataclass
class Block:
    """One piece of the page: a list item waits for its neighbours to be gathered into a list."""

    html: str
    list_kind: str = ""  # "ul" or "ol" for a list item
    level: int = 0


def render_pdf(document, *, title: str) -> bytes:
    # Imported here: WeasyPrint loads Pango when imported, and only this step needs it.
    from weasyprint import CSS, HTML

    page = document_html(document, title=title)
    return HTML(string=page).write_pdf(stylesheets=[CSS(string=STYLESHEET.read_text(encoding="utf-8"))])


def document_html(document, *, title: str) -> str:
    """The HTML the PDF is drawn from: `document` (python-docx) as simple blocks under `title`."""
    content = "\n".join(_Renderer(document).blocks(document.element.body))
    return PAGE.substitute(title=html.escape(title), content=content)


class _Renderer:
    def __init__(self, document):
        self.styles = {style.style_id: style for style in document.styles}
        self.list_formats = _list_formats(document)

    def blocks(self, container) -> list[str]:
        """The HTML of a body, table cell, text box or content control, list items gathered into lists."""
        found: list[Block] = []
        for child in container.iterchildren():
            if child.tag == f"{W}p":
                found.extend(self._paragraph(child))
            elif child.tag == f"{W}tbl":
                found.append(Block(self._table(child)))
            elif child.tag == f"{W}sdt":
                content = child.find(f"{W}sdtContent")
                if content is not None:
                    found.extend(Block(part) for part in self.blocks(content))
        return _gathered(found)

    def _paragraph(self, paragraph) -> list[Block]:
        kind, level = self._kind(paragraph)
        properties = paragraph.find(f"{W}pPr")
        blocks: list[Block] = []
        if properties is not None and _on(properties.find(f"{W}pageBreakBefore")):
            blocks.append(Block(PAGE_BREAK))
        pieces: list[str] = []
        boxes: list[str] = []
        for run in paragraph.iter(f"{W}r"):
            if _owner(run) is not paragraph:
                continue
            first, *after_breaks = self._run(run)
            pieces.append(first)
            for part in after_breaks:
                blocks.append(self._block(kind, level, pieces))
                blocks.append(Block(PAGE_BREAK))
                pieces = [part]
            boxes.extend(self._text_boxes(run))
        blocks.append(self._block(kind, level, pieces))
        blocks.extend(Block(f'<div class="text-box">{box}</div>') for box in boxes)
        section = properties.find(f"{W}sectPr") if properties is not None else None
        if section is not None and section.find(f"{W}type[@{W}val='continuous']") is None:
            blocks.append(Block(PAGE_BREAK))
        return [block for block in blocks if block.html]

    def _block(self, kind: str, level: int, pieces: list[str]) -> Block:
        text = "".join(pieces).strip()
        if not text or text == "<br>":
            return Block("")
        if kind in ("ul", "ol"):
            return Block(f"<li>{text}</li>", kind, level)
        if kind == "title":
            return Block(f'<h1 class="title">{text}</h1>')
        return Block(f"<{kind}>{text}</{kind}>")

    def _run(self, run) -> list[str]:
        """A run's text, bold / italic / underlined as in Word: one piece, or more if it breaks the page."""
        pieces: list[list[str]] = [[]]
        for child in run:
            if child.tag == f"{W}t":
                pieces[-1].append(html.escape(child.text or ""))
            elif child.tag == f"{W}tab":
                pieces[-1].append(" ")
            elif child.tag == f"{W}br" and child.get(f"{W}type") == "page":
                pieces.append([])
            elif child.tag in (f"{W}br", f"{W}cr"):
                pieces[-1].append("<br>")
        return [self._formatted(run, "".join(piece)) for piece in pieces]

    def _formatted(self, run, text: str) -> str:
        if not text.strip(" "):
            return text
        formatting = run.find(f"{W}rPr")
        character_style = self._character_style(formatting)
        for tag, name in (("strong", "b"), ("em", "i"), ("u", "u")):
            explicit = formatting.find(f"{W}{name}") if formatting is not None else None
            if _on(explicit) if explicit is not None else character_style.get(name):
                text = f"<{tag}>{text}</{tag}>"
        return text

    def _character_style(self, formatting) -> dict[str, bool]:
        style = self.styles.get(_value(formatting, "rStyle"))
        if style is None or not hasattr(style, "font"):
            return {}
        font = style.font
        return {"b": bool(font.bold), "i": bool(font.italic), "u": bool(font.underline)}

    def _text_boxes(self, run) -> list[str]:
        """Text boxes anchored in the run (Word stores each twice, for new and old versions: read one)."""
        found = []
        for content in run.iter(f"{W}txbxContent"):
            if any(ancestor.tag == MC_FALLBACK for ancestor in content.iterancestors()):
                continue
            if any(ancestor.tag == f"{W}txbxContent" for ancestor in content.iterancestors()):
                continue
            inner = "\n".join(self.blocks(content))
            if inner:
                found.append(inner)
        return found

    def _kind(self, paragraph) -> tuple[str, int]:
        """The HTML element a paragraph becomes, from its style (or the one it is based on) and numbering."""
        properties = paragraph.find(f"{W}pPr")
        style = self.styles.get(_value(properties, "pStyle"))
        for _ in range(4):  # a custom heading style based on Heading 2 is a heading too
            if style is None:
                break
            name = (style.name or "").lower()
            if name == "title":
                return "title", 0
            if name.startswith("heading ") and name[8:].isdigit():
                return f"h{min(int(name[8:]), 4)}", 0
            if name.startswith("list bullet"):
                return "ul", 0
            if name.startswith("list number"):
                return "ol", 0
            style = getattr(style, "base_style", None)
        numbering = properties.find(f"{W}numPr") if properties is not None else None
        if numbering is not None:
            number = _value(numbering, "numId")
            level = _value(numbering, "ilvl") or "0"
            if number and number != "0":
                bullet = self.list_formats.get((number, level), "bullet") == "bullet"
                return ("ul" if bullet else "ol"), int(level) if level.isdigit() else 0
        return "p", 0

    def _table(self, table) -> str:
        rows = []
        for row in table.iterchildren(f"{W}tr"):
            header = row.find(f"{W}trPr/{W}tblHeader") is not None
            cells = []
            for cell in row.iterchildren(f"{W}tc"):
                span = _value(cell.find(f"{W}tcPr"), "gridSpan")
                merged = cell.find(f"{W}tcPr/{W}vMerge")
                continued = merged is not None and merged.get(f"{W}val", "continue") != "restart"
                attributes = f' colspan="{int(span)}"' if span and span.isdigit() and int(span) > 1 else ""
                attributes += ' class="merged"' if continued else ""
                content = "" if continued else "\n".join(self.blocks(cell))
                tag = "th" if header else "td"
                cells.append(f"<{tag}{attributes}>{content}</{tag}>")
            rows.append(f"<tr>{''.join(cells)}</tr>")
        return f"<table>\n{chr(10).join(rows)}\n</table>"


def _gathered(blocks: list[Block]) -> list[str]:
    """Consecutive list items of one kind become one list; deeper levels are indented by a class."""
    found: list[str] = []
    items: list[Block] = []
    for block in [*blocks, Block("")]:
        if block.list_kind and (not items or items[0].list_kind == block.list_kind):
            items.append(block)
            continue
        if items:
            kind = items[0].list_kind
            inner = "".join(
                item.html.replace("<li>", f'<li class="level-{min(item.level, 4)}">', 1) for item in items
            )
            found.append(f"<{kind}>{inner}</{kind}>")
            items = [block] if block.list_kind else []
        if block.html and not block.list_kind:
            found.append(block.html)
    return found


def _list_formats(document) -> dict[tuple[str, str], str]:
    """(numbering id, level) -> Word's number format ("bullet", "decimal", ...)."""
    try:
        numbering = document.part.part_related_by(RT.NUMBERING).element
    except KeyError:
        return {}
    abstract = {}
    for definition in numbering.iterchildren(f"{W}abstractNum"):
        for level in definition.iterchildren(f"{W}lvl"):
            number_format = _value(level, "numFmt")
            abstract[(definition.get(f"{W}abstractNumId"), level.get(f"{W}ilvl"))] = number_format or ""
    formats = {}
    for instance in numbering.iterchildren(f"{W}num"):
        abstract_id = _value(instance, "abstractNumId")
        for (definition, level), number_format in abstract.items():
            if definition == abstract_id:
                formats[(instance.get(f"{W}numId"), level)] = number_format
    return formats


def _owner(element):
    """The paragraph an element belongs to (a text box's paragraphs sit inside a run of another one)."""
    return next(element.iterancestors(f"{W}p"), None)


def _value(element, child: str) -> str | None:
    """The w:val of one of `element`'s properties; None when either is missing."""
    found = element.find(f"{W}{child}") if element is not None else None
    return found.get(f"{W}val") if found is not None else None


def _on(element) -> bool:
    """A Word on/off property: present means on unless its value says off."""
    return element is not None and element.get(f"{W}val", "true").lower() not in OFF
