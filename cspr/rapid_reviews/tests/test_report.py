"""The rapid review report: its content from the data, editing, the DOCX and PDF, and sending it.

The report never names the child; once sent it is frozen as the Panel received it, and the clock's
timeliness record says whether it was on time.
"""

import datetime as dt
import io
import json
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from cspr.action_plans.models import ActionStatus, RecommendationKind
from cspr.action_plans.tests.records import make_action, make_plan, make_recommendation
from cspr.audit.models import AuditAction, AuditEvent
from cspr.chronology.models import ChronologyEntry, DatePrecision, EventType
from cspr.deadlines.models import StepCompletion
from cspr.rapid_reviews.models import (
    AgencyReturn,
    RapidReviewStatus,
    Recommendation,
    ReturnStatus,
)
from cspr.rapid_reviews.report_content import SECTION_TITLES, blocks, build_sections, report_sections

from .matrix_decision import decided_rapid_review

LONDON = ZoneInfo("Europe/London")
NAMES = ("Kai", "Testchild")


def travel(day: int):
    return time_machine.travel(dt.datetime(2026, 12, day, 10, tzinfo=LONDON), tick=False)


@pytest.fixture(autouse=True)
def monday_14_december():
    """Notified 24 November 2026: the rapid review is due on Tuesday 15 December."""
    with travel(14):
        yield


def entry(rapid_review, agency_return, facts, start_on, **fields):
    return ChronologyEntry.objects.create(
        partnership=rapid_review.partnership,
        rapid_review=rapid_review,
        agency_return=agency_return,
        agency=agency_return.agency,
        start_on=start_on,
        source_reference="Record 1",
        event_type=fields.pop("event_type", EventType.POLICE_INCIDENT),
        facts=facts,
        **fields,
    )


@pytest.fixture
def rapid_review(incident, agency, other_agency):
    """A decided rapid review: one agency returned, one did not; chronology, actions, meeting, decision."""
    incident.panel_reference = "SIN-2026-0042"
    incident.save()
    rapid_review = decided_rapid_review({"incident": incident, "agency": agency})
    police = AgencyReturn.objects.create(
        partnership=rapid_review.partnership,
        rapid_review=rapid_review,
        agency=agency,
        status=ReturnStatus.SUBMITTED,
        requested_on=dt.date(2026, 11, 25),
        due_on=dt.date(2026, 12, 2),
        summary_of_involvement="Police attended the home twice in October.",
        key_practice_episodes="The October call-out was not shared with children's social care.",
        actions_taken="Briefing to response officers.",
        submitted_on=dt.date(2026, 12, 1),
    )
    AgencyReturn.objects.create(
        partnership=rapid_review.partnership,
        rapid_review=rapid_review,
        agency=other_agency,
        requested_on=dt.date(2026, 11, 25),
        due_on=dt.date(2026, 12, 2),
    )
    kept = entry(
        rapid_review,
        police,
        "Officers attended a report of shouting.",
        dt.date(2026, 10, 12),
        key_practice_episode=True,
        action_outcome="No referral made.",
    )
    entry(
        rapid_review,
        police,
        "Duplicate of the call-out.",
        dt.date(2026, 10, 12),
        key_practice_episode=True,
        merged_into=kept,
    )
    entry(rapid_review, police, "Routine patrol passed the address.", dt.date(2026, 10, 1))
    entry(
        rapid_review,
        police,
        "Neighbour reported concerns.",
        dt.date(2026, 9, 1),
        start_precision=DatePrecision.MONTH,
        key_practice_episode=True,
        event_type=EventType.PHONE_CALL,
    )
    make_action(
        make_recommendation(
            make_plan(rapid_review.partnership, rapid_review=rapid_review),
            kind=RecommendationKind.SAFETY_ACTION,
            text="Safety plan for the older sibling.",
        ),
        agency,
        what_will_change="Safety plan for the older sibling.",
        owner="Sam Social Worker",
        due_on=dt.date(2026, 12, 4),
        status=ActionStatus.COMPLETE,
        completed_on=dt.date(2026, 12, 3),
    )
    meeting = rapid_review.meeting
    meeting.facts = "Kai was seen by three agencies."
    meeting.learning = "Kai Testchild's injuries were not explained."
    meeting.inequalities = "No interpreter was used for the mother."
    meeting.good_practice = "Same-day child protection medical."
    meeting.criteria = ["improvements_needed"]
    meeting.save()
    decision = rapid_review.executive_decision
    decision.decided_by_role = "Director of Children's Services"
    decision.save()
    return rapid_review


