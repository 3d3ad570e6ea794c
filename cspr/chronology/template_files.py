"""The chronology template agencies fill in and upload: CSV (header row only) and XLSX (a Chronology sheet
with the header row and drop-down lists, and an Instructions sheet: the columns, the event types, the date
formats, the limits and an example row). Built from `upload.COLUMNS`, so the template and the upload's
checks cannot drift apart. Plain Python."""

import csv
import io
from collections.abc import Mapping

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .dates import ACCEPTED_FORMATS
from .upload import COLUMNS, HEADERS, LIMITS

WIDTHS = {"facts": 60, "action_outcome": 40, "significance": 40, "reviewer_note": 30, "event_type": 32}
EXAMPLE = {
    "reference": "HV-0042",
    "start_date": "?22/05/2016",
    "start_time": "14:30",
    "end_date": "",
    "end_time": "",
    "source_reference": "Health visiting record, contact sheet 12",
    "practitioner_role": "Health visitor",
    "event_type": "Home visit",
    "facts": "Unannounced home visit. Mother and baby seen; baby asleep in a Moses basket. Mother said "
    "her partner had moved out.",
    "action_outcome": "Advice on safe sleep given. Next visit booked for 6 weeks.",
    "significance": "First sign that the household had changed.",
    "key_practice_episode": "No",
    "reviewer_note": "",
}


def csv_template() -> bytes:
    """The header row, as UTF-8 with a byte order mark so that Excel reads accents correctly."""
    out = io.StringIO()
    csv.writer(out).writerow(HEADERS)
    return out.getvalue().encode("utf-8-sig")


def xlsx_template(event_types: Mapping[str, str]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Chronology"
    sheet.append(HEADERS)
    for index, column in enumerate(COLUMNS, 1):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS.get(column.key, 18)
        if column.key in ("start_date", "end_date", "start_time", "end_time"):
            # Text cells: Excel must keep "?22/05/2016" and "May 2016" as written.
            for row in range(2, 2002):
                sheet.cell(row=row, column=index).number_format = "@"
    sheet.freeze_panes = "A2"

    instructions = workbook.create_sheet("Instructions")
    _instructions(instructions, event_types)

    type_column = get_column_letter(_position("event_type"))
    types_list = DataValidation(
        type="list",
        formula1=f"=Instructions!$B${_types_start()}:$B${_types_start() + len(event_types) - 1}",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Event type",
        error="Choose one of the event types listed on the Instructions sheet",
    )
    types_list.add(f"{type_column}2:{type_column}5001")
    yes_no = DataValidation(type="list", formula1='"Yes,No"', allow_blank=True)
    key_column = get_column_letter(_position("key_practice_episode"))
    yes_no.add(f"{key_column}2:{key_column}5001")
    sheet.add_data_validation(types_list)
    sheet.add_data_validation(yes_no)

    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _instructions(sheet, event_types: Mapping[str, str]) -> None:
    bold = Font(bold=True)
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 48
    sheet.column_dimensions["C"].width = 70
    lines = [
        ("How to fill in this chronology", "", ""),
        ("", "Enter one significant event per row on the Chronology sheet, in any order.", ""),
        ("", "Facts only in 'Event detail (facts)'; your analysis in 'Significance for the child'.", ""),
        ("", "Use roles, never people's names. Refer to the child by the pseudonym you were given.", ""),
        ("", f"Accepted dates: {ACCEPTED_FORMATS}.", ""),
        ("", f"Limits: {LIMITS}. Nothing is imported unless every row is correct.", ""),
        ("", "", ""),
        ("Column", "Required", "What to enter"),
        *[(column.header, "Yes" if column.required else "No", column.hint) for column in COLUMNS],
        ("", "", ""),
        ("Example row", "", ""),
        *[(column.header, EXAMPLE[column.key], "") for column in COLUMNS],
        ("", "", ""),
        ("Event types", "Write this (or the code)", "Code"),
    ]
    for line in lines:
        sheet.append(line)
    for label, code in ((label, code) for code, label in event_types.items()):
        sheet.append(("", label, code))
    for row in sheet.iter_rows():
        if row[0].value in ("How to fill in this chronology", "Column", "Example row", "Event types"):
            for cell in row:
                cell.font = bold
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _types_start() -> int:
    """The Instructions sheet's row of the first event type (after the lines written above it)."""
    return 8 + len(COLUMNS) + 2 + len(COLUMNS) + 2 + 1


def _position(key: str) -> int:
    return next(index for index, column in enumerate(COLUMNS, 1) if column.key == key)
