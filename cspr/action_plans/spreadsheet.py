"""The action plan as an XLSX spreadsheet that goes out to the agencies and comes back filled in.

Writing: one row per action on an "Actions" sheet, what was agreed and where it stands, then the two
columns an agency fills (New status, from a drop-down, and Progress note to add); the business manager's
copy also opens Owner and Due date for editing. Every other cell is locked (sheet protection without a
password: it guides, it does not secure), and an Instructions sheet says what to do.

Reading back: every row is checked and every problem reported as "Row 7, new status: 'Done' is not one of
Not started, On track, At risk, Complete" (rows numbered as the spreadsheet numbers them: the header is
row 1). The caller applies nothing unless the list of errors is empty: a file that touches another
agency's actions, or changes an assured one, is refused as a whole. The locked columns are not read: the
database, not an old copy of the file, says what an action is.

Plain Python and openpyxl, no database: the caller says which actions the person may touch and how
(`ActionState`), so the checks can be tested on their own and the status rules stay in `rules`.
"""

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from cspr.audit.views import spreadsheet_safe

from . import rules

SHEET = "Actions"
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 2000
# Rows a sheet may hold counting empty ones, so a file of blank formatted rows cannot hold the server.
MAX_SHEET_ROWS = 20_000
MAX_NOTE = 5000
MAX_OWNER = 200
LIMITS = "up to 5 MB and 2,000 rows"

# Who may change a column: nobody (read-only), whoever may update the action, or whoever may change what
# was agreed (the business manager).
READ_ONLY = ""
UPDATE = "update"
AGREED = "agreed"

# The agency statuses as the drop-down shows them ("Complete", not "Complete: awaiting assurance").
SHEET_STATUS_LABELS = {
    rules.NOT_STARTED: "Not started",
    rules.ON_TRACK: "On track",
    rules.AT_RISK: "At risk",
    rules.COMPLETE: "Complete",
}
STATUS_CHOICES_TEXT = ", ".join(SHEET_STATUS_LABELS[status] for status in rules.AGENCY_STATUSES)


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int
    editable: str = READ_ONLY
    hint: str = ""


COLUMNS = (
    Column("action_id", "Action ID", 10, hint="Keep it as it is: it says which action the row is"),
    Column("review", "Review", 34),
    Column("recommendation_number", "Recommendation number", 16),
    Column("recommendation", "Recommendation", 50),
    Column("agency", "Agency", 24),
    Column("what_will_change", "What will change", 50),
    Column("owner", "Owner", 28, AGREED, "The person who will make it happen, and their role"),
    Column("due_on", "Due date", 16, AGREED, "A real date, like 31/05/2027"),
    Column("success_measure", "Success measure", 40),
    Column("status", "Current status", 24),
    Column("overdue", "Overdue?", 22),
    Column("latest_note", "Latest progress note", 50),
    Column(
        "new_status", "New status", 16, UPDATE, f"Leave blank to keep it, or choose {STATUS_CHOICES_TEXT}"
    ),
    Column("note", "Progress note to add", 60, UPDATE, "What has happened since the last update"),
)
HEADERS = tuple(column.header for column in COLUMNS)
# The columns an import reads: they must all be there.
READ_COLUMNS = ("action_id", "owner", "due_on", "new_status", "note")
EDITABLE_FILL = PatternFill("solid", fgColor="FFF7BF")
HEADER_FILL = PatternFill("solid", fgColor="DEE0E2")


class DateError(ValueError):
    """A due date that cannot be read; the message quotes what was written."""


class SpreadsheetError(ValueError):
    """The file as a whole cannot be used (not XLSX, too big, not our spreadsheet): nothing to say row by
    row."""


@dataclass(frozen=True)
class ExportRow:
    """One action as the spreadsheet shows it."""

    action_id: int
    review: str
    recommendation_number: int
    recommendation: str
    agency: str
    what_will_change: str
    owner: str
    due_on: dt.date
    success_measure: str
    status: str
    overdue: str
    latest_note: str


@dataclass(frozen=True)
class ActionState:
    """What an import needs to know about one action the person can see, and what they may do to it."""

    pk: int
    status: str
    owner: str
    due_on: dt.date
    may_update: bool
    may_change_agreed: bool
    latest_note: str = ""


@dataclass(frozen=True)
class SheetRow:
    """A row of the file with something in it: its number and the cells an import reads."""

    number: int
    values: dict


