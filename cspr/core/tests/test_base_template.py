"""The page template: header, navigation, messages, no inline code, vendored assets."""

from pathlib import Path
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import constants as message_levels
from django.contrib.messages.storage.base import Message
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import include, path

from cspr.core.tests.html import by_id, classes, elements


# A throwaway URLconf with the names base.html links to.
def _stub(request):
    return HttpResponse()


_core = [
    path("help/", _stub, name="help"),
    path("accessibility", _stub, name="accessibility"),
    path("privacy", _stub, name="privacy"),
]
_accounts = [path("sign-in", _stub, name="sign-in"), path("sign-out", _stub, name="sign-out")]
_public = [path("published/", _stub, name="index")]
_library = [path("library/", _stub, name="search")]
urlpatterns = [
    path("", include((_core, "core"))),
    path("account/", include((_accounts, "accounts"))),
    path("", include((_public, "public"))),
    path("", include((_library, "library"))),
]

STATIC = Path(__file__).resolve().parents[1] / "static"


def page(user, **context) -> str:
    request = RequestFactory().get("/")
    request.user = user
    base = {"request": request, "service_name": "Safeguarding case reviews", "csrf_token": "TOKEN"}
    return render_to_string("base.html", base | context)


@pytest.mark.urls(__name__)
def test_page_template_for_a_signed_out_user():
    html = page(AnonymousUser())
    assert html.startswith("<!DOCTYPE html>")
    assert elements(html, "html") == [{"lang": "en", "class": "govuk-template"}]
    assert "<title> – Safeguarding case reviews</title>" in html
    assert elements(html, "a", "govuk-skip-link") == [
        {"href": "#main-content", "class": "govuk-skip-link", "data-module": "govuk-skip-link"}
    ]
    assert by_id(html, "main-content")["class"] == "govuk-main-wrapper"
    assert '<a href="/" class="govuk-service-navigation__link">Safeguarding case reviews</a>' in html
    assert {"class": "govuk-link govuk-link--no-visited-state", "href": "/account/sign-in"} in elements(
        html, "a"
    )
    assert "Sign out" not in html
    assert "<nav" not in html  # no navigation items
    footer_links = [link["href"] for link in elements(html, "a", "govuk-footer__link")]
    assert footer_links == ["/help/", "/published/", "/library/", "/accessibility", "/privacy"]
    assert "crown" not in html.lower() and "Open Government Licence" not in html


@pytest.mark.urls(__name__)
def test_page_template_for_a_signed_in_user_with_navigation_and_messages():
    user = SimpleNamespace(is_authenticated=True, email="lead@example.org", get_username=lambda: "lead")
    nav_items = [
        {"label": "Notifications", "url": "/notifications/", "active": True},
        {"label": "Rapid reviews", "url": "/rapid-reviews/", "active": False},
    ]
    messages = [
        Message(message_levels.SUCCESS, "Notification recorded as sent to the Panel on 9 May 2023"),
        Message(message_levels.INFO, "Your session will end soon"),
    ]
    html = page(user, nav_items=nav_items, messages=messages)
    assert "lead@example.org" in html
    [form] = elements(html, "form")
    assert form == {"method": "post", "action": "/account/sign-out", "class": "cspr-account__form"}
    assert {"type": "hidden", "name": "csrfmiddlewaretoken", "value": "TOKEN"} in elements(html, "input")
    assert "Sign in" not in html

    items = elements(html, "li", "govuk-service-navigation__item")
    assert [classes(item) for item in items] == [
        {"govuk-service-navigation__item", "govuk-service-navigation__item--active"},
        {"govuk-service-navigation__item"},
    ]
    nav_links = elements(html, "a", "govuk-service-navigation__link")[1:]
    assert nav_links[0] == {
        "class": "govuk-service-navigation__link",
        "href": "/notifications/",
        "aria-current": "true",
    }
    assert "aria-current" not in nav_links[1]

    success, info = elements(html, "div", "govuk-notification-banner")
    assert classes(success) == {"govuk-notification-banner", "govuk-notification-banner--success"}
    assert success["role"] == "alert"
    assert by_id(html, success["aria-labelledby"])["class"] == "govuk-notification-banner__title"
    assert classes(info) == {"govuk-notification-banner"} and info["role"] == "region"
    assert success["aria-labelledby"] != info["aria-labelledby"]
    assert "Notification recorded as sent to the Panel on 9 May 2023" in html


@pytest.mark.urls(__name__)
def test_page_template_has_no_inline_script_or_style():
    html = page(AnonymousUser(), nav_items=[{"label": "Home", "url": "/", "active": True}])
    scripts = elements(html, "script")
    assert scripts == [
        {"src": "/static/cspr/js-enabled.js"},
        {"type": "module", "src": "/static/cspr/init.js"},
    ]
    assert html.count("<script") == 2 and html.count("></script>") == 2
    assert "<style" not in html
    assert all("style" not in attrs for attrs in elements(html))


def test_vendored_frontend_uses_no_gds_transport_font_or_crown_assets():
    css = (STATIC / "govuk" / "govuk-frontend.min.css").read_text()
    assert "GDS Transport" not in css
    assert "@font-face" not in css
    assert "font-family:arial,sans-serif" in css
    assert (STATIC / "govuk" / "govuk-frontend.min.js").read_text().count("initAll") >= 1
    shipped = {path.name for path in (STATIC / "govuk").rglob("*") if path.is_file()}
    assert shipped == {"govuk-frontend.min.css", "govuk-frontend.min.js", "README.txt", "govuk-crest.svg"}
    assert "<path" not in (STATIC / "govuk" / "assets" / "images" / "govuk-crest.svg").read_text()
    assert "import { initAll }" in (STATIC / "cspr" / "init.js").read_text()
