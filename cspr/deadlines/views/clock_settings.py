"""The statutory clock's settings: bank holiday changes (administrators) and a partnership's own lengths
for its local steps (its business manager)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse_lazy
from django.utils import timezone

from cspr import permissions
from cspr.clock import STEPS, TRIGGERS, england_and_wales_bank_holidays, shipped_overrides
from cspr.clock.working_days import LAST_YEAR
from cspr.core.pages import form_page
from cspr.core.templatetags.govuk import govuk_date
from cspr.deadlines import actions
from cspr.deadlines.clock import admin_overrides, local_lengths
from cspr.deadlines.forms import BankHolidayChangeForm, StepLengthsForm
from cspr.deadlines.models import BankHolidayChange

_BANK_HOLIDAYS = reverse_lazy("deadlines:bank-holidays")


def _require_bank_holiday_admin(user) -> None:
    if not permissions.can_manage_bank_holidays(user):
        raise PermissionDenied


def bank_holidays(request):
    """The shipped overrides, the administrator's changes and the bank holidays that result."""
    _require_bank_holiday_admin(request.user)
    year = timezone.localdate().year
    last_year = min(year + 1, LAST_YEAR)
    overrides = shipped_overrides() + admin_overrides()
    resulting = england_and_wales_bank_holidays(year, last_year, overrides)
    context = {
        "shipped": shipped_overrides(),
        "changes": BankHolidayChange.objects.select_related("created_by"),
        "resulting": [(day, name) for day, name in resulting.items()],
        "years": f"{year} and {last_year}" if last_year != year else str(year),
    }
    return render(request, "deadlines/bank_holidays.html", context)


def bank_holiday_add(request):
    _require_bank_holiday_admin(request.user)
    form = BankHolidayChangeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        change = actions.do_add_bank_holiday_change(form, acting_user=request.user, request=request)
        verb = "added" if change.change == "add" else "removed"
        messages.success(request, f"Bank holiday {verb}: {govuk_date(change.date)}. Deadlines use it now.")
        return redirect(_BANK_HOLIDAYS)
    return form_page(
        request, form, title="Add or remove a bank holiday", button="Save change", back_url=_BANK_HOLIDAYS
    )


def bank_holiday_delete(request, pk):
    """Confirm, then delete: the date goes back to what the package and the shipped file say."""
    _require_bank_holiday_admin(request.user)
    change = get_object_or_404(BankHolidayChange, pk=pk)
    if request.method == "POST":
        actions.do_delete_bank_holiday_change(change, acting_user=request.user, request=request)
        messages.success(request, f"Change for {govuk_date(change.date)} deleted. Deadlines use it now.")
        return redirect(_BANK_HOLIDAYS)
    rows = [
        {"key": "Change", "value": "Bank holiday " + ("added" if change.change == "add" else "removed")},
        {"key": "Name", "value": change.name},
        {"key": "Source", "value": change.source},
    ]
    return render(request, "deadlines/bank_holiday_delete.html", {"change": change, "rows": rows})


def step_lengths(request):
    """Every step of the clock, and the partnership's own length for those it may change."""
    user = request.user
    if not permissions.can_change_step_lengths(user):
        raise PermissionDenied
    partnership = user.partnership
    lengths = local_lengths(partnership.pk)
    form = StepLengthsForm(request.POST if request.method == "POST" else None, lengths=lengths)
    if request.method == "POST" and form.is_valid():
        changed = actions.do_set_step_lengths(partnership, form.lengths(), acting_user=user, request=request)
        messages.success(
            request,
            f"{changed} step length{'s' if changed != 1 else ''} changed. New deadlines use them now."
            if changed
            else "No step lengths changed",
        )
        return redirect("deadlines:step-lengths")
    rows = [
        {
            "step": step,
            "trigger": TRIGGERS[step.trigger].description,
            "field": form[step.code] if step.code in form.fields else None,
        }
        for step in STEPS
    ]
    context = {"partnership": partnership, "form": form, "rows": rows}
    return render(request, "deadlines/step_lengths.html", context)


urlpatterns = [
    path("bank-holidays/", bank_holidays, name="bank-holidays"),
    path("bank-holidays/new", bank_holiday_add, name="bank-holiday-add"),
    path("bank-holidays/<int:pk>/delete", bank_holiday_delete, name="bank-holiday-delete"),
    path("step-lengths/", step_lengths, name="step-lengths"),
]
