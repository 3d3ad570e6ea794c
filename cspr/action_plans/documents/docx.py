"""The progress report as a Word document a business unit can paste into its meeting papers: A4 with
narrow margins and small type so it stays on one page, real headings, bordered tables with a shaded
header row, the protective marking top and bottom and the page number in the footer."""

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from cspr.core.templatetags.govuk import govuk_date
from cspr.incidents.documents.docx import marking, page_number

from .. import rules

BLUE = RGBColor(0x12, 0x43, 0x6D)
GREY = RGBColor(0x50, 0x5A, 0x5F)
RED = RGBColor(0x94, 0x25, 0x14)
HEADER_FILL = "F3F2F1"
RECOMMENDATION_FILL = "E8F1F8"
OVERDUE_FILL = "F4CDC6"
# The PDF's column widths (report.css), on the 184 mm between the margins.
ACTION_COLUMNS_MM = (55, 28, 42, 59)


def _shade(cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _repeat_as_header(row) -> None:
    """Word repeats the row on every page and screen readers announce it as the column headings."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def _write(cell, text: str, *, bold: bool = False, colour: RGBColor | None = None, size: float | None = None):
    run = cell.paragraphs[0].add_run(text)
    run.bold = bold
    if colour is not None:
        run.font.color.rgb = colour
    if size is not None:
        run.font.size = Pt(size)
    return run


def _heading(document, text: str, level: int, size: float) -> None:
    heading = document.add_heading(text, level=level)
    heading.paragraph_format.space_before = Pt(6 if level > 1 else 2)
    heading.paragraph_format.space_after = Pt(2)
    for run in heading.runs:
        run.font.color.rgb = BLUE
        run.font.size = Pt(size)
        run.font.name = "Arial"


def _set_up(document, content: dict) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(13)
    section.top_margin, section.bottom_margin = Mm(14), Mm(14)
    section.header_distance = section.footer_distance = Mm(6)
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(8.5)
    normal.paragraph_format.space_after = Pt(0)
    document.core_properties.title = f"{content['title']}: {content['plan_title']}"
    document.core_properties.author = content["partnership"]

    marking(section.header.paragraphs[0], content["marking"])
    partnership = section.header.add_paragraph()
    partnership.alignment = WD_ALIGN_PARAGRAPH.CENTER
    partnership.add_run(content["partnership"]).font.color.rgb = GREY
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(
        f"{content['partnership']} · {content['title']} · Progress at {govuk_date(content['today'])} · Page "
    ).font.color.rgb = GREY
    page_number(footer)
    marking(section.footer.add_paragraph(), content["marking"])


def _counts_table(document, content: dict) -> None:
    columns = [*content["status_counts"], {"status": "", "label": "All actions", "count": content["total"]}]
    table = document.add_table(rows=2, cols=len(columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _repeat_as_header(table.rows[0])
    for column, heading, value in zip(columns, table.rows[0].cells, table.rows[1].cells, strict=True):
        _write(heading, column["label"], bold=True, size=7.5)
        _shade(heading, HEADER_FILL)
        overdue = column["status"] == rules.OVERDUE and column["count"]
        _write(value, str(column["count"]), bold=True, size=12, colour=RED if overdue else None)
        value.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        if overdue:
            _shade(value, OVERDUE_FILL)


def _whole_row(table, fill: str | None = None):
    cells = table.add_row().cells
    merged = cells[0].merge(cells[-1])
    if fill:
        _shade(merged, fill)
    return merged


def _recommendation_rows(table, recommendation: dict) -> None:
    cell = _whole_row(table, RECOMMENDATION_FILL)
    _write(cell, recommendation["label"], bold=True)
    if recommendation["is_closed"]:
        state = f"  CLOSED {govuk_date(recommendation['closed_on'])}".upper()
    else:
        state = "  OPEN"
    _write(cell, state, bold=True, colour=BLUE, size=7.5)
    _write(cell, f"  by {govuk_date(recommendation['due_on'])}  ", colour=GREY)
    _write(cell, recommendation["text"])
    for action in recommendation["actions"]:
        cells = table.add_row().cells
        overdue = action["status"] == rules.OVERDUE
        _write(cells[0], action["agency"])
        _write(cells[1], govuk_date(action["due_on"]))
        _write(cells[2], action["status_label"], bold=True, colour=RED if overdue else None)
        _write(cells[3], action["timing"], colour=RED if overdue else None)
    if recommendation["more"]:
        _write(_whole_row(table), recommendation["more"], colour=GREY).italic = True


def _actions_table(document, content: dict) -> None:
    table = document.add_table(rows=1, cols=len(ACTION_COLUMNS_MM))
    table.style = "Table Grid"
    table.autofit = False
    _repeat_as_header(table.rows[0])
    for cell, label in zip(table.rows[0].cells, ("Agency", "Due", "Status", "Timing"), strict=True):
        _write(cell, label, bold=True)
        _shade(cell, HEADER_FILL)
    for recommendation in content["recommendations"]:
        _recommendation_rows(table, recommendation)
    if not content["recommendations"]:
        _write(_whole_row(table), "No recommendations have been added to this plan yet.", colour=GREY)
    for column, width in zip(table.columns, ACTION_COLUMNS_MM, strict=True):
        for cell in column.cells:
            cell.width = Mm(width)


def render_docx(content: dict) -> bytes:
    document = Document()
    _set_up(document, content)

    caption = document.add_paragraph().add_run(content["title"])
    caption.font.size, caption.font.color.rgb = Pt(10), GREY
    _heading(document, content["plan_title"], level=1, size=15)
    about = document.add_paragraph()
    about.add_run(
        f"{content['source']} · Plan agreed {govuk_date(content['agreed_on'])} · "
    ).font.color.rgb = GREY
    about.add_run(f"Progress at {govuk_date(content['today'])}").bold = True
    summary = document.add_paragraph()
    summary.paragraph_format.space_before = summary.paragraph_format.space_after = Pt(4)
    summary.add_run(content["summary"]).font.size = Pt(9.5)

    _heading(document, "Actions by status", level=2, size=10)
    _counts_table(document, content)
    _heading(document, "Recommendations and actions", level=2, size=10)
    _actions_table(document, content)
    if content["left_out"]:
        left_out = document.add_paragraph()
        left_out.paragraph_format.space_before = Pt(4)
        left_out.add_run(content["left_out"]).italic = True

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
