from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from conftest import PASSWORD
from cspr.audit.models import AuditAction, AuditEvent

SIGN_IN = reverse("accounts:sign-in")
HOME = reverse("core:home")


def sign_in(client, email, password=PASSWORD):
    return client.post(SIGN_IN, {"email": email, "password": password})


def test_sign_in_page_is_public_and_everything_else_redirects_to_it(client, db):
    assert client.get(SIGN_IN).status_code == 200
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(SIGN_IN)


def test_business_manager_signs_in_with_email_in_any_case(client, business_manager):
    response = sign_in(client, business_manager.email.upper())
    assert response.status_code == 302
    assert response["Location"] == HOME
    assert AuditEvent.objects.filter(action=AuditAction.SIGN_IN, actor=business_manager).count() == 1


def test_wrong_password_and_unknown_email_get_the_same_message(client, business_manager):
    wrong = sign_in(client, business_manager.email, "not-the-password")
    unknown = sign_in(client, "nobody@example.test")
    for response in (wrong, unknown):
        assert response.status_code == 200
        assert "Enter a correct email address and password" in response.content.decode()
        assert "govuk-error-summary" in response.content.decode()


def test_empty_form_shows_govuk_errors(client, db):
    response = client.post(SIGN_IN, {"email": "", "password": ""})
    html = response.content.decode()
    assert "Enter your email address" in html
    assert "Enter your password" in html
    assert "govuk-form-group--error" in html


def test_passwords_are_hashed_with_argon2(business_manager):
    assert business_manager.password.startswith("argon2")


def test_account_locks_after_five_failures_and_refuses_the_right_password(client, business_manager, settings):
    for _ in range(settings.SIGN_IN_MAX_FAILURES):
        sign_in(client, business_manager.email, "wrong-password-here")
    business_manager.refresh_from_db()
    assert business_manager.is_locked_out()
    response = sign_in(client, business_manager.email)
    assert response.status_code == 200
    assert "This account is locked" in response.content.decode()
    assert AuditEvent.objects.filter(action=AuditAction.LOCKED_OUT, actor=business_manager).count() == 1
    assert AuditEvent.objects.filter(action=AuditAction.SIGN_IN_BLOCKED, actor=business_manager).count() == 1


def test_four_failures_then_success_resets_the_count(client, business_manager, settings):
    for _ in range(settings.SIGN_IN_MAX_FAILURES - 1):
        sign_in(client, business_manager.email, "wrong-password-here")
    assert sign_in(client, business_manager.email).status_code == 302
    business_manager.refresh_from_db()
    assert business_manager.failed_sign_ins == 0
    assert not business_manager.is_locked_out()


def test_lock_out_ends_after_the_lock_out_period(client, business_manager, settings):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(settings.SIGN_IN_MAX_FAILURES):
            sign_in(client, business_manager.email, "wrong-password-here")
    lock = timedelta(minutes=settings.SIGN_IN_LOCKOUT_MINUTES)
    with time_machine.travel(start + lock - timedelta(seconds=1), tick=False):
        assert "This account is locked" in sign_in(client, business_manager.email).content.decode()
    with time_machine.travel(start + lock + timedelta(seconds=1), tick=False):
        assert sign_in(client, business_manager.email).status_code == 302


def test_deactivated_account_cannot_sign_in(client, business_manager):
    business_manager.is_active = False
    business_manager.save()
    assert sign_in(client, business_manager.email).status_code == 200


def test_session_expires_after_inactivity_but_activity_keeps_it(client, business_manager, settings):
    idle = timedelta(minutes=settings.SESSION_IDLE_MINUTES)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        sign_in(client, business_manager.email)
        assert client.get(HOME).status_code == 200
    with time_machine.travel(start + idle - timedelta(minutes=1), tick=False):
        assert client.get(HOME).status_code == 200
    with time_machine.travel(start + 2 * idle - timedelta(minutes=2), tick=False):
        assert client.get(HOME).status_code == 200
    with time_machine.travel(start + 3 * idle, tick=False):
        response = client.get(HOME)
        assert response.status_code == 302
        assert response["Location"].startswith(SIGN_IN)


def test_sign_out_needs_post_and_ends_the_session(client, business_manager):
    sign_in(client, business_manager.email)
    assert client.get(reverse("accounts:sign-out")).status_code == 405
    response = client.post(reverse("accounts:sign-out"))
    assert response["Location"] == SIGN_IN
    assert client.get(HOME).status_code == 302
    assert AuditEvent.objects.filter(action=AuditAction.SIGN_OUT, actor=business_manager).exists()


def test_next_is_followed_only_within_the_site(client, business_manager):
    response = client.post(
        SIGN_IN + "?next=https://evil.example/", {"email": business_manager.email, "password": PASSWORD}
    )
    assert response["Location"] == HOME
    client.logout()
    response = client.post(
        SIGN_IN, {"email": business_manager.email, "password": PASSWORD, "next": reverse("accounts:account")}
    )
    assert response["Location"] == reverse("accounts:account")


@pytest.mark.parametrize("path", ["core:help", "core:accessibility", "core:privacy", "core:health"])
def test_public_pages_need_no_sign_in(client, db, path):
    assert client.get(reverse(path)).status_code == 200
