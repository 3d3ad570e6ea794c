"""Reading the chronology upload: every problem named by row and column; nothing when any row is wrong."""

import csv
import datetime as dt
import io

import pytest
from openpyxl import Workbook, load_workbook

from cspr.chronology import template_files, upload
from cspr.chronology.models import ChronologyEntry, EventType
from cspr.chronology.upload import HEADERS, UploadError, read_upload

TYPES = dict(EventType.choices)
TODAY = dt.date(2026, 11, 26)
GOOD_ROW = {
    "Event reference": "P-1",
    "Start date": "22/05/2016",
    "Start time": "14:30",
    "End date": "",
    "End time": "",
    "Source": "Police log 2016/123",
    "Practitioner role": "Police constable",
    "Event type": "Police incident or call-out",
    "Event detail (facts)": "Neighbour reported shouting at the address.",
    "Action or outcome": "Officers attended; no arrests.",
    "Significance for the child": "",
    "Key practice episode": "No",
    "Reviewer note": "",
}


def csv_file(rows: list[dict], headers=HEADERS) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([row.get(header, "") for header in headers])
    return out.getvalue().encode("utf-8")


def xlsx_file(rows: list[list], headers=HEADERS) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Chronology"
    sheet.append(list(headers))
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_a_valid_csv_gives_every_field():
    rows = [
        GOOD_ROW,
        {
            **GOOD_ROW,
            "Start date": "?June 2016",
            "Start time": "",
            "Event type": "home_visit",
            "Key practice episode": "yes",
            "End date": "02/06/2016",
        },
        {**GOOD_ROW, "Start date": "c. 03/07/2016", "Event type": "HOME VISIT", "End date": "03/07/2016"},
    ]
    result = read_upload("chronology.csv", csv_file(rows), TYPES, today=TODAY)
    assert result.errors == []
    first, second, third = result.rows
    assert (first.row, first.start_on, first.start_precision, first.start_as_written) == (
        2,
        dt.date(2016, 5, 22),
        "day",
        "22/05/2016",
    )
    assert first.start_time == dt.time(14, 30)
    assert first.event_type == EventType.POLICE_INCIDENT
    assert first.source_reference == "Police log 2016/123"
    assert first.practitioner_role == "Police constable"
    assert first.reference == "P-1"
    assert first.key_practice_episode is False
    assert (second.start_on, second.start_precision, second.event_type) == (
        dt.date(2016, 6, 1),
        "month",
        "home_visit",
    )
    assert second.key_practice_episode is True
    assert second.end_on == dt.date(2016, 6, 2)
    assert (third.start_precision, third.event_type) == ("approximate", "home_visit")


def test_a_malformed_csv_lists_every_problem_by_row_and_column_and_returns_no_rows():
    rows = [
        GOOD_ROW,
        {**GOOD_ROW, "Start date": "31/02/2021"},
        {**GOOD_ROW, "Source": "", "Event type": "Visit", "Start time": "25:00"},
        {**GOOD_ROW, "Start date": "", "Event detail (facts)": "", "Key practice episode": "maybe"},
        {},  # a blank row is skipped, not an error
        {**GOOD_ROW, "End date": "01/01/2016"},
        {**GOOD_ROW, "End date": "22/05/2016", "Start time": "14:30", "End time": "13:00"},
        {**GOOD_ROW, "Start date": "2030", "Practitioner role": "x" * 201},
        {**GOOD_ROW, "End time": "16:00"},
    ]
    result = read_upload("chronology.csv", csv_file(rows), TYPES, today=TODAY)
    assert result.rows == []
    assert result.errors == [
        "Row 3, start date: '31/02/2021' is not a real date",
        "Row 4, start time: '25:00' is not a real time: use the 24-hour clock, like 14:30",
        "Row 4, source: enter the record or document the entry comes from",
        "Row 4, event type: 'Visit' is not one of the event types in the template",
        "Row 5, start date: enter the date the event started",
        "Row 5, event detail (facts): enter what happened",
        "Row 5, key practice episode: 'maybe' must be Yes or No",
        "Row 7, end date: '01/01/2016' is before the start date",
        "Row 8, end time: '13:00' is before the start time",
        "Row 9, start date: '2030' is in the future",
        "Row 9, practitioner role: must be 200 characters or fewer",
        "Row 10, end date: enter the end date as well as the end time",
    ]


def test_a_malformed_xlsx_lists_problems_and_returns_no_rows():
    good = [GOOD_ROW[header] for header in HEADERS]
    bad_date = list(good)
    bad_date[1] = "31/02/2021"
    no_source = list(good)
    no_source[5] = None
    content = xlsx_file([good, bad_date, [None] * len(HEADERS), no_source])
    result = read_upload("chronology.xlsx", content, TYPES, today=TODAY)
    assert result.rows == []
    assert result.errors == [
        "Row 3, start date: '31/02/2021' is not a real date",
        "Row 5, source: enter the record or document the entry comes from",
    ]


