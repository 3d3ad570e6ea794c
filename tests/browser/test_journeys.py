"""Journeys through the service in a real browser, with an accessibility check on every page."""

import re

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from tests.browser.conftest import check_accessibility, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_business_manager_signs_in_navigates_and_signs_out(page, business_manager, agency):
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/account/sign-in"))
    check_accessibility(page, "sign-in")

    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter your email address")
    check_accessibility(page, "sign-in-errors")

    sign_in(page, business_manager.email, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Safeguarding case reviews")
    check_accessibility(page, "home-business-manager")

    page.get_by_role("navigation").get_by_role("link", name="Partnership").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(business_manager.partnership.name)
    expect(page.get_by_role("table")).to_contain_text(agency.name)
    check_accessibility(page, "partnership")

    page.get_by_role("link", name="Add an agency").click()
    page.get_by_role("button", name="Save agency").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the agency's name")
    check_accessibility(page, "agency-form-errors")

    page.get_by_role("navigation").get_by_role("link", name="Audit log").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Audit log")
    check_accessibility(page, "audit-log")

    page.get_by_role("navigation").get_by_role("link", name="Your account").click()
    check_accessibility(page, "account")
    page.get_by_role("link", name="Set up an authenticator app").click()
    check_accessibility(page, "two-factor-set-up")

    page.get_by_role("navigation").get_by_role("link", name="Help").click()
    check_accessibility(page, "help")

    page.get_by_role("button", name="Sign out").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("You have signed out")
    check_accessibility(page, "signed-out")


def test_administrator_manages_accounts_and_partnerships(page, system_admin, partnership, agency):
    sign_in(page, system_admin.email, PASSWORD)
    page.get_by_role("navigation").get_by_role("link", name="Accounts").click()
    expect(page.get_by_role("table")).to_contain_text(system_admin.email)
    check_accessibility(page, "accounts")

    page.get_by_role("link", name="Create an account").click()
    page.get_by_role("button", name="Save account").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the person's full name")
    check_accessibility(page, "account-form-errors")

    page.get_by_label("Full name").fill("Robin Example")
    page.get_by_label("Email address").fill("robin@example.test")
    page.get_by_label("Review group member").check()
    page.get_by_label("Partnership").select_option(label=partnership.name)
    page.get_by_role("button", name="Save account").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Account created for robin@example.test"
    )
    check_accessibility(page, "account-detail")

    page.get_by_role("navigation").get_by_role("link", name="Partnerships").click()
    check_accessibility(page, "partnerships")
    page.get_by_role("link", name="Add a partnership").click()
    check_accessibility(page, "partnership-form")


@pytest.mark.parametrize(
    "persona", ["agency_lead", "panel_member", "independent_reviewer", "executive_member"]
)
def test_each_role_home_page_is_accessible(page, request, persona):
    user = request.getfixturevalue(persona)
    sign_in(page, user.email, PASSWORD)
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    check_accessibility(page, f"home-{persona}")


def test_public_pages_are_accessible(page, db):
    for path, name in [
        ("/help/", "help-index"),
        ("/accessibility", "accessibility"),
        ("/privacy", "privacy"),
    ]:
        page.goto(path)
        check_accessibility(page, name)
    page.goto("/no-such-page")
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    check_accessibility(page, "not-found")


def test_sign_in_and_out_work_without_javascript(browser, live_server, review_group_member):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    sign_in(page, review_group_member.email, PASSWORD)
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/account/sign-in"))
    context.close()


def test_pages_break_no_content_security_policy_rule(browser, live_server, business_manager):
    """Without bypass: the strict CSP (no inline script or style) holds on real pages, with JS on."""
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    problems = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    sign_in(page, business_manager.email, PASSWORD)
    page.goto(business_manager.partnership.get_absolute_url())
    assert page.evaluate("document.body.classList.contains('govuk-frontend-supported')")
    context.close()
    assert problems == []
