"""The incident register as CSV or XLSX: one row per child, with the national statistics' characteristics.

A business manager reconciles these rows with the Panel's figures, so the columns follow the national
statistics (nature, age band, sex, ethnicity, ...). Children appear by pseudonym only: a child's name
never leaves the service in an export. An incident without a named child still has one row.
"""

import csv
import datetime as dt
import io
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from cspr.audit.views import spreadsheet_safe
from cspr.incidents.models import Child, Incident
from cspr.incidents.register import RegisterRow, notification_days_late


@dataclass(frozen=True)
class Column:
    header: str
    width: int
    is_date: bool = False


COLUMNS = [
    Column("Reference", 12),
    Column("Status", 32),
    Column("Nature", 14),
    Column("Date of the incident", 14, is_date=True),
    Column("Date the local authority became aware", 16, is_date=True),
    Column("Date notified to the Panel", 14, is_date=True),
    Column("Working days late (notification)", 14),
    Column("Place", 30),
    Column("Child (pseudonym)", 18),
    Column("Age at incident (years)", 12),
    Column("Age band", 12),
    Column("Sex", 10),
    Column("Ethnicity", 28),
    Column("Disability", 12),
    Column("Looked after", 12),
    Column("Placement type", 28),
    Column("Child in need plan", 12),
    Column("Child protection plan", 18),
    Column("Known to agencies", 12),
]
HEADERS = [column.header for column in COLUMNS]
DATE_FORMAT = "d mmm yyyy"


def age_band(child: Child) -> str:
    """The national statistics' age bands, at the date of the incident."""
    if child.unborn:
        return "Unborn"
    age = child.age_on(child.incident.incident_on)
    if age is None:
        return "Not known"
    if age < 1:
        return "Under 1"
    if age <= 5:
        return "1-5"
    if age <= 10:
        return "6-10"
    if age <= 15:
        return "11-15"
    if age <= 17:
        return "16-17"
    # Care leavers up to and including 24 are notified too.
    return "18 and over"


def export_rows(rows: list[RegisterRow]) -> list[list]:
    """The export's rows, values typed (dates as dates, ages as numbers), in the register's order."""
    days_late = notification_days_late([row.incident for row in rows])
    lines = []
    for row in rows:
        incident = row.incident
        first = _incident_values(incident, days_late.get(incident.pk))
        children = list(incident.children.all())
        if not children:
            lines.append(first + [""] * (len(COLUMNS) - len(first)))
        for child in children:
            lines.append(first + _child_values(child))
    return lines


def _incident_values(incident: Incident, days_late: int | None) -> list:
    return [
        incident.reference,
        incident.get_status_display(),
        incident.get_nature_display(),
        incident.incident_on,
        incident.aware_on,
        incident.notified_on,
        days_late,
        incident.get_place_display(),
    ]


def _child_values(child: Child) -> list:
    return [
        child.pseudonym,
        child.age_on(child.incident.incident_on),
        age_band(child),
        child.get_sex_display(),
        child.get_ethnicity_display(),
        child.get_disability_display(),
        child.get_looked_after_display(),
        child.get_placement_type_display(),
        child.get_child_in_need_plan_display(),
        child.get_child_protection_plan_display(),
        child.get_known_to_agencies_display(),
    ]


def as_csv(lines: list[list]) -> str:
    """CSV with ISO dates (which every spreadsheet reads as dates) and formula-like text made safe."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    for line in lines:
        writer.writerow([_csv_value(value) for value in line])
    return out.getvalue()


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return spreadsheet_safe(value)


def as_xlsx(lines: list[list], title: str) -> bytes:
    """A workbook with a bold, frozen header row, real date cells, column widths and a filter."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for line in lines:
        sheet.append(line)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            # Text that looks like a formula ("=HYPERLINK(...)") stays text: openpyxl would make it one.
            if cell.data_type == "f":
                cell.data_type = "s"
    for index, column in enumerate(COLUMNS, 1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
        if column.is_date:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = DATE_FORMAT
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