def test_xlsx_date_time_and_number_cells_are_read():
    good = [GOOD_ROW[header] for header in HEADERS]
    good[1] = dt.datetime(2016, 5, 22)
    good[2] = dt.time(9, 15)
    good[3] = dt.datetime(2016, 5, 23)
    other = [GOOD_ROW[header] for header in HEADERS]
    other[1] = 2016  # a year typed into a number cell
    other[11] = True
    result = read_upload("chronology.xlsx", xlsx_file([good, other]), TYPES, today=TODAY)
    assert result.errors == []
    assert (result.rows[0].start_on, result.rows[0].start_as_written) == (dt.date(2016, 5, 22), "22/05/2016")
    assert result.rows[0].start_time == dt.time(9, 15)
    assert result.rows[0].end_on == dt.date(2016, 5, 23)
    assert (result.rows[1].start_on, result.rows[1].start_precision) == (dt.date(2016, 1, 1), "year")
    assert result.rows[1].key_practice_episode is True


def test_headers_are_matched_loosely_and_wrong_headers_are_named():
    headers = ["date", "SOURCE", "event type", "Facts"]
    content = csv_file(
        [{"date": "2016", "SOURCE": "GP notes", "event type": "Other", "Facts": "Seen"}], headers
    )
    result = read_upload("c.csv", content, TYPES)
    assert result.errors == [] and result.rows[0].facts == "Seen"

    headers = ["Start date", "Sorce", "Event type", "Event type"]
    result = read_upload("c.csv", csv_file([{"Start date": "2016"}], headers), TYPES)
    assert result.errors == [
        "Row 1: 'Sorce' is not a column of the template",
        "Row 1: the column 'Event type' appears twice",
        "Row 1: the 'Source' column is missing",
        "Row 1: the 'Event detail (facts)' column is missing",
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.docx", b"hello", "The selected file must be a CSV or XLSX file"),
        (
            "chronology.xlsx",
            b"not a workbook",
            "The selected file is not a real XLSX file: save it again from your spreadsheet",
        ),
        (
            "chronology.xlsx",
            b"PK\x03\x04broken",
            "The selected file is not a real XLSX file: save it again from your spreadsheet",
        ),
        ("chronology.csv", b"", "The selected file is empty"),
        ("chronology.csv", b"\n\n", "The selected file has no header row: use the template"),
        (
            "chronology.csv",
            ",".join(HEADERS).encode() + b"\n,,,\n",
            "The selected file has no entries under its header row",
        ),
    ],
)
def test_unusable_files(name, content, message):
    with pytest.raises(UploadError) as error:
        read_upload(name, content, TYPES)
    assert str(error.value) == message


def test_limits(monkeypatch):
    with pytest.raises(UploadError, match="The selected file must be smaller than 5 MB"):
        read_upload("c.csv", b"x" * (upload.MAX_FILE_BYTES + 1), TYPES)
    monkeypatch.setattr(upload, "MAX_ROWS", 2)
    with pytest.raises(
        UploadError, match="The selected file has more than 2 rows: split it into smaller files"
    ):
        read_upload("c.csv", csv_file([GOOD_ROW] * 3), TYPES)
    assert len(read_upload("c.csv", csv_file([GOOD_ROW] * 2), TYPES).rows) == 2


def test_windows_csv_is_read():
    content = csv_file([{**GOOD_ROW, "Event detail (facts)": "Café visit"}]).decode().encode("cp1252")
    assert read_upload("c.csv", content, TYPES).rows[0].facts == "Café visit"


def test_lengths_match_the_model():
    for column in upload.COLUMNS:
        if column.max_length:
            assert ChronologyEntry._meta.get_field(column.key).max_length == column.max_length


def test_templates_have_the_columns_and_the_instructions():
    assert template_files.csv_template().decode("utf-8-sig").strip() == ",".join(
        f'"{header}"' if "," in header else header for header in HEADERS
    )
    workbook = load_workbook(io.BytesIO(template_files.xlsx_template(TYPES)))
    assert workbook.sheetnames == ["Chronology", "Instructions"]
    assert [cell.value for cell in workbook["Chronology"][1]] == list(HEADERS)
    assert workbook["Chronology"].max_row == 1 or not any(
        cell.value for row in workbook["Chronology"].iter_rows(min_row=2) for cell in row
    )
    instructions = workbook["Instructions"]
    first_type = template_files._types_start()
    listed = [instructions.cell(row=first_type + index, column=2).value for index in range(len(TYPES))]
    assert listed == list(TYPES.values())
    text = " ".join(str(cell.value) for row in instructions.iter_rows() for cell in row if cell.value)
    assert "?22/05/2016" in text and "up to 5 MB and 5,000 rows" in text
    # The blank template reads back as "no entries", and the example row would import.
    example = [template_files.EXAMPLE[column.key] for column in upload.COLUMNS]
    result = read_upload("t.xlsx", xlsx_file([example]), TYPES, today=TODAY)
    assert result.errors == []
