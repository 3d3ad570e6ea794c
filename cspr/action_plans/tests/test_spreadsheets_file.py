"""The action plan spreadsheet on its own, without the database or HTTP: what the file holds and locks,
and every check an uploaded file goes through, with the messages people read."""

import datetime as dt
import io
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from cspr.action_plans import rules
from cspr.action_plans.spreadsheet import (
    HEADERS,
    MAX_ROWS,
    ActionState,
    ExportRow,
    SheetRow,
    SpreadsheetError,
    action_ids,
    check_rows,
    read_workbook,
    write_workbook,
)

DUE = dt.date(2027, 4, 30)
WHOSE = "Northshire Police's"


def export_row(pk=12, **fields) -> ExportRow:
    values = {
        "action_id": pk,
        "review": "CSPR 2026/01: Child K",
        "recommendation_number": 1,
        "recommendation": "Agencies should see and assess fathers and male carers.",
        "agency": "Northshire Police",
        "what_will_change": "Training on assessing men in the household",
        "owner": "Detective Inspector, Public Protection Unit",
        "due_on": DUE,
        "success_measure": "90% of officers trained",
        "status": "On track",
        "overdue": "No",
        "latest_note": "Training booked",
    }
    return ExportRow(**(values | fields))


def state(pk=12, status=rules.ON_TRACK, *, manager=False, **fields) -> ActionState:
    values = {
        "pk": pk,
        "status": status,
        "owner": "Detective Inspector, Public Protection Unit",
        "due_on": DUE,
        "may_update": status != rules.ASSURED,
        "may_change_agreed": manager and status != rules.ASSURED,
    }
    return ActionState(**(values | fields))


def row(number=2, action_id=12, **values) -> SheetRow:
    cells = {
        "action_id": action_id,
        "owner": "Detective Inspector, Public Protection Unit",
        "due_on": dt.datetime(2027, 4, 30),
        "new_status": None,
        "note": None,
    }
    return SheetRow(number, cells | values)


def workbook_bytes(rows, sheet_title="Actions") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title
    for line in rows:
        sheet.append(line)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def exported(**options) -> bytes:
    options = {"may_update": True, "may_change_agreed": False} | options
    return write_workbook([export_row(12), export_row(13)], about=[("Partnership", "Northshire")], **options)


# Writing


def test_the_agency_copy_opens_only_new_status_and_note_and_offers_the_statuses():
    sheet = load_workbook(io.BytesIO(exported()))["Actions"]
    assert [cell.value for cell in sheet[1]] == list(HEADERS)
    assert sheet.protection.sheet
    unlocked = [
        sheet.cell(row=1, column=index).value
        for index, cell in enumerate(sheet[2], 1)
        if not cell.protection.locked
    ]
    assert unlocked == ["New status", "Progress note to add"]
    assert sheet["A2"].value == 12 and sheet["H2"].value == dt.datetime(2027, 4, 30)
    (validation,) = sheet.data_validations.dataValidation
    assert validation.formula1 == '"Not started,On track,At risk,Complete"'
    assert "M2:M3" in str(validation.sqref)


def test_the_business_managers_copy_also_opens_owner_and_due_date():
    sheet = load_workbook(io.BytesIO(exported(may_change_agreed=True)))["Actions"]
    unlocked = [
        sheet.cell(row=1, column=index).value
        for index, cell in enumerate(sheet[2], 1)
        if not cell.protection.locked
    ]
    assert unlocked == ["Owner", "Due date", "New status", "Progress note to add"]


def test_a_copy_for_reading_locks_everything_and_says_so():
    workbook = load_workbook(io.BytesIO(exported(may_update=False)))
    assert all(cell.protection.locked for cell in workbook["Actions"][2])
    instructions = [value for line in workbook["Instructions"].iter_rows(values_only=True) for value in line]
    assert "This copy is for reading: you cannot upload it to change the actions." in instructions


def test_the_instructions_explain_the_round_trip():
    instructions = load_workbook(io.BytesIO(exported()))["Instructions"]
    text = " ".join(
        str(value) for line in instructions.iter_rows(values_only=True) for value in line if value
    )
    assert "Northshire" in text
    assert "nothing is changed and every problem is listed" in text
    assert "up to 5 MB and 2,000 rows" in text


