"""The register's CSV and XLSX downloads: one row per child, statistics columns, never a child's name."""

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from conftest import make_incident
from cspr.audit.models import AuditAction, AuditEvent
from cspr.deadlines.models import StepCompletion
from cspr.incidents.exports import HEADERS, age_band
from cspr.incidents.models import (
    Child,
    Ethnicity,
    IncidentStatus,
    PlacementType,
    Sex,
    YesNoUnknown,
)

EXPORT = reverse("incidents:export")
TODAY = dt.datetime(2026, 11, 26, 12, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def register(partnership, incident):
    """The fixture incident, plus a notified one with two children and one that names no child."""
    notified = make_incident(
        partnership,
        reference="2026/002",
        status=IncidentStatus.NOTIFIED,
        aware_on=dt.date(2026, 11, 2),
        incident_on=dt.date(2026, 10, 31),
        notified_on=dt.date(2026, 11, 12),
    )
    StepCompletion.objects.create(
        partnership=partnership,
        incident=notified,
        step_code="notification",
        due_on=dt.date(2026, 11, 9),
        completed_on=dt.date(2026, 11, 12),
        working_days_late=3,
    )
    Child.objects.create(
        partnership=partnership,
        incident=notified,
        position=2,
        name="Lena Secretname",
        pseudonym="Child L",
        date_of_birth=dt.date(2010, 1, 15),
        sex=Sex.FEMALE,
        ethnicity=Ethnicity.ASIAN,
        looked_after=YesNoUnknown.YES,
        placement_type=PlacementType.FOSTER_CARE,
    )
    unnamed = make_incident(partnership, reference="2025/004", aware_on=dt.date(2025, 6, 2))
    unnamed.children.all().delete()
    return {"notified": notified}


def download(client, user, **params):
    client.force_login(user)
    response = client.get(EXPORT, params)
    assert response.status_code == 200
    return response


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_csv_has_one_row_per_child_and_never_a_name(client, business_manager, register):
    response = download(client, business_manager, format="csv", sort="reference")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="incident-register-northshire-2026-11-26.csv"' in response["Content-Disposition"]
    content = response.content.decode()
    assert "Testchild" not in content and "Secretname" not in content
    rows = csv_rows(response)
    assert list(rows[0].keys()) == HEADERS
    assert [(row["Reference"], row["Child (pseudonym)"]) for row in rows] == [
        ("2025/004", ""),
        ("2026/001", "Child K"),
        ("2026/002", "Child K"),
        ("2026/002", "Child L"),
    ]
    child_l = rows[3]
    assert child_l["Status"] == "Notified to the Panel"
    assert child_l["Nature"] == "Serious harm"
    assert child_l["Date of the incident"] == "2026-10-31"
    assert child_l["Date the local authority became aware"] == "2026-11-02"
    assert child_l["Date notified to the Panel"] == "2026-11-12"
    assert child_l["Working days late (notification)"] == "3"
    assert child_l["Place"] == "In the local authority's area"
    assert child_l["Age at incident (years)"] == "16"
    assert child_l["Age band"] == "16-17"
    assert child_l["Sex"] == "Female"
    assert child_l["Ethnicity"] == "Asian or Asian British"
    assert child_l["Looked after"] == "Yes"
    assert child_l["Placement type"] == "Foster care"
    assert child_l["Child protection plan"] == "Not known"
    baby = rows[1]
    assert (baby["Age at incident (years)"], baby["Age band"], baby["Date notified to the Panel"]) == (
        "0",
        "Under 1",
        "",
    )
    assert baby["Working days late (notification)"] == ""


def test_export_uses_the_register_filters(client, business_manager, register):
    rows = csv_rows(download(client, business_manager, format="csv", year=2025))
    assert [row["Reference"] for row in rows] == ["2025/004"]
    rows = csv_rows(download(client, business_manager, status=IncidentStatus.NOTIFIED))
    assert {row["Reference"] for row in rows} == {"2026/002"}


def test_days_late_is_worked_out_when_no_timeliness_was_recorded(client, partnership, business_manager):
    make_incident(
        partnership,
        status=IncidentStatus.NOTIFIED,
        aware_on=dt.date(2026, 11, 2),
        notified_on=dt.date(2026, 11, 11),
    )
    [row] = csv_rows(download(client, business_manager, format="csv"))
    assert row["Working days late (notification)"] == "2"


def test_formula_like_text_is_not_run_by_a_spreadsheet(client, partnership, business_manager, incident):
    incident.children.update(pseudonym='=HYPERLINK("http://evil.example")')
    [row] = csv_rows(download(client, business_manager, format="csv"))
    assert row["Child (pseudonym)"] == '\'=HYPERLINK("http://evil.example")'
    sheet = load_workbook(io.BytesIO(download(client, business_manager, format="xlsx").content)).active
    cell = sheet.cell(row=2, column=HEADERS.index("Child (pseudonym)") + 1)
    assert cell.data_type == "s"
    assert cell.value == '=HYPERLINK("http://evil.example")'


def test_xlsx_has_a_bold_frozen_header_real_dates_widths_and_a_filter(client, business_manager, register):
    response = download(client, business_manager, format="xlsx", sort="reference")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert 'filename="incident-register-northshire-2026-11-26.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:S{len(rows)}"
    assert sheet.column_dimensions["B"].width == 32
    aware = sheet.cell(row=4, column=HEADERS.index("Date the local authority became aware") + 1)
    assert aware.is_date and aware.value == dt.datetime(2026, 11, 2)
    assert aware.number_format == "d mmm yyyy"
    assert [row[0] for row in rows[1:]] == ["2025/004", "2026/001", "2026/002", "2026/002"]
    assert rows[4][HEADERS.index("Age at incident (years)")] == 16
    text = " ".join(str(value) for row in rows for value in row if value is not None)
    assert "Testchild" not in text and "Secretname" not in text


def test_export_is_audited_once(client, business_manager, register):
    download(client, business_manager, format="xlsx", year=2026)
    [event] = AuditEvent.objects.filter(action=AuditAction.EXPORT)
    assert event.actor == business_manager
    assert event.partnership_id == business_manager.partnership_id
    assert event.object_repr == "Incident register (XLSX), 2 incidents, 3 rows (year 2026)"
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW, path=EXPORT).exists()


def test_unknown_format_is_not_found(client, business_manager, incident):
    client.force_login(business_manager)
    assert client.get(EXPORT, {"format": "pdf"}).status_code == 404


def test_invalid_filters_go_back_to_the_register(client, business_manager, incident):
    client.force_login(business_manager)
    response = client.get(EXPORT, {"format": "csv", "year": "1999"})
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('incidents:register')}?year=1999"
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


@pytest.mark.parametrize(
    ("fields", "band"),
    [
        ({"unborn": True}, "Unborn"),
        ({"date_of_birth": dt.date(2026, 5, 2)}, "Under 1"),
        ({"date_of_birth": dt.date(2025, 11, 21)}, "1-5"),
        ({"age_years": 5}, "1-5"),
        ({"age_years": 6}, "6-10"),
        ({"age_years": 15}, "11-15"),
        ({"age_years": 17}, "16-17"),
        ({"age_years": 21}, "18 and over"),
        ({}, "Not known"),
    ],
)
def test_age_band(partnership, fields, band):
    incident = make_incident(partnership)
    child = Child(partnership=partnership, incident=incident, pseudonym="Child B", **fields)
    assert age_band(child) == band
