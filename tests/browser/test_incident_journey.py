"""An agency lead refers a case; the business manager screens it, notifies the Panel, finds it registered.

Every page on the way gets an axe-core check and a screenshot in test-results/screenshots.
"""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import PASSWORD
from cspr.incidents.models import Incident, IncidentStatus
from tests.browser.conftest import check_accessibility, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def nav(page, label: str):
    page.get_by_role("navigation").get_by_role("link", name=label, exact=True).click()


def fill_date(page, legend: str, day: dt.date):
    group = page.get_by_role("group", name=legend).first
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def answer(page, choice: str, name: str):
    page.get_by_label(choice, exact=True).check()
    page.get_by_role("button", name="Continue").click()
    check_accessibility(page, f"journey-screening-{name}")


def test_referral_screening_notification_register(page, agency_lead, business_manager, agency, other_agency):
    today = timezone.localdate()
    sign_in(page, agency_lead.email, PASSWORD)
    nav(page, "Refer a case")
    check_accessibility(page, "journey-refer")

    page.get_by_role("button", name="Send referral").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check_accessibility(page, "journey-refer-errors")

    child = page.get_by_role("group", name="Child 1")
    child.get_by_label("Child's full name (optional)").fill("Jordan Browsertest")
    fill_date(child, "Date of birth", today - dt.timedelta(days=200))
    child.get_by_label("Male", exact=True).check()
    fill_date(page, "Date of the incident", today - dt.timedelta(days=1))
    page.get_by_label("In the local authority's area").check()
    page.get_by_label("Where it happened (optional)").fill("Family home")
    page.get_by_label("Serious harm", exact=True).check()
    page.get_by_label("What happened", exact=True).fill("Baby taken to hospital with a head injury.")
    page.get_by_label(other_agency.name).check()
    page.get_by_label("Referrer's role").fill("Detective sergeant")
    page.get_by_role("button", name="Send referral").click()
    expect(page.locator(".govuk-panel")).to_contain_text("Referral received")
    check_accessibility(page, "journey-referral-sent")
    incident = Incident.objects.get()
    expect(page.locator(".govuk-panel")).to_contain_text(incident.reference)
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, business_manager.email, PASSWORD)
    nav(page, "Incidents")
    check_accessibility(page, "journey-register-referred")
    page.get_by_role("link", name=incident.reference).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Incident {incident.reference}")
    expect(page.get_by_role("table", name="Children named in this incident")).to_contain_text(
        "Jordan Browsertest"
    )
    check_accessibility(page, "journey-incident-referred")

    page.get_by_role("link", name="Screening", exact=True).click()
    check_accessibility(page, "journey-screening-start")
    page.get_by_role("button", name="Start screening").click()
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select who the referral is about")
    check_accessibility(page, "journey-screening-error")
    answer(page, "A child (under 18, including an unborn child)", "who")
    answer(page, "Yes, known or suspected", "abuse")
    answer(page, "The child has been seriously harmed", "harm")
    answer(page, "Physical health", "impairment")
    answer(page, "In the local authority's area", "place")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Check your answers")
    page.get_by_role("button", name="Continue").click()
    check_accessibility(page, "journey-screening-outcome")
    page.get_by_role("button", name="Confirm outcome").click()
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.NOTIFICATION_DUE

    page.goto(incident.get_absolute_url())
    page.get_by_role("link", name="Start the notification").click()
    check_accessibility(page, "journey-notification")
    page.get_by_role("link", name="Save the notification").click()
    page.get_by_label("Notifier's role").fill("Head of safeguarding")
    page.get_by_label("Notifier's telephone number").fill("0113 000 0000")
    page.get_by_role("button", name="Save version").click()
    expect(page.locator(".govuk-notification-banner")).to_be_visible()
    check_accessibility(page, "journey-notification-saved")
    page.get_by_role("link", name="Record version 1 as sent to the Panel").click()
    fill_date(page, "When was the notification submitted to the Panel?", today)
    page.get_by_label("Panel's reference").fill("SIN-2026-0042")
    check_accessibility(page, "journey-notification-submitted-form")
    page.get_by_role("button", name=re.compile("Save|Record")).last.click()
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.NOTIFIED and incident.notified_on == today

    nav(page, "Incidents")
    row = page.get_by_role("row").filter(has_text=incident.reference)
    expect(row).to_contain_text("Notified to the Panel")
    expect(row).not_to_contain_text("Jordan Browsertest")
    check_accessibility(page, "journey-register-notified")
