"""The progress report's content, as the executive reads it in the DOCX and the PDF."""

import io

import pytest
import time_machine
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from cspr.audit.models import AuditAction, AuditEvent

from .reports_records import NOW, report_plan


@pytest.fixture
def plan(partnership, agency, other_agency, incident):
    return report_plan(partnership, agency, other_agency, incident)


def download(client, user, plan, extension):
    with time_machine.travel(NOW, tick=False):
        client.force_login(user)
        response = client.get(reverse(f"action_plans:report_{extension}", args=[plan.pk]))
    assert response.status_code == 200
    return response


def pdf_text(response) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(response.content))
    return len(reader.pages), " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def docx_rows(document) -> list[list[str]]:
    """Each table row's distinct cells (a merged row reads as one cell)."""
    return [
        list(dict.fromkeys(cell.text for cell in row.cells))
        for table in document.tables
        for row in table.rows
    ]


def test_pdf_is_one_page_with_the_plan_the_counts_and_every_action(client, executive_member, plan):
    pages, text = pdf_text(download(client, executive_member, plan, "pdf"))

    assert pages == 1
    assert plan.practice_review.reference in text
    assert plan.partnership.name in text
    assert "Progress at 10 May 2027" in text
    assert "Plan agreed 26 November 2026" in text
    assert "OFFICIAL-SENSITIVE" in text
    assert "5 actions on 4 recommendations (1 closed): 1 overdue, 1 at risk, 1 not started" in text
    assert "Overdue by 5 working days" in text
    assert "Re-test 30 November 2027" in text
    assert "Due in 2 working days" in text
    assert "Complete: awaiting assurance" in text
    assert "Immediate safety action 3" in text
    assert "No actions agreed yet" in text
    assert "Kai Testchild" not in text


def test_docx_lists_overdue_actions_first_with_working_days(client, business_manager, plan):
    response = download(client, business_manager, plan, "docx")
    document = Document(io.BytesIO(response.content))
    rows = docx_rows(document)

    heading, values = ([cell.text for cell in row.cells] for row in document.tables[0].rows)
    counts = dict(zip(heading, values, strict=True))
    assert counts["Overdue"] == "1"
    assert counts["At risk"] == "1"
    assert counts["Assured as embedded"] == "1"
    assert counts["All actions"] == "5"
    # Recommendation 1: the overdue police action comes before the GP practices' (alphabetically first).
    first = next(index for index, row in enumerate(rows) if row[0].startswith("Recommendation 1"))
    assert "OPEN" in rows[first][0]
    assert rows[first + 1] == ["Northshire Police", "30 April 2027", "Overdue", "Overdue by 5 working days"]
    assert rows[first + 2][0] == "Northshire GP Practices"
    assert rows[first + 2][2] == "At risk"
    assert [
        "Northshire Police",
        "30 April 2027",
        "Complete: awaiting assurance",
        "Completed 26 November 2026",
    ] in (rows)
    closed = next(row for row in rows if row[0].startswith("Recommendation 2"))
    assert "CLOSED 1 MARCH 2027" in closed[0]
    assert ["Northshire Police", "30 April 2027", "Assured as embedded", "Re-test 30 November 2027"] in rows


def test_docx_has_headings_marking_and_a4(client, review_group_member, plan):
    response = download(client, review_group_member, plan, "docx")
    document = Document(io.BytesIO(response.content))
    section = document.sections[0]

    assert round(section.page_width.mm) == 210
    assert round(section.page_height.mm) == 297
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [plan.title, "Actions by status", "Recommendations and actions"]
    assert section.header.paragraphs[0].text == "OFFICIAL-SENSITIVE"
    assert "Progress at 10 May 2027" in section.footer.paragraphs[0].text
    assert "Kai Testchild" not in "".join(cell for row in docx_rows(document) for cell in row)


def test_download_is_audited_as_an_export_and_named_by_reference(client, business_manager, plan):
    response = download(client, business_manager, plan, "pdf")

    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="action-plan-progress-')
    assert disposition.endswith('-2027-05-10.pdf"')
    assert "child-k" in disposition  # the published pseudonym in the plan's title, never the name
    assert response["Cache-Control"] == "no-store"
    event = AuditEvent.objects.get(action=AuditAction.EXPORT, object_id=str(plan.pk))
    assert event.object_type == "action_plans.actionplan"
    assert event.changes == {"format": "pdf"}
