from django.contrib.auth.decorators import login_not_required
from django.urls import path

from cspr.accounts import views

app_name = "accounts"
urlpatterns = [
    path("sign-in", views.sign_in, name="sign-in"),
    path("sign-in/code", views.sign_in_code, name="sign-in-code"),
    path("sign-out", views.sign_out, name="sign-out"),
    path("", views.account, name="account"),
    path("two-factor", views.two_factor_set_up, name="two-factor-set-up"),
    path("password", views.PasswordChangeView.as_view(), name="password-change"),
    path("password/reset", login_not_required(views.PasswordResetView.as_view()), name="password-reset"),
    path(
        "password/reset/sent",
        login_not_required(views.PasswordResetSentView.as_view()),
        name="password-reset-sent",
    ),
    path(
        "password/set/<uidb64>/<token>",
        login_not_required(views.SetPasswordView.as_view()),
        name="set-password",
    ),
]