@dataclass(frozen=True)
class RowChange:
    """A valid row that changes its action. `note` is the progress update (with `status`, the current
    one when only a note was added); `owner` and `due_on` are set only when they change."""

    number: int
    action_id: int
    status: str
    note: str
    owner: str | None = None
    due_on: dt.date | None = None

    @property
    def is_update(self) -> bool:
        return bool(self.note)


@dataclass
class CheckResult:
    rows_read: int
    changes: list[RowChange]
    errors: list[str]

    @property
    def is_valid(self) -> bool:
        return not self.errors

    @property
    def unchanged(self) -> int:
        return self.rows_read - len(self.changes)


# Writing


def write_workbook(
    rows: Iterable[ExportRow], *, about: list[tuple[str, str]], may_update: bool, may_change_agreed: bool
) -> bytes:
    """The spreadsheet of `rows`. `may_update` opens New status and Progress note to add (for those who
    may import it); `may_change_agreed` also opens Owner and Due date (the business manager's copy)."""
    open_to = {UPDATE} if may_update else set()
    if may_update and may_change_agreed:
        open_to.add(AGREED)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    sheet.append(HEADERS)
    for index, column in enumerate(COLUMNS, 1):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.fill = EDITABLE_FILL if column.editable in open_to else HEADER_FILL
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    count = 0
    for count, row in enumerate(rows, 1):
        sheet.append([_cell_value(row, column.key) for column in COLUMNS])
        for index, column in enumerate(COLUMNS, 1):
            cell = sheet.cell(row=count + 1, column=index)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if column.key == "due_on":
                cell.number_format = "d mmmm yyyy"
            if column.editable in open_to:
                cell.protection = Protection(locked=False)
                cell.fill = EDITABLE_FILL
    last_column = get_column_letter(len(COLUMNS))
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = f"A1:{last_column}{count + 1}"
    if may_update and count:
        statuses = DataValidation(
            type="list",
            formula1='"' + ",".join(SHEET_STATUS_LABELS.values()) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="New status",
            error=f"Choose {STATUS_CHOICES_TEXT}, or leave it blank",
        )
        column = get_column_letter(_position("new_status"))
        statuses.add(f"{column}2:{column}{count + 1}")
        sheet.add_data_validation(statuses)
    _protect(sheet)
    _instructions(workbook.create_sheet("Instructions"), about, open_to)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _cell_value(row: ExportRow, key: str):
    if key in ("new_status", "note"):
        return None
    return spreadsheet_safe(getattr(row, key))


def _protect(sheet) -> None:
    """Lock the sheet without a password, still letting people resize, filter and sort."""
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    sheet.protection.autoFilter = False
    sheet.protection.sort = False


def _instructions(sheet, about: list[tuple[str, str]], open_to: set[str]) -> None:
    sheet.column_dimensions["A"].width = 26
    sheet.column_dimensions["B"].width = 90
    sheet.append(["Action plan spreadsheet"])
    sheet["A1"].font = Font(bold=True, size=14)
    for label, value in about:
        sheet.append([label, spreadsheet_safe(value)])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
    sheet.append([])
    if UPDATE in open_to:
        steps = [
            "Fill in the yellow columns on the Actions sheet, one row per action. Leave a row as it is if "
            "there is nothing new.",
            f"New status: leave it blank to keep the current status, or choose {STATUS_CHOICES_TEXT}. "
            "Overdue is worked out from the due date; only the business manager or review group can "
            "assure an action, after reviewing its evidence.",
            "Progress note to add: say what has happened since the last update. A new status needs a note.",
            "Upload the file on the 'Update actions from a spreadsheet' page of the action plans.",
            "Every row is checked first. If any row has a problem, nothing is changed and every problem "
            "is listed by row and column, so you can correct the file and upload it again.",
            "Do not change the Action ID. A file with an action that is not yours to update is refused as "
            "a whole, and so is a change to an action already assured as embedded.",
            f"Files may be {LIMITS}. Evidence files are added on each action's page, not here.",
        ]
        if AGREED in open_to:
            steps.insert(
                3,
                "Owner and Due date: you may also change these. A due date given in working days after the "
                "plan was agreed becomes a fixed date when you change it here.",
            )
    else:
        steps = ["This copy is for reading: you cannot upload it to change the actions."]
    sheet.append(["What to do"])
    sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
    for number, step in enumerate(steps, 1):
        sheet.append([f"Step {number}", step])
    sheet.append([])
    sheet.append(["Column", "What it holds"])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for column in COLUMNS:
        hint = column.hint or "For reading only"
        if column.editable and column.editable not in open_to:
            hint = "For reading only"
        sheet.append([column.header, hint])
    for row in sheet.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.protection.sheet = True


