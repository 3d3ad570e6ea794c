"""The system administrator's account pages: create, change, unlock and deactivate accounts."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from cspr import permissions
from cspr.accounts import actions
from cspr.accounts.forms import AccountFilterForm, AccountForm
from cspr.accounts.models import User
from cspr.core.pages import form_page

_ACCOUNTS = reverse_lazy("account-admin:list")


def get_account_for_admin(user, pk: int) -> User:
    """The one way account pages load an account: administrators only."""
    if not permissions.can_manage_accounts(user):
        raise PermissionDenied
    return get_object_or_404(User.objects.select_related("partnership", "agency"), pk=pk)


def _require_admin(user) -> None:
    if not permissions.can_manage_accounts(user):
        raise PermissionDenied


def account_list(request):
    _require_admin(request.user)
    filters = AccountFilterForm(request.GET or None)
    accounts = User.objects.select_related("partnership", "agency").order_by("email")
    if filters.is_valid():
        if q := filters.cleaned_data["q"]:
            accounts = accounts.filter(Q(email__icontains=q) | Q(full_name__icontains=q))
        if role := filters.cleaned_data["role"]:
            accounts = accounts.filter(role=role)
        if partnership := filters.cleaned_data["partnership"]:
            accounts = accounts.filter(partnership=partnership)
    page = Paginator(accounts, 25).get_page(request.GET.get("page"))
    return render(request, "accounts/admin/list.html", {"filters": filters, "page": page})


def account_create(request):
    _require_admin(request.user)
    form = AccountForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        account = actions.do_save_account(form, acting_user=request.user, request=request)
        messages.success(
            request, f"Account created for {account.email}. We have emailed them a link to set a password."
        )
        return redirect("account-admin:detail", account.pk)
    return form_page(request, form, title="Create an account", button="Save account", back_url=_ACCOUNTS)


def account_detail(request, pk):
    account = get_account_for_admin(request.user, pk)
    context = {
        "account": account,
        "has_second_factor": TOTPDevice.objects.filter(user=account, confirmed=True).exists(),
    }
    return render(request, "accounts/admin/detail.html", context)


def account_edit(request, pk):
    account = get_account_for_admin(request.user, pk)
    form = AccountForm(request.POST if request.method == "POST" else None, instance=account)
    if request.method == "POST" and form.is_valid():
        actions.do_save_account(form, acting_user=request.user, request=request)
        messages.success(request, "Account details saved")
        return redirect("account-admin:detail", account.pk)
    return form_page(
        request, form, title=f"Change {account.email}", button="Save account", back_url=_ACCOUNTS
    )


@require_POST
def account_unlock(request, pk):
    account = get_account_for_admin(request.user, pk)
    actions.do_unlock_account(account, acting_user=request.user, request=request)
    messages.success(request, f"{account.email} is unlocked and can sign in again")
    return redirect("account-admin:detail", account.pk)


@require_POST
def account_set_active(request, pk):
    account = get_account_for_admin(request.user, pk)
    if account == request.user:
        messages.error(request, "You cannot deactivate your own account")
        return redirect("account-admin:detail", account.pk)
    active = request.POST.get("active") == "1"
    actions.do_set_account_active(account, active, acting_user=request.user, request=request)
    messages.success(
        request, f"{account.email} is {'active' if active else 'deactivated and cannot sign in'}"
    )
    return redirect("account-admin:detail", account.pk)


@require_POST
def account_reset_second_factor(request, pk):
    account = get_account_for_admin(request.user, pk)
    actions.do_reset_second_factor(account, acting_user=request.user, request=request)
    messages.success(request, f"Authenticator removed; {account.email} will set up a new one at next sign-in")
    return redirect("account-admin:detail", account.pk)


@require_POST
def account_resend_invitation(request, pk):
    account = get_account_for_admin(request.user, pk)
    actions.send_invitation(request, account)
    messages.success(request, f"We have emailed {account.email} a new link to set a password")
    return redirect("account-admin:detail", account.pk)
