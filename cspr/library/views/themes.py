"""Theme administration (system administrators): the taxonomy the tagger suggests from and that reviews,
search filters and analytics are counted by. Themes are never deleted, since entries refer to them; a theme
that is no longer wanted is made inactive so the tagger stops suggesting it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods

from cspr import permissions
from cspr.audit.log import changes_between, record, snapshot
from cspr.audit.models import AuditAction

from ..forms.themes import ThemeForm
from ..models import EntryTheme, Theme, ThemeState
from ..tagging_cues import BUILT_IN_CUES

THEME_FIELDS = ["label", "description", "cues", "is_active"]


def _check(request):
    if not permissions.can_manage_themes(request.user):
        raise PermissionDenied


@transaction.atomic
def do_save_theme(form: ThemeForm, *, acting_user, request=None) -> Theme:
    """Create or change a theme, with its audit row in the same transaction. The "before" values come from
    the database, since a validated form has already copied the new values onto its instance."""
    theme = form.instance
    before = snapshot(Theme.objects.get(pk=theme.pk), THEME_FIELDS) if theme.pk else {}
    theme = form.save()
    action = AuditAction.CHANGE if before else AuditAction.CREATE
    record(
        action,
        actor=acting_user,
        request=request,
        obj=theme,
        changes=changes_between(before, snapshot(theme, THEME_FIELDS)),
    )
    return theme


def theme_list(request):
    _check(request)
    confirmed = dict(
        EntryTheme.objects.filter(state=ThemeState.CONFIRMED)
        .values_list("theme")
        .annotate(count=Count("pk"))
        .values_list("theme", "count")
    )
    rows = [
        {
            "theme": theme,
            "built_in": theme.label in BUILT_IN_CUES,
            "cue_count": len(theme.cue_list()),
            "confirmed": confirmed.get(theme.pk, 0),
        }
        for theme in Theme.objects.order_by("-is_active", "label")
    ]
    return render(request, "library/themes/list.html", {"rows": rows})


def _form_page(request, form, *, title, button, lead=""):
    context = {
        "form": form,
        "title": title,
        "button": button,
        "lead": lead,
        "back_url": reverse("library:themes"),
    }
    return render(request, "form_page.html", context)


@require_http_methods(["GET", "POST"])
def new_theme(request):
    _check(request)
    form = ThemeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        theme = do_save_theme(form, acting_user=request.user, request=request)
        messages.success(request, f"Theme ‘{theme.label}’ added")
        return redirect("library:themes")
    return _form_page(request, form, title="Add a theme", button="Add theme")


@require_http_methods(["GET", "POST"])
def edit_theme(request, pk):
    _check(request)
    theme = get_object_or_404(Theme, pk=pk)
    form = ThemeForm(request.POST or None, instance=theme)
    if request.method == "POST" and form.is_valid():
        theme = do_save_theme(form, acting_user=request.user, request=request)
        messages.success(request, f"Theme ‘{theme.label}’ saved")
        return redirect("library:themes")
    lead = (
        "cspr has its own cue phrases for this theme; any you add here are used as well."
        if theme.label in BUILT_IN_CUES
        else "The tagger suggests this theme only from the cue phrases you give here."
    )
    return _form_page(
        request, form, title=f"Change the theme ‘{theme.label}’", button="Save theme", lead=lead
    )


urlpatterns = [
    path("themes/", theme_list, name="themes"),
    path("themes/new/", new_theme, name="new_theme"),
    path("themes/<int:pk>/edit/", edit_theme, name="edit_theme"),
]
