"""Second factor enforcement: a signed-in person who has (or must have) TOTP goes no further without it."""

from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django_otp.plugins.otp_totp.models import TOTPDevice

# Pages a person may reach between password and second factor.
SECOND_FACTOR_PAGES = {
    "accounts:sign-in-code",
    "accounts:two-factor-set-up",
    "accounts:sign-out",
}


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        target = self.second_factor_page(request)
        if target:
            return redirect(target)
        return self.get_response(request)

    def second_factor_page(self, request) -> str | None:
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        if match.view_name in SECOND_FACTOR_PAGES or getattr(match.func, "login_required", True) is False:
            return None
        return second_factor_step(user)


def second_factor_step(user) -> str | None:
    """The page a signed-in person must pass before any other: their code, or setting up an app."""
    if user.is_verified():
        return None
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return "accounts:sign-in-code"
    if user.needs_second_factor():
        return "accounts:two-factor-set-up"
    return None
