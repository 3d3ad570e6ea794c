"""The integrated chronology as a partnership sends it: XLSX (one row per entry, gaps as rows of their own)
and DOCX (landscape A4, title, incident reference, partnership, pseudonym, date produced, a headed table).
The child appears by pseudonym only, never by name. Text that a spreadsheet would run as a formula stays
text."""

import datetime as dt
import io
from dataclasses import dataclass

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from cspr.audit.views import spreadsheet_safe
from cspr.incidents.documents import MARKING
from cspr.incidents.documents.docx import page_number

from .dates import display_date
from .gaps import Gap

# (header, width in the spreadsheet, width in the Word table in mm)
COLUMNS = (
    ("Date", 16, 22),
    ("Time", 8, 12),
    ("End", 16, 18),
    ("Agency", 22, 24),
    ("Source", 22, 22),
    ("Practitioner role", 18, 20),
    ("Event type", 22, 22),
    ("Event detail (facts)", 60, 56),
    ("Action or outcome", 40, 30),
    ("Significance for the child", 40, 30),
    ("Key practice episode", 10, 12),
    ("Reviewer note", 30, 0),
    ("Event reference", 14, 0),
)


@dataclass
class ChronologyDocument:
    partnership: str
    reference: str
    pseudonyms: str
    produced_on: dt.date
    filters: str
    entries: list
    gaps: list[Gap]

    @property
    def title(self) -> str:
        return f"Integrated chronology: {self.pseudonyms}"

    def about(self) -> list[tuple[str, str]]:
        return [
            ("Child", self.pseudonyms),
            ("Incident reference", self.reference),
            ("Safeguarding children partnership", self.partnership),
            ("Produced", display_date(self.produced_on, "day")),
            ("Entries", f"{len(self.entries)} ({self.filters})"),
        ]

    def lines(self) -> list[tuple[str, object]]:
        """("entry", entry) and ("gap", gap) in date order: each gap before the first entry after it."""
        lines, gaps = [], list(self.gaps)
        for entry in self.entries:
            while gaps and gaps[0].next_contact <= entry.start_on:
                lines.append(("gap", gaps.pop(0)))
            lines.append(("entry", entry))
        return lines + [("gap", gap) for gap in gaps]


def entry_values(entry) -> list:
    end = ""
    if entry.end_on:
        end = display_date(entry.end_on, "day") + (f" {entry.end_time:%H:%M}" if entry.end_time else "")
    return [
        display_date(entry.start_on, entry.start_precision),
        f"{entry.start_time:%H:%M}" if entry.start_time else "",
        end,
        entry.agency.name,
        entry.source_reference,
        entry.practitioner_role,
        entry.get_event_type_display(),
        entry.facts,
        entry.action_outcome,
        entry.significance,
        "Yes" if entry.key_practice_episode else "No",
        entry.reviewer_note,
        entry.reference,
    ]


def as_xlsx(document: ChronologyDocument) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Integrated chronology"
    bold = Font(bold=True)
    sheet.append([document.title])
    sheet["A1"].font = Font(bold=True, size=14)
    for label, value in document.about():
        sheet.append([label, value])
        sheet.cell(row=sheet.max_row, column=1).font = bold
    sheet.append([MARKING])
    sheet.append([])
    header_row = sheet.max_row + 1
    sheet.append([header for header, _, _ in COLUMNS])
    for cell in sheet[header_row]:
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    gap_fill = PatternFill("solid", fgColor="F3F2F1")
    for kind, item in document.lines():
        if kind == "gap":
            sheet.append([display_date(item.last_contact, "day"), "", display_date(item.next_contact, "day")])
            row = sheet.max_row
            sheet.cell(row=row, column=4, value=item.describe()).font = Font(italic=True)
            for cell in sheet[row]:
                cell.fill = gap_fill
        else:
            sheet.append([spreadsheet_safe(value) for value in entry_values(item)])
    for row in sheet.iter_rows(min_row=header_row + 1):
        for cell in row:
            # Text that looks like a formula stays text (openpyxl would make it one).
            if cell.data_type == "f":
                cell.data_type = "s"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, (_, width, _) in enumerate(COLUMNS, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(len(COLUMNS))}{sheet.max_row}"
    sheet.print_options.gridLines = True
    sheet.page_setup.orientation = "landscape"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def as_docx(document: ChronologyDocument) -> bytes:
    word = Document()
    section = word.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(12)
    section.top_margin = section.bottom_margin = Mm(14)
    word.styles["Normal"].font.name = "Arial"
    word.styles["Normal"].font.size = Pt(9)

    for paragraph in (section.header.paragraphs[0], section.footer.paragraphs[0]):
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(MARKING).bold = True
    footer = section.footer.add_paragraph()
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(
        f"{document.partnership}. Integrated chronology, incident {document.reference}, produced "
        f"{display_date(document.produced_on, 'day')}. Page "
    )
    page_number(footer)

    word.add_heading(document.title, level=0)
    about = word.add_table(rows=0, cols=2)
    about.style = "Table Grid"
    for label, value in document.about():
        cells = about.add_row().cells
        cells[0].paragraphs[0].add_run(label).bold = True
        cells[1].text = value
        cells[0].width, cells[1].width = Mm(60), Mm(150)
    word.add_paragraph()

    shown = [(index, header, width) for index, (header, _, width) in enumerate(COLUMNS) if width]
    table = word.add_table(rows=1, cols=len(shown))
    table.style = "Table Grid"
    header_cells = table.rows[0].cells
    for cell, (_, header, width) in zip(header_cells, shown, strict=True):
        cell.paragraphs[0].add_run(header).bold = True
        cell.width = Mm(width)
    _repeat_as_header(table.rows[0])
    for kind, item in document.lines():
        cells = table.add_row().cells
        if kind == "gap":
            merged = cells[0].merge(cells[-1])
            merged.paragraphs[0].add_run(item.describe()).italic = True
            continue
        values = entry_values(item)
        for cell, (index, _, width) in zip(cells, shown, strict=True):
            cell.text = str(values[index])
            cell.width = Mm(width)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _repeat_as_header(row) -> None:
    """The header row repeats at the top of every page."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