def test_text_a_spreadsheet_would_run_as_a_formula_is_written_as_text_and_reads_back_unchanged():
    content = write_workbook(
        [export_row(owner="=HYPERLINK(1)")], about=[], may_update=True, may_change_agreed=True
    )
    assert load_workbook(io.BytesIO(content))["Actions"]["G2"].value == "'=HYPERLINK(1)"
    rows = read_workbook(content)
    result = check_rows(rows, {12: state(owner="=HYPERLINK(1)", manager=True)}, whose=WHOSE)
    assert result.is_valid and result.changes == [] and result.unchanged == 1


# Reading the file


def test_an_exported_file_reads_back_with_nothing_changed():
    rows = read_workbook(exported())
    assert action_ids(rows) == {12, 13}
    result = check_rows(rows, {12: state(12), 13: state(13)}, whose=WHOSE)
    assert (result.rows_read, result.changes, result.errors, result.unchanged) == (2, [], [], 2)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"Action ID,New status\n12,Complete\n", "The selected file is not an XLSX spreadsheet"),
        (b"PK\x03\x04 not really a zip", "The selected file is not an XLSX spreadsheet"),
        (b"", "The selected file is empty"),
    ],
    ids=["csv-renamed", "broken-zip", "empty"],
)
def test_a_file_that_is_not_a_spreadsheet_is_refused(content, message):
    with pytest.raises(SpreadsheetError, match=f"^{message}$"):
        read_workbook(content)


def test_a_zip_that_is_not_a_workbook_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "hello")
    with pytest.raises(SpreadsheetError, match="^The selected file is not an XLSX spreadsheet$"):
        read_workbook(out.getvalue())


def test_a_workbook_without_the_actions_sheet_is_refused():
    with pytest.raises(SpreadsheetError, match="has no 'Actions' sheet"):
        read_workbook(workbook_bytes([list(HEADERS)], sheet_title="Sheet1"))


def test_a_workbook_without_the_columns_names_the_missing_ones():
    content = workbook_bytes([["Action ID", "Owner", "Due date", "Comments"], [12, "x", DUE, "Done"]])
    with pytest.raises(SpreadsheetError) as refused:
        read_workbook(content)
    assert str(refused.value) == (
        "The selected file is not the action plan spreadsheet: row 1 has no 'New status' or "
        "'Progress note to add' columns. Download the spreadsheet again and fill that in"
    )


def test_too_many_rows_and_too_big_a_file_are_refused():
    lines = [list(HEADERS), *([13] * 1 for _ in range(MAX_ROWS + 1))]
    with pytest.raises(SpreadsheetError, match="more than 2,000 rows"):
        read_workbook(workbook_bytes(lines))
    with pytest.raises(SpreadsheetError, match="must be smaller than 5 MB"):
        read_workbook(b"PK" + b"0" * (5 * 1024 * 1024))


def test_columns_may_be_moved_and_empty_rows_are_skipped():
    content = workbook_bytes(
        [
            ["Progress note to add", "New status", "Due date", "Owner", "Action ID"],
            [None, None, None, None, None],
            ["Training started", "on track", DUE, "Detective Inspector, Public Protection Unit", 12],
        ]
    )
    rows = read_workbook(content)
    assert [line.number for line in rows] == [3]
    result = check_rows(rows, {12: state(status=rules.NOT_STARTED)}, whose=WHOSE)
    assert result.errors == []
    assert [(change.number, change.status, change.note) for change in result.changes] == [
        (3, rules.ON_TRACK, "Training started")
    ]


# Checking the rows


def test_a_status_that_is_not_one_of_the_choices_is_named_with_its_row():
    result = check_rows([row(7, new_status="Done", note="All done")], {12: state()}, whose=WHOSE)
    assert result.errors == [
        "Row 7, new status: 'Done' is not one of Not started, On track, At risk, Complete"
    ]
    assert result.changes == []