def _position(key: str) -> int:
    return next(index for index, column in enumerate(COLUMNS, 1) if column.key == key)


# Reading


def read_workbook(content: bytes) -> list[SheetRow]:
    """The rows of an uploaded spreadsheet that have something in them. Raises SpreadsheetError when the
    file itself cannot be used."""
    if not content:
        raise SpreadsheetError("The selected file is empty")
    if len(content) > MAX_FILE_BYTES:
        raise SpreadsheetError(f"The selected file must be smaller than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    if not content.startswith(b"PK"):
        raise SpreadsheetError("The selected file is not an XLSX spreadsheet")
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        raise SpreadsheetError("The selected file is not an XLSX spreadsheet") from None
    try:
        if SHEET not in workbook.sheetnames:
            raise SpreadsheetError(
                f"The selected file has no '{SHEET}' sheet: download the action plan spreadsheet again "
                "and fill that in"
            )
        return _sheet_rows(workbook[SHEET])
    finally:
        workbook.close()


def _sheet_rows(sheet) -> list[SheetRow]:
    cells = sheet.iter_rows(values_only=True)
    columns = _match_header(next(cells, ()))
    rows = []
    for number, row in enumerate(cells, start=2):
        if number > MAX_SHEET_ROWS:
            raise SpreadsheetError(
                f"The selected file has more than {MAX_SHEET_ROWS:,} rows, counting empty ones: delete the "
                "empty rows at the end"
            )
        if not any(_text(value) for value in row):
            continue
        if len(rows) == MAX_ROWS:
            raise SpreadsheetError(
                f"The selected file has more than {MAX_ROWS:,} rows: split it into smaller files"
            )
        values = {key: row[index] if index < len(row) else None for key, index in columns.items()}
        rows.append(SheetRow(number, values))
    return rows


def _match_header(header) -> dict[str, int]:
    by_name = {_normalise(column.header): column.key for column in COLUMNS}
    columns = {}
    for index, cell in enumerate(header):
        key = by_name.get(_normalise(_text(cell)))
        if key is not None and key not in columns:
            columns[key] = index
    missing = [_header(key) for key in READ_COLUMNS if key not in columns]
    if missing:
        raise SpreadsheetError(
            f"The selected file is not the action plan spreadsheet: row 1 has no {_and(missing)} column"
            f"{'s' if len(missing) > 1 else ''}. Download the spreadsheet again and fill that in"
        )
    return columns


def action_ids(rows: Iterable[SheetRow]) -> set[int]:
    """The action IDs the rows name, so the caller can look up only those actions."""
    ids = set()
    for row in rows:
        pk = _action_id(row.values.get("action_id"))
        if pk is not None:
            ids.add(pk)
    return ids


def check_rows(rows: list[SheetRow], actions: Mapping[int, ActionState], *, whose: str) -> CheckResult:
    """Check every row against the actions the person may touch (`actions`, by ID); `whose` names them in
    the error ("Northshire Police's"). Returns the changes, or every error and no changes."""
    changes, errors, seen = [], [], {}
    for row in rows:
        change, row_errors = _check_row(row, actions, seen, whose)
        errors += row_errors
        if change is not None:
            changes.append(change)
    return CheckResult(len(rows), changes if not errors else [], errors)


def _check_row(row: SheetRow, actions, seen: dict, whose: str) -> tuple[RowChange | None, list[str]]:
    number, values = row.number, row.values
    errors = []

    def fail(key: str, message: str) -> None:
        errors.append((_position(key), f"Row {number}, {_named(key)}: {message}"))

    def sorted_errors() -> list[str]:
        return [message for _, message in sorted(errors, key=lambda error: error[0])]

    written_id = _text(values.get("action_id"))
    pk = _action_id(values.get("action_id"))
    if not written_id:
        fail("action_id", "enter the action ID: rows cannot be added from the spreadsheet")
        return None, sorted_errors()
    if pk is None:
        fail("action_id", f"'{written_id}' is not an action ID")
        return None, sorted_errors()
    state = actions.get(pk)
    if state is None:
        fail("action_id", f"action {pk} is not one of {whose} actions")
        return None, sorted_errors()
    if pk in seen:
        fail("action_id", f"action {pk} is also on row {seen[pk]}: give each action one row")
        return None, sorted_errors()
    seen[pk] = number

    new_status = None
    written_status = _text(values.get("new_status"))
    if written_status:
        new_status = _STATUS_LOOKUP.get(written_status.lower())
        if new_status is None:
            fail("new_status", f"'{written_status}' is not one of {STATUS_CHOICES_TEXT}")
    note = _text(values.get("note"))
    if len(note) > MAX_NOTE:
        fail("note", f"must be {MAX_NOTE:,} characters or fewer")
    owner = _changed_owner(values.get("owner"), state)
    due_on = None
    try:
        due_on = _changed_due_date(values.get("due_on"), state)
    except DateError as error:
        fail("due_on", str(error))
    if errors:
        return None, sorted_errors()

    status_changes = new_status is not None and new_status != state.status
    if note and not status_changes and note == state.latest_note.strip():
        note = ""  # already recorded: the same file uploaded again adds nothing
    changed = [
        key
        for key, is_changed in (
            ("owner", owner is not None),
            ("due_on", due_on is not None),
            ("new_status", status_changes),
            ("note", bool(note)),
        )
        if is_changed
    ]
    if not changed:
        return None, []
    if state.status == rules.ASSURED:
        fail(changed[0], rules.agency_update_error(state.status, new_status or state.status))
        return None, sorted_errors()
    for key in ("owner", "due_on"):
        if key in changed and not state.may_change_agreed:
            fail(key, f"only the business manager can change the {_header(key).lower()}")
    if owner is not None and state.may_change_agreed:
        if not owner:
            fail("owner", "enter the owner of the action")
        elif len(owner) > MAX_OWNER:
            fail("owner", f"must be {MAX_OWNER} characters or fewer")
    if status_changes or note:
        status = new_status or state.status
        if not state.may_update:
            fail("new_status" if status_changes else "note", "you cannot update this action")
        elif error := rules.agency_update_error(state.status, status):
            fail("new_status", error)
        elif status_changes and not note:
            fail("note", "enter a progress note to go with the new status")
    if errors:
        return None, sorted_errors()
    return RowChange(number, pk, new_status or state.status, note, owner, due_on), []


def _changed_owner(value, state: ActionState) -> str | None:
    """The owner written in the row if it differs from the action's (a text the export had to quote, so
    no spreadsheet would run it as a formula, counts as unchanged)."""
    written = _text(value)
    if written in (state.owner.strip(), spreadsheet_safe(state.owner.strip())):
        return None
    return written


def _changed_due_date(value, state: ActionState) -> dt.date | None:
    if isinstance(value, dt.datetime):
        on = value.date()
    elif isinstance(value, dt.date):
        on = value
    elif not _text(value):
        raise DateError("enter the due date")
    else:
        on = _parse_date(_text(value))
    return None if on == state.due_on else on


_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def _parse_date(text: str) -> dt.date:
    """A date typed as text: 31/05/2027, 2027-05-31 or 31 May 2027."""
    if match := _DAY_MONTH_YEAR.match(text):
        day, month, year = (int(part) for part in match.groups())
    elif match := _ISO_DATE.match(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        for pattern in ("%d %B %Y", "%d %b %Y"):
            try:
                return dt.datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a calendar date, no time
            except ValueError:
                continue
        raise DateError(f"'{text}' is not a date: enter it like 31/05/2027")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateError(f"'{text}' is not a real date") from None


_STATUS_LOOKUP = {
    **{label.lower(): status for status, label in SHEET_STATUS_LABELS.items()},
    **{label.lower(): status for status, label in rules.STATUS_LABELS.items()},
    **{status.replace("_", " "): status for status in rules.STATUS_LABELS},
}


def _action_id(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    if isinstance(value, float):
        return int(value) if value.is_integer() and value > 0 else None
    text = _text(value)
    return int(text) if text.isdigit() and int(text) > 0 else None


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _normalise(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.lower())


def _header(key: str) -> str:
    return next(column.header for column in COLUMNS if column.key == key)


def _named(key: str) -> str:
    """A column as an error message names it: "new status", but "Action ID"."""
    header = _header(key)
    return header if header.split()[-1].isupper() else header[0].lower() + header[1:]


def _and(items: list[str]) -> str:
    quoted = [f"'{item}'" for item in items]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"
