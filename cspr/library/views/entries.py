"""One library entry: its page, its full text, its files, and the business manager's (or, for national
entries, the administrator's) checks before it goes public: details, themes, publishing and deleting.

Reading is open to whoever `visible_to` gives the entry: anyone, signed in or not, for a public entry; a
draft only for the people of its partnership who may see it (404 for everyone else). Reading a draft is
audited like case data; public entries are public. Changes go through `actions.entries`, each audited.
Text from imported reports is untrusted: it is escaped, and highlights are added to the escaped text.
"""

import re
from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_http_methods, require_safe

from cspr import permissions
from cspr.audit.log import viewed
from cspr.core.templatetags.govuk import govuk_date
from cspr.publication.rules import PublicState, public_state

from ..actions.entries import (
    EntryRuleBroken,
    do_add_theme,
    do_decide_theme,
    do_delete_entry,
    do_edit_entry,
    do_publish_entry,
    publish_blockers,
)
from ..forms.entries import AddThemeForm, EntryForm, ThemeDecisionForm, guess_rows
from ..models import EntrySource, EntryTheme, LibraryPassage, Theme, ThemeState
from ..search import parse_query, similar_entries
from .access import entry_for, file_for


def _check_readable(request, entry) -> None:
    """Drafts are 404 for anyone outside their partnership; reading one is audited like case data."""
    if not permissions.can_view_library_entry(request.user, entry):
        raise Http404
    if not entry.is_public:
        viewed(request, entry)


def _editable_entry(request, pk):
    entry = entry_for(request, pk)
    if not permissions.can_edit_library_entry(request.user, entry):
        raise PermissionDenied
    viewed(request, entry)
    return entry


# Highlighting --------------------------------------------------------------------------------------------


def query_pattern(query: str) -> re.Pattern | None:
    """A case-insensitive pattern for the search's terms of `query` (words and "quoted phrases"). A word
    also matches the words it begins ("neglect" marks "neglected"), close to what the search's stemming
    finds."""
    terms = [r"\W+".join(re.escape(word) for word in term) for term in parse_query(query)]
    if not terms:
        return None
    terms.sort(key=len, reverse=True)
    return re.compile(rf"\b(?:{'|'.join(terms)})\w*", re.IGNORECASE)


def highlight(text: str, pattern: re.Pattern | None) -> tuple[SafeString, bool]:
    """The text escaped, with each match of `pattern` in <mark>; and whether anything matched."""
    if pattern is None:
        return escape(text), False
    parts, position, found = [], 0, False
    for match in pattern.finditer(text):
        parts += [escape(text[position : match.start()]), f"<mark>{escape(match.group())}</mark>"]
        position, found = match.end(), True
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts)), found  # noqa: S308 - every piece of the text is escaped above


# Reading ---------------------------------------------------------------------------------------------------


def _public_review_link(entry) -> dict | None:
    """Where the public reads a review published in cspr: its page while on the partnership's website, the
    partnership's page (where it is "available on request") afterwards; nothing if withdrawn."""
    review = entry.practice_review
    if entry.source != EntrySource.CSPR or review is None or not review.public_slug:
        return None
    state = public_state(review, timezone.localdate())
    if state == PublicState.PUBLISHED:
        url = reverse("public:review", args=[review.partnership.slug, review.public_slug])
        return {"url": url, "text": "Read the review on the partnership's published reviews page"}
    if state == PublicState.AVAILABLE_ON_REQUEST:
        url = reverse("public:partnership", args=[review.partnership.slug])
        return {"url": url, "text": "The report is available on request from the partnership"}
    return None


def _detail_rows(entry, can_edit: bool) -> list[dict]:
    """The summary list of the entry's details; editors get a "Change" link on each."""
    not_known = "Not known"
    rows = [
        ("Area", entry.area),
        ("Year published", entry.year or not_known),
        ("Type of review", entry.get_review_type_display() or not_known),
        ("Child's age", entry.get_age_band_display() or not_known),
        ("Harm", entry.get_harm_display() or not_known),
        ("Date published", govuk_date(entry.published_on) or not_known),
        ("Reviewer", entry.reviewer or not_known),
    ]
    edit_url = reverse("library:edit", args=[entry.pk]) if can_edit else ""
    return [
        {"key": key, "value": value, "action_url": edit_url, "action_label": key.lower()}
        for key, value in rows
    ]


