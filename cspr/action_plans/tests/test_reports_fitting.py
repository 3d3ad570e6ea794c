"""The report stays on one page however big the plan, and says what it folded away or left out."""

import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from cspr.action_plans.documents.fitting import count_by_status, fit
from cspr.action_plans.models import ActionStatus
from cspr.partnerships.models import Agency, AgencyKind

from .records import make_action, make_plan, make_recommendation
from .reports_records import NOW

LONG_TEXT = "Agencies should make sure that fathers and male carers are seen and assessed. " * 5
# Open statuses cycle through the plan; every fifth recommendation is closed with its actions assured.
OPEN = (ActionStatus.ON_TRACK, ActionStatus.AT_RISK, ActionStatus.NOT_STARTED, ActionStatus.COMPLETE)


def big_plan(partnership, recommendations: int, actions_each: int):
    agencies = [
        Agency.objects.create(partnership=partnership, name=name, kind=AgencyKind.SCHOOL)
        for name in ("Northshire Hospitals NHS Foundation Trust", "Northshire Health Visiting", "CAMHS")
    ]
    plan = make_plan(partnership)
    for number in range(1, recommendations + 1):
        closed = number % 5 == 0
        recommendation = make_recommendation(
            plan, text=LONG_TEXT, closed_on=dt.date(2027, 3, 1) if closed else None
        )
        for index in range(actions_each):
            make_action(
                recommendation,
                agencies[(number + index) % len(agencies)],
                status=ActionStatus.ASSURED if closed else OPEN[(number + index) % len(OPEN)],
                due_on=dt.date(2027, 4, 1 + index),
                retest_on=dt.date(2027, 12, 1) if closed else None,
            )
    return plan


def download(client, user, plan, extension):
    with time_machine.travel(NOW, tick=False):
        client.force_login(user)
        return client.get(reverse(f"action_plans:report_{extension}", args=[plan.pk]))


@pytest.mark.parametrize(
    ("recommendations", "actions_each", "folded"),
    # Four long recommendations keep their most urgent actions; twelve keep only their counts.
    [(4, 8, "And 5 more: 3 overdue, 2 awaiting assurance"), (12, 3, "3 actions: 3 overdue")],
)
def test_a_big_plan_folds_its_least_urgent_actions_onto_one_page(
    client, executive_member, partnership, recommendations, actions_each, folded
):
    plan = big_plan(partnership, recommendations, actions_each)
    reader = PdfReader(io.BytesIO(download(client, executive_member, plan, "pdf").content))
    text = " ".join(reader.pages[0].extract_text().split())

    assert len(reader.pages) == 1
    assert f"{recommendations * actions_each} actions on {recommendations} recommendations" in text
    assert folded in text
    assert "No room on this page" not in text


def test_a_plan_too_big_for_one_page_names_the_recommendations_left_out(
    client, business_manager, partnership
):
    plan = big_plan(partnership, 30, 2)
    pdf = PdfReader(io.BytesIO(download(client, business_manager, plan, "pdf").content))
    pdf_text = " ".join(pdf.pages[0].extract_text().split())
    document = Document(io.BytesIO(download(client, business_manager, plan, "docx").content))
    left_out = document.paragraphs[-1].text

    assert len(pdf.pages) == 1
    assert left_out.startswith("No room on this page for recommendations 5, 10, 15,")
    assert left_out.endswith("30: see the action plan for the full list.")
    assert left_out in pdf_text
    assert "60 actions on 30 recommendations (6 closed)" in pdf_text


def line(status, agency="CAMHS"):
    return {"status": status, "agency": agency, "status_label": status, "timing": "", "retest_on": None}


def row(number, actions, *, closed=False, text="Short."):
    return {
        "number": number,
        "label": f"Recommendation {number}",
        "text": text,
        "is_closed": closed,
        "actions": actions,
    }


def test_nothing_is_folded_while_the_plan_fits():
    fitted = fit([row(1, [line("overdue"), line("on_track")])], title="A plan", summary="Two actions.")
    assert fitted["left_out"] == ""
    assert len(fitted["recommendations"][0]["actions"]) == 2
    assert fitted["recommendations"][0]["more"] == ""


def test_recommendation_without_actions_says_so():
    fitted = fit([row(1, [])], title="A plan", summary="None yet.")
    assert fitted["recommendations"][0]["more"] == "No actions agreed yet"


def test_long_texts_are_shortened_before_any_action_is_hidden():
    rows = [row(number, [line("overdue")] * 2, text=LONG_TEXT * 2) for number in range(1, 9)]
    fitted = fit(rows, title="A plan", summary="Many.")
    shown = fitted["recommendations"][0]
    assert len(shown["text"]) < len(LONG_TEXT * 2)
    assert shown["text"].endswith("…")
    assert len(shown["actions"]) == 2


def test_a_long_title_leaves_less_room_for_actions():
    rows = [row(number, [line("overdue")] * 5) for number in range(1, 6)]
    short = fit(rows, title="A plan", summary="Many.")
    long = fit(rows, title="A national review with a very long title " * 6, summary="Many.")
    shown = [len(found["actions"]) for found in short["recommendations"]]
    fewer = [len(found["actions"]) for found in long["recommendations"]]
    assert sum(fewer) < sum(shown)


def test_closed_recommendations_fold_into_one_line_with_the_first_retest():
    assured = [
        dict(line("assured"), retest_on=dt.date(2028, 1, 5)),
        dict(line("assured"), retest_on=dt.date(2027, 12, 1)),
    ]
    rows = [row(1, assured, closed=True)] + [row(number, [line("on_track")] * 5) for number in range(2, 8)]
    fitted = fit(rows, title="A plan", summary="Many.")
    closed = fitted["recommendations"][0]
    assert closed["actions"] == []
    assert closed["more"] == "All 2 actions assured as embedded; first re-test 1 December 2027"


def test_count_by_status_puts_the_most_urgent_first():
    assert count_by_status(["assured", "on_track", "overdue", "on_track"]) == (
        "1 overdue, 2 on track, 1 assured as embedded"
    )