@pytest.fixture
def bm(client, business_manager):
    client.force_login(business_manager)
    return client


def url(name, rapid_review):
    return reverse(f"rapid_reviews:report{name}", args=[rapid_review.pk])


def assert_no_child_name(text: str):
    for name in NAMES:
        assert name not in text


def test_each_section_holds_its_facts(rapid_review):
    sections = build_sections(rapid_review)
    assert list(sections) == list(SECTION_TITLES)

    summary = sections["case_summary"]
    for fact in (
        "Incident reference: 2026/001",
        "Partnership: Northshire",
        "Panel reference: SIN-2026-0042",
        "Child K (aged 6 months)",
        "Nature of the incident: Serious harm",
        "The local authority became aware: 23 November 2026",
        "The notification was sent to the Panel: 24 November 2026",
        "Infant admitted to hospital with unexplained fractures.",
    ):
        assert fact in summary

    involvement = sections["agency_involvement"]
    assert "Northshire Police\nPolice attended the home twice in October." in involvement
    assert "Actions already taken: Briefing to response officers." in involvement
    assert (
        "Northshire GP Practices\nAsked for a return on 25 November 2026; no return has been submitted."
        in (involvement)
    )

    episodes = sections["key_practice_episodes"]
    assert "The October call-out was not shared" in episodes
    assert (
        "- 12 October 2026, Northshire Police (Police incident or call-out): Officers attended a report of "
        "shouting. Action or outcome: No referral made." in episodes
    )
    assert "- September 2026, Northshire Police (Telephone call): Neighbour reported concerns." in episodes
    assert episodes.index("September 2026") < episodes.index("12 October 2026")
    assert "Duplicate of the call-out" not in episodes and "Routine patrol" not in episodes

    actions = sections["immediate_actions"]
    assert (
        "Safety plan for the older sibling. Owner: Sam Social Worker (Northshire Police). Due 4 December "
        "2026. Status: Complete: awaiting assurance. Done 3 December 2026." in actions
    )

    learning = sections["learning"]
    assert "Learning identified\nChild K's injuries were not explained." in learning
    assert "Impact of racism, disability and other inequalities\nNo interpreter was used" in learning
    assert "Good practice\nSame-day child protection medical." in learning

    decision = sections["decision"]
    assert "The review group met on 25 November 2026 and recommended: No further review." in decision
    assert "- The case highlights improvements needed" in decision
    assert "Reasons\nThe reasons." in decision
    assert "Decided by Alex Director, Director of Children's Services on 26 November 2026." in decision
    assert "The executive agreed with the review group's recommendation." in decision
    assert "Rationale\nThe rationale." in decision

    assert_no_child_name(json.dumps(sections))


def test_a_rapid_review_without_a_meeting_says_so(incident, agency):
    from .matrix import open_rapid_review

    sections = build_sections(open_rapid_review({"incident": incident}))
    assert sections["learning"] == "The review group has not met yet."
    assert sections["decision"] == "The review group has not met yet."
    assert sections["agency_involvement"] == "No agency has been asked for a return."
    assert sections["immediate_actions"] == "No immediate actions have been recorded."