@login_not_required
@require_safe
def entry(request, pk):
    user = request.user
    entry = entry_for(request, pk)
    _check_readable(request, entry)
    can_edit = permissions.can_edit_library_entry(user, entry)
    themes = list(EntryTheme.objects.filter(entry=entry).select_related("theme"))
    context = {
        "entry": entry,
        "can_edit": can_edit,
        "rows": _detail_rows(entry, can_edit),
        "confirmed": [item.theme for item in themes if item.state == ThemeState.CONFIRMED],
        "suggested": [item for item in themes if item.state == ThemeState.SUGGESTED] if can_edit else [],
        "guesses": guess_rows(entry.guesses) if can_edit else [],
        "recommendations": entry.recommendations.all(),
        "can_adopt": permissions.can_adopt_library_recommendation(user),
        "files": entry.files.all(),
        "passage_count": entry.passages.count(),
        "public_review": _public_review_link(entry),
        "similar": similar_entries(entry, user, limit=5),
        "can_delete": can_edit and entry.source == EntrySource.IMPORTED,
    }
    return render(request, "library/entries/entry.html", context)


def _page_heading(passage, several_files: bool) -> str:
    """ "Page 3", or "Executive summary, page 3" when the entry has several files."""
    if several_files and passage.file:
        kind = passage.file.get_kind_display()
        return f"{kind}, page {passage.page}" if passage.page else kind
    return f"Page {passage.page}" if passage.page else "Text"


@login_not_required
@require_safe
def full_text(request, pk):
    """The passages page by page, each with the `passage-N` id search results link to; `?q=` marks the
    query's words so the reader finds why the review matched."""
    entry = entry_for(request, pk)
    _check_readable(request, entry)
    query = request.GET.get("q", "").strip()[:200]
    pattern = query_pattern(query)
    passages = LibraryPassage.objects.filter(entry=entry).select_related("file").order_by("number")
    several_files = entry.files.count() > 1
    pages, matching = [], 0
    for _, group in groupby(passages, key=lambda passage: (passage.file_id, passage.page)):
        on_page = list(group)
        shown = []
        for passage in on_page:
            html, found = highlight(passage.text, pattern)
            matching += found
            shown.append({"number": passage.number, "html": html, "found": found})
        pages.append({"heading": _page_heading(on_page[0], several_files), "passages": shown})
    context = {"entry": entry, "pages": pages, "query": query, "matching": matching}
    return render(request, "library/entries/full_text.html", context)


@login_not_required
@require_safe
def file(request, pk, file_pk):
    """The file under the name it was imported with. Only PDFs open in the browser: anything else (an
    imported HTML page above all) is downloaded, never shown as one of our pages."""
    library_file = file_for(request, pk, file_pk)
    _check_readable(request, library_file.entry)
    try:
        handle = library_file.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        handle,
        as_attachment=library_file.media_type != "application/pdf",
        filename=library_file.original_name,
        content_type=library_file.media_type,
    )


# Checking and changing -------------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def edit(request, pk):
    entry = _editable_entry(request, pk)
    initial = {name: getattr(entry, name) for name in EntryForm.base_fields}
    form = EntryForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        guesses=entry.guesses,
        today=timezone.localdate(),
        is_public=entry.is_public,
    )
    if request.method == "POST" and form.is_valid():
        try:
            do_edit_entry(entry, fields=form.cleaned_data, acting_user=request.user, request=request)
        except EntryRuleBroken as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Details saved")
            return redirect(entry)
    context = {"entry": entry, "form": form, "back_url": entry.get_absolute_url()}
    return render(request, "library/entries/edit.html", context)


