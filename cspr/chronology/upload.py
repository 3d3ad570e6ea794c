"""Reading an agency's chronology from a CSV or XLSX file made from the product's template.

Every row is checked and every problem reported as "Row 14, start date: '31/02/2021' is not a real date"
(rows numbered as the spreadsheet numbers them: the header is row 1). The caller imports nothing unless
the list of errors is empty: a half-imported chronology is worse than none, because nobody knows which half.
Limits keep one upload from holding the server: `MAX_FILE_BYTES` and `MAX_ROWS`.

Plain Python (no Django): the event types come in as a {code: label} mapping, so the model's choices
stay the single list.
"""

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from openpyxl import load_workbook

from .dates import DateError, parse_exact_date, parse_start_date, parse_time

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
MAX_SHEET_ROWS = 50_000
LIMITS = "up to 5 MB and 5,000 rows"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool = False
    max_length: int | None = None
    hint: str = ""


COLUMNS = (
    Column("reference", "Event reference", max_length=40, hint="Your own reference for the event, if any"),
    Column(
        "start_date",
        "Start date",
        required=True,
        hint="22/05/2016; ?22/05/2016 if approximate; May 2016; 2016",
    ),
    Column("start_time", "Start time", hint="24-hour clock, like 14:30"),
    Column("end_date", "End date", hint="An exact day, like 24/05/2016, not before the start date"),
    Column("end_time", "End time", hint="24-hour clock, like 16:00"),
    Column("source_reference", "Source", required=True, max_length=200, hint="The record or document"),
    Column("practitioner_role", "Practitioner role", max_length=200, hint="A role, never a name"),
    Column("event_type", "Event type", required=True, hint="One of the event types listed below"),
    Column("facts", "Event detail (facts)", required=True, hint="What happened: facts, not opinion"),
    Column("action_outcome", "Action or outcome"),
    Column("significance", "Significance for the child", hint="Your analysis, kept apart from the facts"),
    Column("key_practice_episode", "Key practice episode", hint="Yes or No (blank means No)"),
    Column("reviewer_note", "Reviewer note"),
)
HEADERS = tuple(column.header for column in COLUMNS)
# Headers people write instead of the template's (normalised: lower case, letters and digits only).
ALIASES = {
    "date": "start_date",
    "startdate": "start_date",
    "time": "start_time",
    "sourcereference": "source_reference",
    "source": "source_reference",
    "eventdetail": "facts",
    "facts": "facts",
    "details": "facts",
    "actionoutcome": "action_outcome",
    "significance": "significance",
    "keypracticeepisode": "key_practice_episode",
    "kpe": "key_practice_episode",
    "eventreference": "reference",
    "reference": "reference",
}
MISSING = {
    "start_date": "enter the date the event started",
    "source_reference": "enter the record or document the entry comes from",
    "event_type": "enter the event type",
    "facts": "enter what happened",
}
YES = {"yes", "y", "true", "1", "x"}
NO = {"no", "n", "false", "0", ""}


@dataclass(frozen=True)
class EntryRow:
    """One valid row, ready to become a `ChronologyEntry`."""

    row: int
    reference: str
    start_on: dt.date
    start_precision: str
    start_as_written: str
    start_time: dt.time | None
    end_on: dt.date | None
    end_time: dt.time | None
    source_reference: str
    practitioner_role: str
    event_type: str
    facts: str
    action_outcome: str
    significance: str
    key_practice_episode: bool
    reviewer_note: str


@dataclass
class UploadResult:
    rows: list[EntryRow]
    errors: list[str]

    @property
    def is_valid(self) -> bool:
        return not self.errors


class UploadError(ValueError):
    """The file as a whole cannot be read (wrong kind, too big, no header): nothing to say row by row."""