def test_the_edit_page_is_prefilled_and_keeps_only_what_was_changed(bm, rapid_review):
    page = bm.get(url("-edit", rapid_review)).content.decode()
    assert "Police attended the home twice in October." in page
    assert page.count("Built from the data") == len(SECTION_TITLES)

    data = report_sections(rapid_review)
    assert bm.post(url("-edit", rapid_review), data).status_code == 302
    rapid_review.refresh_from_db()
    assert rapid_review.report == {}

    data["learning"] = "Agencies must share call-outs.\r\n\r\nKai's school was not asked."
    bm.post(url("-edit", rapid_review), data)
    rapid_review.refresh_from_db()
    assert rapid_review.report == {
        "learning": "Agencies must share call-outs.\n\nKai's school was not asked."
    }
    assert report_sections(rapid_review)["learning"] == (
        "Agencies must share call-outs.\n\nChild K's school was not asked."
    )
    edited = AuditEvent.objects.get(action=AuditAction.CHANGE, object_type="rapid_reviews.rapidreview")
    assert edited.changes == {"report.learning": ["(not recorded)", "(not recorded)"]}
    assert "call-outs" not in json.dumps(list(AuditEvent.objects.values("changes")))

    page = bm.get(url("-edit", rapid_review)).content.decode()
    assert "Edited" in page and "Rebuild learning from the data" in page
    data["rebuild"] = "learning"
    response = bm.post(url("-edit", rapid_review), data)
    assert response.status_code == 302 and response.url == url("-edit", rapid_review)
    rapid_review.refresh_from_db()
    assert rapid_review.report == {}


def test_an_emptied_section_is_an_error(bm, rapid_review):
    data = report_sections(rapid_review)
    data["case_summary"] = "  "
    page = bm.post(url("-edit", rapid_review), data).content.decode()
    assert "Enter the case summary, or rebuild it from the data" in page


def test_the_word_document(bm, rapid_review):
    response = bm.get(url("-docx", rapid_review))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="rapid-review-2026-001.docx"'
    document = Document(io.BytesIO(response.content))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    tables = "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    header = document.sections[0].header.paragraphs[0].text
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    subheadings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert document.paragraphs[0].text == "Rapid review: incident 2026/001"
    assert header == "OFFICIAL-SENSITIVE"
    assert headings == list(SECTION_TITLES.values())
    assert "Northshire GP Practices" in subheadings and "Rationale" in subheadings
    assert "SIN-2026-0042" in tables and "Not yet sent: this is a draft" in tables
    assert "Officers attended a report of shouting." in text
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert any(line.startswith("Safety plan for the older sibling.") for line in bullets)
    assert_no_child_name(text + tables)
    export = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert export.changes == {"format": "docx", "as_sent": False}


def test_the_pdf(bm, rapid_review):
    response = bm.get(url("-pdf", rapid_review))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Rapid review: incident 2026/001" in text
    assert "OFFICIAL-SENSITIVE" in text
    assert f"Page 1 of {len(reader.pages)}" in text
    for title in SECTION_TITLES.values():
        assert title in text
    assert "Police attended the home twice in October." in text
    assert "Child K" in text
    assert_no_child_name(text)
    assert AuditEvent.objects.get(action=AuditAction.EXPORT).changes == {"format": "pdf", "as_sent": False}


def send_data(day="14", month="12", reason="") -> dict:
    return {"sent_on_day": day, "sent_on_month": month, "sent_on_year": "2026", "late_reason": reason}


def test_sending_waits_for_the_executive_decision(bm, incident, agency):
    from .matrix_decision import reviewed_rapid_review

    rapid_review = reviewed_rapid_review({"incident": incident})
    response = bm.get(url("-send", rapid_review), follow=True)
    assert "Record the executive decision before sending the rapid review to the Panel" in (
        response.content.decode()
    )
    assert not response.context["report_can_send"]


def test_the_sent_date_is_checked(bm, rapid_review):
    page = bm.post(url("-send", rapid_review), send_data(day="15")).content.decode()
    assert "The date sent to the Panel must be today or in the past" in page
    page = bm.post(url("-send", rapid_review), send_data(day="23", month="11")).content.decode()
    assert (
        "The date sent to the Panel must be on or after the date the notification was sent (24 November 2026)"
        in page
    )
    page = bm.post(url("-send", rapid_review), {}).content.decode()
    assert "Enter the date the rapid review was sent to the Panel" in page
    rapid_review.refresh_from_db()
    assert rapid_review.sent_on is None


