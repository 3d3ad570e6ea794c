"""Sign-in, second factor, sign-out and the person's own account page."""

import base64
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from cspr import permissions
from cspr.accounts import actions
from cspr.accounts.forms import CodeForm, SignInForm
from cspr.accounts.middleware import second_factor_step


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse_lazy("core:home")


@login_not_required
def sign_in(request):
    if request.user.is_authenticated:
        return redirect(second_factor_step(request.user) or "core:home")
    form = SignInForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        result = actions.do_sign_in(request, form.cleaned_data["email"], form.cleaned_data["password"])
        if result.user is not None:
            return redirect(_after_password(request, result.user))
        form.add_error(None, result.error)
    return render(request, "accounts/sign_in.html", {"form": form, "next": _next_url(request)})


def _after_password(request, user) -> str:
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return f"{reverse_lazy('accounts:sign-in-code')}?next={_next_url(request)}"
    if user.needs_second_factor():
        return reverse_lazy("accounts:two-factor-set-up")
    return _next_url(request)


def sign_in_code(request):
    has_device = TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()
    if request.user.is_verified() or not has_device:
        return redirect("core:home")
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if actions.do_verify_second_factor(request, form.cleaned_data["code"]):
            return redirect(_next_url(request))
        form.add_error("code", "The security code is not right or has expired; enter the code shown now")
    return render(request, "accounts/sign_in_code.html", {"form": form, "next": _next_url(request)})


def two_factor_set_up(request):
    device = actions.unconfirmed_device(request.user)
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if actions.do_confirm_second_factor(request, form.cleaned_data["code"]):
            messages.success(
                request, "Your authenticator app is set up. You will need it every time you sign in."
            )
            return redirect("accounts:account")
        form.add_error(
            "code", "The security code is not right; check the app shows cspr and try the new code"
        )
    context = {
        "form": form,
        "qr_code": _qr_code_data_uri(device.config_url),
        "secret": _spaced(base64.b32encode(device.bin_key).decode()),
    }
    return render(request, "accounts/two_factor_set_up.html", context)


def _qr_code_data_uri(text: str) -> str:
    """The QR code as an SVG data URI: an image, so no script is needed and CSP stays strict."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def _spaced(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@require_POST
@login_not_required
def sign_out(request):
    actions.do_sign_out(request)
    messages.success(request, "You have signed out")
    return redirect("accounts:sign-in")


def account(request):
    has_device = TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()
    context = {
        "account": request.user,
        "has_second_factor": has_device,
        "calendar_feed_url": reverse("deadlines:calendar-feed")
        if permissions.can_have_calendar_feed(request.user)
        else "",
    }
    return render(request, "accounts/account.html", context)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "form_page.html"
    success_url = reverse_lazy("accounts:account")
    extra_context = {"title": "Change your password", "button": "Change password"}

    def form_valid(self, form):
        messages.success(self.request, "Your password has been changed")
        return super().form_valid(form)


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "form_page.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-sent")
    extra_context = {
        "title": "Reset your password",
        "button": "Send reset link",
        "lead": "Enter your email address. If it has an account, we will email it a reset link.",
    }


class PasswordResetSentView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_sent.html"


class SetPasswordView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/set_password.html"
    success_url = reverse_lazy("accounts:sign-in")
    post_reset_login = False

    def form_valid(self, form):
        messages.success(self.request, "Your password has been set. Sign in with it now.")
        return super().form_valid(form)