def read_upload(
    name: str,
    content: bytes,
    event_types: Mapping[str, str],
    *,
    today: dt.date | None = None,
) -> UploadResult:
    """Parse and check an uploaded file. Raises UploadError when the file itself is unusable."""
    if len(content) > MAX_FILE_BYTES:
        raise UploadError(f"The selected file must be smaller than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    if not content:
        raise UploadError("The selected file is empty")
    if content.startswith(b"PK"):
        table = _xlsx_rows(content)
    elif name.lower().endswith((".xlsx", ".xlsm")):
        raise UploadError("The selected file is not a real XLSX file: save it again from your spreadsheet")
    elif name.lower().endswith((".csv", ".txt")):
        table = _csv_rows(content)
    else:
        raise UploadError("The selected file must be a CSV or XLSX file")
    return check_rows(table, event_types, today=today)


def check_rows(
    table: Iterable[list], event_types: Mapping[str, str], *, today: dt.date | None = None
) -> UploadResult:
    """Check the rows of a table whose first row is the header."""
    rows = iter(table)
    header = next(rows, None)
    if header is None or not any(_text(cell) for cell in header):
        raise UploadError("The selected file has no header row: use the template")
    columns, errors = _match_header(header)
    if errors:
        return UploadResult([], errors)
    types = _event_type_lookup(event_types)
    parsed, errors, seen = [], [], 0
    for number, cells in enumerate(rows, start=2):
        values = {key: cells[index] if index < len(cells) else None for key, index in columns.items()}
        if not any(_text(value) for value in values.values()):
            continue
        seen += 1
        if seen > MAX_ROWS:
            raise UploadError(
                f"The selected file has more than {MAX_ROWS:,} rows: split it into smaller files"
            )
        row, row_errors = _check_row(number, values, types, today)
        errors += row_errors
        if row is not None:
            parsed.append(row)
    if not parsed and not errors:
        raise UploadError("The selected file has no entries under its header row")
    return UploadResult(parsed if not errors else [], errors)


def _match_header(header: list) -> tuple[dict[str, int], list[str]]:
    by_name = {_normalise(column.header): column.key for column in COLUMNS} | ALIASES
    columns, errors = {}, []
    for index, cell in enumerate(header):
        text = _text(cell)
        if not text:
            continue
        key = by_name.get(_normalise(text))
        if key is None:
            errors.append(f"Row 1: '{text}' is not a column of the template")
        elif key in columns:
            errors.append(f"Row 1: the column '{text}' appears twice")
        else:
            columns[key] = index
    for column in COLUMNS:
        if column.required and column.key not in columns:
            errors.append(f"Row 1: the '{column.header}' column is missing")
    return columns, errors


def _check_row(number: int, values: dict, types: dict[str, str], today) -> tuple[EntryRow | None, list[str]]:
    errors = []

    def fail(key: str, message: str) -> None:
        index, header = next(
            (index, column.header) for index, column in enumerate(COLUMNS) if column.key == key
        )
        errors.append((index, f"Row {number}, {header[0].lower()}{header[1:]}: {message}"))

    text = {key: _text(value) for key, value in values.items()}
    for column in COLUMNS:
        if column.required and not text.get(column.key):
            fail(column.key, MISSING[column.key])
        elif column.max_length and len(text.get(column.key, "")) > column.max_length:
            fail(column.key, f"must be {column.max_length} characters or fewer")

    start = start_time = end_on = end_time = None
    if text.get("start_date"):
        try:
            start = _start_date(values["start_date"], today)
        except DateError as error:
            fail("start_date", str(error))
    if text.get("start_time"):
        try:
            start_time = _time(values["start_time"])
        except DateError as error:
            fail("start_time", str(error))
    if text.get("end_time"):
        try:
            end_time = _time(values["end_time"])
        except DateError as error:
            fail("end_time", str(error))
    if text.get("end_date"):
        try:
            end_on = _exact_date(values["end_date"])
        except DateError as error:
            fail("end_date", str(error))
        else:
            if start is not None and end_on < start.on:
                fail("end_date", f"'{text['end_date']}' is before the start date")
    if end_time and not end_on and not text.get("end_date"):
        fail("end_date", "enter the end date as well as the end time")
    if start and end_on == start.on and start_time and end_time and end_time < start_time:
        fail("end_time", f"'{text['end_time']}' is before the start time")

    event_type = None
    if text.get("event_type"):
        event_type = types.get(text["event_type"].lower())
        if event_type is None:
            fail("event_type", f"'{text['event_type']}' is not one of the event types in the template")

    key_practice_episode = False
    answer = text.get("key_practice_episode", "").lower()
    if answer in YES:
        key_practice_episode = True
    elif answer not in NO:
        fail("key_practice_episode", f"'{text['key_practice_episode']}' must be Yes or No")

    if errors:
        # In the order of the columns, as the person reads the row.
        return None, [message for _, message in sorted(errors, key=lambda error: error[0])]
    return (
        EntryRow(
            row=number,
            reference=text.get("reference", ""),
            start_on=start.on,
            start_precision=start.precision,
            start_as_written=start.as_written,
            start_time=start_time,
            end_on=end_on,
            end_time=end_time,
            source_reference=text["source_reference"],
            practitioner_role=text.get("practitioner_role", ""),
            event_type=event_type,
            facts=text["facts"],
            action_outcome=text.get("action_outcome", ""),
            significance=text.get("significance", ""),
            key_practice_episode=key_practice_episode,
            reviewer_note=text.get("reviewer_note", ""),
        ),
        [],
    )


def _start_date(value, today):
    """A spreadsheet's real date cell is an exact day; anything else is read as text."""
    if isinstance(value, dt.datetime | dt.date):
        on = value.date() if isinstance(value, dt.datetime) else value
        return parse_start_date(on.strftime("%d/%m/%Y"), today=today)
    return parse_start_date(_text(value), today=today)


def _exact_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return parse_exact_date(_text(value))


def _time(value) -> dt.time:
    if isinstance(value, dt.datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0)
    return parse_time(_text(value))


def _event_type_lookup(event_types: Mapping[str, str]) -> dict[str, str]:
    lookup = {}
    for code, label in event_types.items():
        lookup[code.lower()] = code
        lookup[label.lower()] = code
    return lookup


def _text(value) -> str:
    """A cell as text: numbers a spreadsheet stored as numbers (a year: 2016.0) without their decimals."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value).strip()


def _normalise(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.lower())


def _csv_rows(content: bytes) -> list[list[str]]:
    # Excel on Windows saves CSV as Windows-1252 unless asked for UTF-8.
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UploadError("The selected file could not be read: save it as CSV UTF-8")
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error:
        raise UploadError("The selected file is not a CSV file that can be read") from None


def _xlsx_rows(content: bytes) -> list[list]:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise UploadError(
            "The selected file is not a real XLSX file: save it again from your spreadsheet"
        ) from None
    sheet = workbook["Chronology"] if "Chronology" in workbook.sheetnames else workbook.worksheets[0]
    rows = []
    for row in sheet.iter_rows(values_only=True):
        rows.append(list(row))
        # check_rows counts the rows with something in them; this bounds the empty ones a sheet may hold.
        if len(rows) > MAX_SHEET_ROWS:
            workbook.close()
            raise UploadError(
                f"The selected file has more than {MAX_SHEET_ROWS:,} rows, counting empty ones: "
                "delete the empty rows at the end or split it into smaller files"
            )
    workbook.close()
    return rows
