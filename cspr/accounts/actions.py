"""Sign-in and account changes: each one atomic and written to the audit trail in the same transaction."""

from dataclasses import dataclass

from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from cspr.accounts.models import User
from cspr.audit.log import changes_between, record, snapshot
from cspr.audit.models import AuditAction

ACCOUNT_FIELDS = ["full_name", "email", "job_title", "role", "partnership", "agency", "is_active"]


@dataclass
class SignInResult:
    user: User | None
    error: str = ""


def sign_in_error_for_locked(user: User) -> str:
    until = timezone.localtime(user.locked_until)
    return (
        "This account is locked after too many failed sign-in attempts. "
        f"Try again after {until:%-I:%M%p} or ask the system administrator to unlock it".replace(
            "AM", "am"
        ).replace("PM", "pm")
    )


def do_sign_in(request, email: str, password: str) -> SignInResult:
    """Check a password sign-in, counting failures towards lock-out, and start the session on success.

    The same message answers an unknown email and a wrong password, so the form does not reveal who
    has an account. Lock-out is per account (not per address), as attackers rotate addresses.
    """
    email = email.lower()
    user = User.objects.filter(email=email).first()
    with transaction.atomic():
        if user is not None and user.is_locked_out():
            record(AuditAction.SIGN_IN_BLOCKED, actor=user, request=request)
            return SignInResult(None, sign_in_error_for_locked(user))
        authenticated = authenticate(request, email=email, password=password)
        if authenticated is None:
            return _failed_sign_in(request, user, email)
        authenticated.register_successful_sign_in()
        login(request, authenticated)
        record(AuditAction.SIGN_IN, actor=authenticated, request=request)
    return SignInResult(authenticated)


def _failed_sign_in(request, user: User | None, email: str) -> SignInResult:
    record(AuditAction.SIGN_IN_FAILED, actor=user, request=request, object_repr=email[:200])
    if user is not None and user.is_active and user.register_failed_sign_in():
        record(AuditAction.LOCKED_OUT, actor=user, request=request)
        return SignInResult(None, sign_in_error_for_locked(user))
    return SignInResult(None, "Enter a correct email address and password")


@transaction.atomic
def do_verify_second_factor(request, code: str) -> bool:
    """Check a TOTP code against the person's confirmed devices; django-otp throttles repeated failures."""
    for device in TOTPDevice.objects.filter(user=request.user, confirmed=True):
        if device.verify_token(code):
            otp_login(request, device)
            record(AuditAction.SECOND_FACTOR_VERIFIED, request=request)
            return True
    record(AuditAction.SECOND_FACTOR_FAILED, request=request)
    return False


def unconfirmed_device(user: User) -> TOTPDevice:
    """The authenticator being set up: one unconfirmed device, reused until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


@transaction.atomic
def do_confirm_second_factor(request, code: str) -> bool:
    device = unconfirmed_device(request.user)
    if not device.verify_token(code):
        return False
    TOTPDevice.objects.filter(user=request.user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    record(
        AuditAction.SECOND_FACTOR_SET_UP, request=request, obj=request.user, object_repr=request.user.email
    )
    return True


def do_sign_out(request) -> None:
    if request.user.is_authenticated:
        record(AuditAction.SIGN_OUT, request=request)
    logout(request)


@transaction.atomic
def do_save_account(form, *, acting_user, request) -> User:
    """Create or change an account; a new account is sent an email to choose its password."""
    is_new = form.instance.pk is None
    before = {} if is_new else snapshot(User.objects.get(pk=form.instance.pk), ACCOUNT_FIELDS)
    user = form.save(commit=False)
    if is_new:
        user.set_unusable_password()
    user.save()
    action = AuditAction.CREATE if is_new else AuditAction.CHANGE
    changes = changes_between(before, snapshot(user, ACCOUNT_FIELDS))
    record(action, actor=acting_user, request=request, obj=user, object_repr=user.email, changes=changes)
    if is_new:
        transaction.on_commit(lambda: send_invitation(request, user))
    return user


def send_invitation(request, user: User) -> None:
    """Email a link to choose a password: Django's reset token, single use, expiring after 3 days."""
    link = request.build_absolute_uri(
        reverse(
            "accounts:set-password",
            args=[urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)],
        )
    )
    body = render_to_string("accounts/email/invitation.txt", {"user": user, "link": link})
    send_mail("Your cspr account", body, None, [user.email])


@transaction.atomic
def do_set_account_active(user: User, active: bool, *, acting_user, request) -> None:
    before = snapshot(user, ["is_active"])
    user.is_active = active
    user.save(update_fields=["is_active"])
    changes = changes_between(before, snapshot(user, ["is_active"]))
    record(
        AuditAction.CHANGE,
        actor=acting_user,
        request=request,
        obj=user,
        object_repr=user.email,
        changes=changes,
    )


@transaction.atomic
def do_unlock_account(user: User, *, acting_user, request) -> None:
    user.failed_sign_ins = 0
    user.locked_until = None
    user.save(update_fields=["failed_sign_ins", "locked_until"])
    record(AuditAction.ACCOUNT_UNLOCKED, actor=acting_user, request=request, obj=user, object_repr=user.email)


@transaction.atomic
def do_reset_second_factor(user: User, *, acting_user, request) -> None:
    """Remove a lost authenticator; the person sets up a new one at their next sign-in."""
    TOTPDevice.objects.filter(user=user).delete()
    record(
        AuditAction.CHANGE,
        actor=acting_user,
        request=request,
        obj=user,
        object_repr=user.email,
        changes={"second_factor": ["set up", "removed"]},
    )
