from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD
from cspr.audit.models import AuditAction, AuditEvent

HOME = reverse("core:home")
CODE = reverse("accounts:sign-in-code")
SET_UP = reverse("accounts:two-factor-set-up")


def current_code(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def sign_in(client, user):
    return client.post(reverse("accounts:sign-in"), {"email": user.email, "password": PASSWORD})


def test_person_with_authenticator_must_enter_a_code(client, review_group_member):
    device = TOTPDevice.objects.create(user=review_group_member, name="phone", confirmed=True)
    response = sign_in(client, review_group_member)
    assert response["Location"].startswith(CODE)
    assert client.get(HOME)["Location"] == CODE
    wrong = client.post(CODE, {"code": "000000" if current_code(device) != "000000" else "111111"})
    assert "The security code is not right" in wrong.content.decode()
    device.refresh_from_db()
    assert (
        device.throttling_failure_count == 1
    )  # django-otp slows guessing; lift it to try the right code now
    device.throttle_reset()
    assert client.post(CODE, {"code": current_code(device)}).status_code == 302
    assert client.get(HOME).status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.SECOND_FACTOR_VERIFIED).count() == 1
    assert AuditEvent.objects.filter(action=AuditAction.SECOND_FACTOR_FAILED).count() == 1


def test_code_must_be_six_digits(client, review_group_member):
    TOTPDevice.objects.create(user=review_group_member, name="phone", confirmed=True)
    sign_in(client, review_group_member)
    response = client.post(CODE, {"code": "12ab"})
    assert "The security code must be 6 digits" in response.content.decode()


def test_production_profile_requires_business_manager_to_set_up_an_authenticator(
    client, business_manager, settings
):
    settings.TWO_FACTOR_REQUIRED = True
    assert sign_in(client, business_manager)["Location"] == SET_UP
    assert client.get(HOME)["Location"] == SET_UP
    page = client.get(SET_UP)
    assert "data:image/svg+xml;base64," in page.content.decode()
    device = TOTPDevice.objects.get(user=business_manager, confirmed=False)
    assert client.post(SET_UP, {"code": current_code(device)}).status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(HOME).status_code == 200


def test_required_roles_are_business_manager_panel_and_administrator(
    business_manager, panel_member, system_admin, agency_lead, executive_member, settings
):
    settings.TWO_FACTOR_REQUIRED = True
    assert business_manager.needs_second_factor()
    assert panel_member.needs_second_factor()
    assert system_admin.needs_second_factor()
    assert not agency_lead.needs_second_factor()
    assert not executive_member.needs_second_factor()
    settings.TWO_FACTOR_REQUIRED = False
    assert not business_manager.needs_second_factor()


def test_public_pages_stay_reachable_between_password_and_code(client, review_group_member):
    TOTPDevice.objects.create(user=review_group_member, name="phone", confirmed=True)
    sign_in(client, review_group_member)
    assert client.get(reverse("core:help")).status_code == 200