def _theme_forms(request, entry):
    """The decision form (confirm or remove one theme, chosen by the button) and the add-a-theme form; the
    one that was posted is bound."""
    entry_themes = EntryTheme.objects.filter(entry=entry)
    taken = entry_themes.exclude(state=ThemeState.REMOVED).values("theme_id")
    addable = Theme.objects.filter(is_active=True).exclude(pk__in=taken)
    posted = request.POST if request.method == "POST" else None
    deciding = posted is not None and "entry_theme" in posted
    decision = ThemeDecisionForm(posted if deciding else None, entry_themes=entry_themes)
    adding = AddThemeForm(posted if posted is not None and not deciding else None, themes=addable)
    return decision, adding


def _apply_theme_forms(request, entry, decision, adding) -> str:
    """Make the change the bound form asks for; the success message, or "" with the form's errors set."""
    form = decision if decision.is_bound else adding
    if not form.is_valid():
        return ""
    try:
        if form is decision:
            entry_theme = form.cleaned_data["entry_theme"]
            confirm = form.cleaned_data["decision"] == ThemeDecisionForm.CONFIRM
            do_decide_theme(entry_theme, confirm=confirm, acting_user=request.user, request=request)
            return f"Theme {'confirmed' if confirm else 'removed'}: {entry_theme.theme.label}"
        theme = form.cleaned_data["theme"]
        do_add_theme(entry, theme, acting_user=request.user, request=request)
        return f"Theme added: {theme.label}"
    except EntryRuleBroken as error:
        form.add_error(None, str(error))
        return ""


@require_http_methods(["GET", "HEAD", "POST"])
def themes(request, pk):
    """Each suggested theme with the sentences that suggested it, to confirm or remove; the confirmed ones
    (which search and analytics count), removable; the removed ones, which can be confirmed after all."""
    entry = _editable_entry(request, pk)
    decision, adding = _theme_forms(request, entry)
    if request.method == "POST":
        done = _apply_theme_forms(request, entry, decision, adding)
        if done:
            messages.success(request, done)
            return redirect("library:entry_themes", pk=entry.pk)
    items = list(EntryTheme.objects.filter(entry=entry).select_related("theme"))
    context = {
        "entry": entry,
        "decision": decision,
        "adding": adding,
        "suggested": [item for item in items if item.state == ThemeState.SUGGESTED],
        "confirmed": [item for item in items if item.state == ThemeState.CONFIRMED],
        "removed": [item for item in items if item.state == ThemeState.REMOVED],
        "back_url": entry.get_absolute_url(),
    }
    return render(request, "library/entries/themes.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def publish(request, pk):
    """A confirm page, or what is still missing; the draft goes public on POST."""
    entry = _editable_entry(request, pk)
    if entry.is_public:
        messages.info(request, "This review is already in the public library")
        return redirect(entry)
    if request.method == "POST":
        try:
            do_publish_entry(entry, acting_user=request.user, request=request)
        except EntryRuleBroken:
            pass  # the page below lists what is missing
        else:
            messages.success(request, "The review is in the public library: anyone can now find and read it")
            return redirect(entry)
    context = {"entry": entry, "missing": publish_blockers(entry), "back_url": entry.get_absolute_url()}
    return render(request, "library/entries/publish.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def delete(request, pk):
    """Imported entries only, after a confirm page; reviews published in cspr stay in the library."""
    entry = _editable_entry(request, pk)
    deletable = entry.source == EntrySource.IMPORTED
    if request.method == "POST" and deletable:
        title = entry.title
        do_delete_entry(entry, acting_user=request.user, request=request)
        messages.success(request, f"Deleted from the library: {title}")
        return redirect("library:search")
    context = {
        "entry": entry,
        "deletable": deletable,
        "file_count": entry.files.count(),
        "adopted": entry.recommendations.filter(adoptions__isnull=False).distinct().count(),
        "back_url": entry.get_absolute_url(),
    }
    return render(request, "library/entries/delete.html", context)


urlpatterns = [
    path("<int:pk>/", entry, name="entry"),
    path("<int:pk>/text/", full_text, name="full_text"),
    path("<int:pk>/files/<int:file_pk>/", file, name="file"),
    path("<int:pk>/edit/", edit, name="edit"),
    path("<int:pk>/themes/", themes, name="entry_themes"),
    path("<int:pk>/publish/", publish, name="publish"),
    path("<int:pk>/delete/", delete, name="delete"),
]
