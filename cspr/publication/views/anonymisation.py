"""The anonymisation check: run it, read what it found in context, decide each finding (redact or allow
with a reason), and the executive's waiver of a publication gate."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods

from cspr import permissions
from cspr.audit.log import viewed

from ..actions.anonymising import do_decide_findings, do_run_anonymisation_check
from ..actions.preparing import do_waive_gate
from ..anonymisation.findings import IdentifierType
from ..checks import declared_for, latest_checks, subject_label, subjects, where
from ..forms import FindingDecisionForm, ReasonForm
from ..gates import GATES_BY_KIND
from ..models import AnonymisationFinding, CheckOutcome, FindingDecision, Gate
from .common import prepare_url, review_for

TYPE_LABELS = {kind.value: kind.label for kind in IdentifierType}
FILTER_STATES = {"open": "Not decided", "decided": "Decided"}
OUTCOME_COLOURS = {CheckOutcome.PASSED: "green", CheckOutcome.FOUND: "red", CheckOutcome.RESOLVED: "blue"}


@require_http_methods(["GET", "HEAD", "POST"])
def anonymisation(request, pk):
    """GET: what the latest check of each subject found; POST (business manager): check everything now."""
    allowed = (
        permissions.can_prepare_publication if request.method == "POST" else permissions.can_view_publication
    )
    review = review_for(request, pk, allowed)
    if request.method == "POST":
        run = do_run_anonymisation_check(review, acting_user=request.user, request=request)
        for label, why in run.unreadable:
            messages.error(request, f"The {label.lower()} could not be checked: {why}")
        if not run.checks and not run.unreadable:
            messages.warning(request, "There is nothing to check yet: upload the documents to publish first")
        elif run.checks:
            found, undecided = run.found, run.undecided
            if not found:
                messages.success(request, "The check found nothing identifying")
            else:
                messages.warning(
                    request,
                    f"The check found {found} possible identifying detail{'s' if found != 1 else ''}; "
                    f"{undecided} still to decide",
                )
        return redirect("publication:anonymisation", pk=review.pk)
    return findings_page(request, review)


@require_http_methods(["GET", "HEAD", "POST"])
def finding_decision(request, pk, finding_pk):
    """The decision on one detail, for every place it was found in the check. GET shows the findings page
    with this detail's form open (to change a decision); POST records the decision."""
    review = review_for(request, pk, permissions.can_prepare_publication)
    finding = get_object_or_404(
        AnonymisationFinding.objects.visible_to(request.user)
        .filter(check_run__practice_review=review)
        .select_related("check_run"),
        pk=finding_pk,
    )
    check = finding.check_run
    if latest_checks(review).get(check.subject) != check:
        raise Http404  # an earlier check: its findings can no longer be decided
    key = (finding.type, finding.text)
    if request.method != "POST":
        return findings_page(request, review, open_key=key)
    form = FindingDecisionForm(
        request.POST, prefix=f"finding-{finding.pk}", pseudonyms=pseudonym_names(review)
    )
    if not form.is_valid():
        return findings_page(request, review, open_key=key, bound_form=form)
    data = form.cleaned_data
    count = do_decide_findings(
        check,
        finding_type=finding.type,
        text=finding.text,
        decision=data["decision"],
        replacement=data["replacement"],
        reason=data["reason"].strip(),
        acting_user=request.user,
        request=request,
    )
    done = "redacted" if data["decision"] == FindingDecision.REDACT else "allowed"
    places = f"{count} place{'s' if count != 1 else ''}"
    messages.success(
        request, f"Decision recorded: {done} in {places} in the {subject_label(check.subject).lower()}"
    )
    query = request.GET.urlencode()
    url = reverse("publication:anonymisation", args=[review.pk])
    return redirect(f"{url}{'?' + query if query else ''}#finding-{finding.pk}")


def pseudonym_names(review) -> list[str]:
    return [pseudonym.pseudonym for pseudonym in declared_for(review).pseudonyms]


def findings_page(request, review, *, open_key=None, bound_form=None):
    user = request.user
    can_prepare = permissions.can_prepare_publication(user, review)
    declared = declared_for(review) if can_prepare else None
    chosen_type = request.GET.get("type", "")
    chosen_state = request.GET.get("state", "")
    sections = subject_sections(
        review,
        subjects(review),
        latest_checks(review),
        findings=AnonymisationFinding.objects.visible_to(user).filter(check_run__practice_review=review),
        declared=declared,
        type_filter=chosen_type,
        state_filter=chosen_state,
        open_key=open_key,
        bound_form=bound_form,
    )
    viewed(request, review)
    found_types = sorted({code for section in sections for code in section["types"]})
    context = {
        "practice_review": review,
        "sections": sections,
        "can_run": can_prepare,
        "type_choices": [(code, TYPE_LABELS.get(code, code)) for code in found_types],
        "state_choices": list(FILTER_STATES.items()),
        "chosen_type": chosen_type,
        "chosen_state": chosen_state,
        "filtered": bool(chosen_type or chosen_state),
        "query": request.GET.urlencode(),
        "bound_form": bound_form,
    }
    return render(request, "publication/anonymisation.html", context)