def test_sending_on_time_freezes_the_report_and_completes_the_step(bm, business_manager, rapid_review):
    page = bm.get(url("-send", rapid_review)).content.decode()
    assert "due by 15 December 2026" in page and "Due in 1 working day" in page
    expected = report_sections(rapid_review)

    response = bm.post(url("-send", rapid_review), send_data())
    assert response.status_code == 302

    rapid_review.refresh_from_db()
    assert rapid_review.status == RapidReviewStatus.SENT
    assert (rapid_review.sent_on, rapid_review.sent_by) == (dt.date(2026, 12, 14), business_manager)
    assert rapid_review.sent_report == expected
    rapid_review.incident.refresh_from_db()
    assert rapid_review.incident.rapid_review_sent_on == dt.date(2026, 12, 14)
    step = StepCompletion.objects.get(incident=rapid_review.incident, step_code="rapid_review")
    assert (step.due_on, step.completed_on, step.working_days_late) == (
        dt.date(2026, 12, 15),
        dt.date(2026, 12, 14),
        -1,
    )
    sent = AuditEvent.objects.get(action=AuditAction.SEND)
    assert sent.changes["status"] == ["decided", "sent"]
    assert sent.changes["sent_report"] == ["(not recorded)", "(not recorded)"]
    assert "Police attended" not in json.dumps(list(AuditEvent.objects.values("changes")))

    page = bm.get(rapid_review.get_absolute_url()).content.decode()
    assert "Sent to the Panel on 14 December 2026" in page and "Sent on time" in page
    assert "Edit the report" not in page


def test_a_late_rapid_review_needs_a_reason_and_says_how_late(bm, business_manager, rapid_review):
    with travel(17):
        bm.force_login(business_manager)  # a session of three days ago has expired
        page = bm.post(url("-send", rapid_review), send_data(day="17")).content.decode()
        assert "Enter why the rapid review was late" in page
        response = bm.post(url("-send", rapid_review), send_data(day="17", reason="The GP return came late."))
        assert response.status_code == 302
        page = bm.get(rapid_review.get_absolute_url()).content.decode()

    rapid_review.refresh_from_db()
    assert rapid_review.late_reason == "The GP return came late."
    step = StepCompletion.objects.get(incident=rapid_review.incident, step_code="rapid_review")
    assert step.working_days_late == 2
    assert "Sent 2 working days late" in page
    assert "The GP return came late." in page
    assert "GP return came late" not in json.dumps(list(AuditEvent.objects.values("changes")))


def test_the_sent_report_is_frozen(bm, client, panel_member, rapid_review):
    bm.post(url("-send", rapid_review), send_data())
    meeting = rapid_review.meeting
    meeting.good_practice = "Changed after sending."
    meeting.save()

    assert bm.get(url("-edit", rapid_review)).status_code == 403
    assert bm.post(url("-edit", rapid_review), report_sections(rapid_review)).status_code == 403
    assert bm.get(url("-send", rapid_review)).status_code == 403

    client.force_login(panel_member)
    page = client.get(url("", rapid_review)).content.decode()
    assert "exactly as it was sent to the Panel on 14 December 2026" in page
    assert "Same-day child protection medical." in page and "Changed after sending." not in page
    document = Document(io.BytesIO(client.get(url("-docx", rapid_review)).content))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "Same-day child protection medical." in text and "Changed after sending." not in text
    tables = "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert "14 December 2026" in tables
    assert AuditEvent.objects.get(action=AuditAction.EXPORT).changes == {"format": "docx", "as_sent": True}


def test_a_disagreeing_executive_is_reported(rapid_review):
    decision = rapid_review.executive_decision
    decision.agrees = False
    decision.decision = Recommendation.LOCAL_CSPR
    decision.save()
    assert (
        "The executive did not agree with the review group's recommendation and decided: Local child "
        "safeguarding practice review." in build_sections(rapid_review)["decision"]
    )


def test_text_becomes_headed_paragraphs_and_lists():
    text = (
        "Northshire Police\nAttended twice.\r\n\r\n"
        "Actions agreed:\n- One\n- Two\n\n"
        "Reasons\n- A\n\n"
        "Plain.\nLine two."
    )
    assert blocks(text) == [
        {"heading": "Northshire Police", "lines": ["Attended twice."], "is_list": False},
        {"heading": "", "lines": ["Actions agreed:"], "is_list": False},
        {"heading": "", "lines": ["One", "Two"], "is_list": True},
        {"heading": "Reasons", "lines": ["A"], "is_list": True},
        {"heading": "", "lines": ["Plain.", "Line two."], "is_list": False},
    ]
