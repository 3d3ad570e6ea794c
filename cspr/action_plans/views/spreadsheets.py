"""The XLSX round trip: download the actions you can see as a spreadsheet, fill it in, upload it back.

The export lists the same actions as the dashboard for the same query string (`lists.filtered_actions`),
scoped to the user, and is itself an audit entry. The import checks every row before anything is applied
(`spreadsheet.check_rows`) and applies all rows or none (`do_import_action_plan`): agency leads update
their own agency's actions; the business manager updates any of the partnership's, and may also change
their owner and due date.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_safe

from cspr import permissions
from cspr.audit.log import record
from cspr.audit.models import AuditAction
from cspr.clock.status import plural_working_days, working_days_late
from cspr.deadlines.clock import current_calendar

from .. import lists, rules, spreadsheet
from ..actions.spreadsheets import do_import_action_plan
from ..forms.spreadsheets import ImportForm
from ..models import Action, ActionPlan, ProgressUpdate
from ..spreadsheet import ActionState, ExportRow, SpreadsheetError

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_safe
def export(request):
    """The actions the user can see (filtered as the dashboard is), one row each."""
    user = request.user
    if not permissions.can_export_action_plans(user):
        raise PermissionDenied
    today = timezone.localdate()
    filters = lists.action_filter(request.GET)
    actions = lists.filtered_actions(user, filters, today)
    rows = _export_rows(request, actions, today)
    plan = (
        ActionPlan.objects.visible_to(user).filter(pk=filters.get("plan")).first()
        if filters.get("plan")
        else None
    )
    may_update = permissions.can_import_action_plans(user)
    content = spreadsheet.write_workbook(
        rows,
        about=_about(user, plan, actions, today),
        may_update=may_update,
        may_change_agreed=may_update and permissions.can_write_action_plans(user),
    )
    plural = "" if len(rows) == 1 else "s"
    record(
        AuditAction.EXPORT,
        request=request,
        obj=plan,
        partnership=user.partnership,
        object_repr=f"Action plan spreadsheet (XLSX), {len(rows)} action{plural}"
        + (f": {plan.title}" if plan else ""),
    )
    name = f"action-plan-{user.partnership.slug}-{today.isoformat()}.xlsx"
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


def _latest_notes(request, action_ids) -> dict[int, str]:
    """Each action's latest progress note: shown in the export, and how an import knows a note it has
    already recorded (the same file uploaded twice adds nothing)."""
    latest_notes = {}
    updates = (
        ProgressUpdate.objects.visible_to(request.user)
        .filter(action__in=list(action_ids))
        .order_by("action", "-written_at", "-pk")
        .values_list("action_id", "note")
    )
    for action_id, note in updates:
        latest_notes.setdefault(action_id, note)
    return latest_notes


def _export_rows(request, actions: list[Action], today) -> list[ExportRow]:
    calendar = current_calendar()
    latest_notes = _latest_notes(request, (action.pk for action in actions))
    return [
        ExportRow(
            action_id=action.pk,
            review=action.recommendation.plan.title,
            recommendation_number=action.recommendation.number,
            recommendation=action.recommendation.text,
            agency=action.agency.name,
            what_will_change=action.what_will_change,
            owner=action.owner,
            due_on=action.due_on,
            success_measure=action.success_measure,
            status=rules.STATUS_LABELS[action.status],
            overdue=(
                f"Yes, by {plural_working_days(working_days_late(action.due_on, today, calendar))}"
                if action.is_overdue(today)
                else "No"
            ),
            latest_note=latest_notes.get(action.pk, ""),
        )
        for action in actions
    ]


def _about(user, plan, actions, today) -> list[tuple[str, str]]:
    about = [("Partnership", user.partnership.name)]
    if user.agency_id:
        about.append(("Agency", user.agency.name))
    if plan is not None:
        about.append(("Review", plan.title))
    about += [("Produced", f"{today.day} {today:%B %Y}"), ("Actions", str(len(actions)))]
    return about


def import_spreadsheet(request):
    """Upload the filled-in spreadsheet: every row checked, then all applied or none."""
    user = request.user
    if not permissions.can_import_action_plans(user):
        raise PermissionDenied
    posted = request.method == "POST"
    form = ImportForm(request.POST if posted else None, request.FILES if posted else None)
    row_errors = []
    if posted and form.is_valid():
        try:
            rows = spreadsheet.read_workbook(form.cleaned_data["file"].read())
        except SpreadsheetError as error:
            form.add_error("file", str(error))
        else:
            result = spreadsheet.check_rows(rows, _states(request, rows), whose=_whose(user))
            if not result.is_valid:
                row_errors = result.errors
                plural = "" if len(row_errors) == 1 else "s"
                form.add_error(
                    "file",
                    f"The selected file has {len(row_errors)} problem{plural}: nothing has been changed. "
                    "Correct the file and upload it again",
                )
            elif not result.rows_read:
                form.add_error("file", "The selected file has no actions in it")
            else:
                try:
                    updated = do_import_action_plan(result.changes, acting_user=user, request=request)
                except ValueError as error:
                    form.add_error(
                        "file", f"{error}. Nothing has been changed: download the spreadsheet again"
                    )
                else:
                    return render(
                        request,
                        "action_plans/spreadsheets/imported.html",
                        {"result": result, "updated": updated},
                    )
    context = {
        "form": form,
        "row_errors": row_errors,
        "limits": spreadsheet.LIMITS,
        "columns": spreadsheet.COLUMNS,
    }
    return render(request, "action_plans/spreadsheets/import.html", context)


def _states(request, rows) -> dict[int, ActionState]:
    """The actions the file names that the user can see, and what the user may do to each."""
    user = request.user
    found = (
        Action.objects.visible_to(user)
        .select_related("recommendation__plan")
        .filter(pk__in=spreadsheet.action_ids(rows))
    )
    latest_notes = _latest_notes(request, (action.pk for action in found))
    return {
        action.pk: ActionState(
            pk=action.pk,
            status=action.status,
            owner=action.owner,
            due_on=action.due_on,
            latest_note=latest_notes.get(action.pk, ""),
            may_update=permissions.can_update_action(user, action),
            may_change_agreed=permissions.can_edit_action(user, action),
        )
        for action in found
    }


def _whose(user) -> str:
    """Whose actions a file may touch, as an error names them: "Northshire Police's"."""
    return f"{user.agency.name}'s" if user.agency_id else f"{user.partnership.name}'s"


urlpatterns = [
    path("export.xlsx", export, name="export"),
    path("import/", import_spreadsheet, name="import"),
]