def confidence_label(score: float) -> str:
    """How sure the recogniser is, in words a reader can weigh, with the number."""
    words = "High" if score >= 0.85 else "Medium" if score >= 0.6 else "Low"
    return f"{words} ({score:.2f})"


def subject_sections(
    review, subject_list, latest, *, findings, declared, type_filter, state_filter, open_key, bound_form
) -> list[dict]:
    """Per subject: its latest check, a summary, warnings, and its findings grouped by detail (type and
    text) in reading order, filtered as asked; the group being changed or posted carries its form."""
    sections = []
    for subject in subject_list:
        check = latest.get(subject.code)
        stale = check is not None and check.checked_at < subject.changed_at
        groups = {}
        rows = findings.filter(check_run=check).select_related("decided_by", "check_run") if check else []
        for finding in rows:
            groups.setdefault((finding.type, finding.text), []).append(finding)
        shown = [
            _group(key, places, subject, declared, open_key, bound_form)
            for key, places in groups.items()
            if (not type_filter or key[0] == type_filter)
            and (state_filter != "open" or places[0].decision == FindingDecision.OPEN)
            and (state_filter != "decided" or places[0].decision != FindingDecision.OPEN)
        ]
        undecided = sum(places[0].decision == FindingDecision.OPEN for places in groups.values())
        to_redact = any(places[0].decision == FindingDecision.REDACT for places in groups.values())
        warnings = []
        if stale:
            warnings.append(f"The {subject.label.lower()} changed after this check: check it again")
        if check is not None and check.name_detection_reduced:
            warnings.append(
                "Name detection was reduced for this check (the language model is not installed): "
                "names were found only by rules and name lists, so read the document for names too"
            )
        sections.append(
            {
                "subject": subject,
                "check": check,
                "stale": stale,
                "colour": OUTCOME_COLOURS.get(check.outcome, "") if check else "",
                "warnings": warnings,
                "places": sum(len(places) for places in groups.values()),
                "details": len(groups),
                "undecided": undecided,
                "types": {key[0] for key in groups},
                "groups": shown,
                "can_redact": check is not None and not stale and to_redact and not undecided,
            }
        )
    return sections


def _group(key, places, subject, declared, open_key, bound_form) -> dict:
    first = places[0]
    form = None
    if declared is not None and (first.decision == FindingDecision.OPEN or key == open_key):
        if bound_form is not None and key == open_key:
            form = bound_form
        else:
            initial = {
                "decision": "" if first.decision == FindingDecision.OPEN else first.decision,
                "replacement": first.replacement or declared.replacement_for(first.text),
                "reason": first.reason,
            }
            pseudonyms = [pseudonym.pseudonym for pseudonym in declared.pseudonyms]
            form = FindingDecisionForm(initial=initial, prefix=f"finding-{first.pk}", pseudonyms=pseudonyms)
    return {
        "key": first,
        "label": TYPE_LABELS.get(first.type, first.type),
        "places": [
            {
                "finding": place,
                "where": where(place, subject.briefings),
                "confidence": confidence_label(place.confidence),
            }
            for place in places
        ],
        "decided": first.decision != FindingDecision.OPEN,
        "form": form,
    }


@require_http_methods(["GET", "HEAD", "POST"])
def waive(request, pk, gate):
    review = review_for(request, pk, permissions.can_waive_publication_gate)
    if gate not in GATES_BY_KIND[review.kind]:
        raise Http404
    gate = Gate(gate)
    form = ReasonForm(
        request.POST if request.method == "POST" else None,
        label="Why may the review be published without this?",
        hint="Recorded with your name and shown on the publication page",
        required_message="Enter the reason for waiving this before publication",
    )
    if request.method == "POST" and form.is_valid():
        do_waive_gate(
            review, gate=gate, reason=form.cleaned_data["reason"], acting_user=request.user, request=request
        )
        messages.success(request, f"Waived before publication: {gate.label.lower()}")
        return redirect(prepare_url(review))
    viewed(request, review)
    context = {
        "practice_review": review,
        "form": form,
        "title": f"Waive: {gate.label.lower()}",
        "button": "Waive",
        "back_url": prepare_url(review),
    }
    return render(request, "publication/reason.html", context)


urlpatterns = [
    path("<int:pk>/anonymisation/", anonymisation, name="anonymisation"),
    path("<int:pk>/anonymisation/findings/<int:finding_pk>/", finding_decision, name="finding-decision"),
    path("<int:pk>/waivers/<str:gate>/", waive, name="waive"),
]