def test_an_action_that_is_not_the_agencys_refuses_the_whole_file():
    rows = [row(2, 12, new_status="Complete", note="Done"), row(5, 123, note="Ours now")]
    result = check_rows(rows, {12: state()}, whose=WHOSE)
    assert result.errors == ["Row 5, Action ID: action 123 is not one of Northshire Police's actions"]
    assert result.changes == [], "a valid row is not applied when another is refused"


def test_statuses_the_agency_may_not_set_are_refused_with_the_rule():
    rows = [
        row(2, 12, new_status="Assured as embedded", note="x"),
        row(3, 13, new_status="Overdue", note="x"),
    ]
    result = check_rows(rows, {12: state(12), 13: state(13)}, whose=WHOSE)
    assert result.errors == [
        f"Row 2, new status: {rules.agency_update_error(rules.ON_TRACK, rules.ASSURED)}",
        f"Row 3, new status: {rules.agency_update_error(rules.ON_TRACK, rules.OVERDUE)}",
    ]


def test_a_change_to_an_assured_action_is_refused_but_leaving_it_alone_is_not():
    assured = {12: state(status=rules.ASSURED)}
    assert check_rows([row(4, note="One more thing")], assured, whose=WHOSE).errors == [
        "Row 4, progress note to add: This action has been assured as embedded and can no longer be changed"
    ]
    untouched = check_rows([row(4, new_status="Assured as embedded")], assured, whose=WHOSE)
    assert untouched.is_valid and untouched.unchanged == 1


def test_a_new_status_needs_a_note_and_a_note_alone_keeps_the_status():
    missing = check_rows([row(2, new_status="At risk")], {12: state()}, whose=WHOSE)
    assert missing.errors == ["Row 2, progress note to add: enter a progress note to go with the new status"]
    note_only = check_rows([row(2, note="Still going")], {12: state()}, whose=WHOSE)
    assert [(change.status, change.note) for change in note_only.changes] == [(rules.ON_TRACK, "Still going")]
    same_status = check_rows([row(2, new_status="On track")], {12: state()}, whose=WHOSE)
    assert same_status.changes == [] and same_status.unchanged == 1


def test_only_the_business_manager_changes_owner_and_due_date():
    rows = [row(2, owner="Chief Inspector", due_on="31/05/2027")]
    assert check_rows(rows, {12: state()}, whose=WHOSE).errors == [
        "Row 2, owner: only the business manager can change the owner",
        "Row 2, due date: only the business manager can change the due date",
    ]
    result = check_rows(rows, {12: state(manager=True)}, whose="Northshire's")
    assert [(change.owner, change.due_on, change.note) for change in result.changes] == [
        ("Chief Inspector", dt.date(2027, 5, 31), "")
    ]


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("31/02/2027", "Row 2, due date: '31/02/2027' is not a real date"),
        ("next spring", "Row 2, due date: 'next spring' is not a date: enter it like 31/05/2027"),
        (None, "Row 2, due date: enter the due date"),
    ],
)
def test_due_dates_must_be_real(written, message):
    assert check_rows([row(2, due_on=written)], {12: state(manager=True)}, whose=WHOSE).errors == [message]


def test_action_ids_must_be_there_once_each_and_be_numbers():
    rows = [
        row(2, None, note="A new action?"),
        row(3, "twelve"),
        row(4, 12, note="a"),
        row(6, 12.0, note="b"),
    ]
    assert check_rows(rows, {12: state()}, whose=WHOSE).errors == [
        "Row 2, Action ID: enter the action ID: rows cannot be added from the spreadsheet",
        "Row 3, Action ID: 'twelve' is not an action ID",
        "Row 6, Action ID: action 12 is also on row 4: give each action one row",
    ]


def test_every_problem_of_a_row_is_listed_in_column_order():
    result = check_rows(
        [row(9, new_status="Finished", note="x" * 5001, due_on="32/01/2027")],
        {12: state(manager=True)},
        whose=WHOSE,
    )
    assert result.errors == [
        "Row 9, due date: '32/01/2027' is not a real date",
        "Row 9, new status: 'Finished' is not one of Not started, On track, At risk, Complete",
        "Row 9, progress note to add: must be 5,000 characters or fewer",
    ]
