"""Screening pages: the GOV.UK question pages, check answers, the outcome, and the partners' decisions.

The rules (which question comes next, which outcome the answers lead to) live in
`cspr.incidents.screening_rules`; these views only ask it and save through `cspr.incidents.actions`.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods, require_safe

from cspr import permissions
from cspr.audit.log import viewed
from cspr.incidents import screening_rules as rules
from cspr.incidents.actions import screening as actions
from cspr.incidents.forms.screening import PartnerDecisionForm, ScreeningOutcomeForm, ScreeningQuestionForm
from cspr.incidents.models import Incident, PartnerDecision, Screening, StatutoryPartner


def _incident(request, pk: int, *, change: bool) -> Incident:
    """404 for an incident the user may not see; 403 if they may not read (or, with `change`, screen) it."""
    incident = get_object_or_404(Incident.objects.visible_to(request.user), pk=pk)
    allowed = permissions.can_screen if change else permissions.can_view_screening
    if not allowed(request.user, incident):
        raise PermissionDenied
    return incident


def _screening(request, incident: Incident) -> Screening | None:
    return Screening.objects.visible_to(request.user).filter(incident=incident).first()


def _answers(screening: Screening | None) -> dict:
    return dict(screening.answers) if screening is not None else {}


def _question_url(incident: Incident, code: str) -> str:
    return reverse("incidents:screening-question", args=[incident.pk, code])


def _summary_url(incident: Incident) -> str:
    return reverse("incidents:screening", args=[incident.pk])


def _continue_url(incident: Incident, answers: dict) -> str:
    """Where screening carries on: the next question to answer, or check answers once all are answered."""
    code = rules.next_question(answers)
    if code is None:
        return reverse("incidents:screening-check", args=[incident.pk])
    return _question_url(incident, code)


def _refuse_if_locked(request, incident: Incident):
    """Back to the summary page (which says why) once the notification has gone to the Panel."""
    if actions.screening_is_locked(incident):
        messages.info(
            request, "Screening cannot be changed after the notification has been sent to the Panel"
        )
        return redirect(_summary_url(incident))
    return None


def _answer_rows(incident: Incident, answers: dict, *, changeable: bool) -> list[dict]:
    rows = []
    for code in rules.answered_route(answers):
        question = rules.QUESTIONS[code]
        row = {"key": question.summary, "value": question.describe(answers[code])}
        if changeable:
            row |= {"action_url": _question_url(incident, code), "action_label": question.summary.lower()}
        rows.append(row)
    return rows


def _partner_agreement(decisions: list[PartnerDecision]) -> dict:
    """Each partner's latest decision, who disagrees, and whether all three agree to notify."""
    latest = {}
    for decision in sorted(decisions, key=lambda d: (d.decided_on, d.recorded_at)):
        latest[decision.partner] = decision
    return {
        "latest": [latest.get(partner) for partner in StatutoryPartner.values],
        "disagreeing": [d.get_partner_display() for d in latest.values() if not d.agrees],
        "waiting_for": [label for value, label in StatutoryPartner.choices if value not in latest],
        "all_agree": len(latest) == len(StatutoryPartner.values) and all(d.agrees for d in latest.values()),
    }


@require_safe
def screening_summary(request, pk):
    incident = _incident(request, pk, change=False)
    screening = _screening(request, incident)
    viewed(request, screening or incident)
    answers = _answers(screening)
    locked = actions.screening_is_locked(incident)
    can_change = permissions.can_screen(request.user, incident) and not locked
    complete = rules.is_complete(answers)
    confirmed = bool(screening and screening.outcome)
    pending = rules.decide(answers) if complete else None
    decisions = (
        list(PartnerDecision.objects.visible_to(request.user).filter(screening=screening))
        if screening is not None
        else []
    )
    reasons, learning_review_reason = rules.split_learning_review_reason(
        screening.reasons if screening else ""
    )
    context = {
        "incident": incident,
        "screening": screening,
        "outcome": rules.Outcome(screening.outcome) if confirmed else None,
        "reasons": reasons,
        "learning_review_reason": learning_review_reason,
        "answer_rows": _answer_rows(incident, answers, changeable=can_change),
        "complete": complete,
        "started": bool(answers),
        # A confirmed outcome that the answers, since changed, no longer lead to.
        "out_of_date": confirmed and (pending is None or pending.outcome != screening.outcome),
        "locked": locked,
        "can_change": can_change,
        "can_record_decisions": permissions.can_screen(request.user, incident),
        "continue_url": _continue_url(incident, answers),
        "decisions": decisions,
        "agreement": _partner_agreement(decisions),
    }
    return render(request, "incidents/screening/summary.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def screening_question(request, pk, question):
    incident = _incident(request, pk, change=True)
    if question not in rules.QUESTIONS:
        raise Http404
    if refused := _refuse_if_locked(request, incident):
        return refused
    answers = _answers(_screening(request, incident))
    if not rules.is_reachable(answers, question):
        return redirect(_continue_url(incident, answers))
    spec = rules.QUESTIONS[question]
    form = ScreeningQuestionForm(
        spec, request.POST if request.method == "POST" else None, initial={"answer": answers.get(question)}
    )
    if request.method == "POST" and form.is_valid():
        screening = actions.do_record_screening_answer(
            incident, question, form.cleaned_data["answer"], acting_user=request.user, request=request
        )
        return redirect(_continue_url(incident, screening.answers))
    previous = rules.previous_question(answers, question)
    context = {
        "incident": incident,
        "form": form,
        "question": spec,
        "back_url": _question_url(incident, previous) if previous else _summary_url(incident),
    }
    return render(request, "incidents/screening/question.html", context)


@require_safe
def screening_check(request, pk):
    incident = _incident(request, pk, change=True)
    if refused := _refuse_if_locked(request, incident):
        return refused
    answers = _answers(_screening(request, incident))
    if not rules.is_complete(answers):
        return redirect(_continue_url(incident, answers))
    context = {
        "incident": incident,
        "answer_rows": _answer_rows(incident, answers, changeable=True),
        "back_url": _question_url(incident, rules.answered_route(answers)[-1]),
    }
    return render(request, "incidents/screening/check.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def screening_outcome(request, pk):
    incident = _incident(request, pk, change=True)
    if refused := _refuse_if_locked(request, incident):
        return refused
    screening = _screening(request, incident)
    answers = _answers(screening)
    if not rules.is_complete(answers):
        return redirect(_continue_url(incident, answers))
    decision = rules.decide(answers)
    form = ScreeningOutcomeForm(
        request.POST if request.method == "POST" else None,
        outcome=decision.outcome,
        initial=_outcome_initial(screening, decision),
    )
    if request.method == "POST" and form.is_valid():
        actions.do_confirm_screening(
            incident,
            reasons=form.reasons_to_store,
            other_learning_review=form.goes_to_learning_review,
            acting_user=request.user,
            request=request,
        )
        messages.success(request, f"Screening outcome confirmed: {decision.outcome.label}")
        return redirect(_summary_url(incident))
    context = {
        "incident": incident,
        "form": form,
        "decision": decision,
        "back_url": reverse("incidents:screening-check", args=[incident.pk]),
    }
    return render(request, "incidents/screening/outcome.html", context)


def _outcome_initial(screening: Screening, decision: rules.Decision) -> dict:
    """The reasons already confirmed for this outcome, else those written from the answers."""
    if screening.outcome != decision.outcome or not screening.reasons:
        return {"reasons": decision.reasons_text}
    reasons, learning_review_reason = rules.split_learning_review_reason(screening.reasons)
    return {
        "reasons": reasons,
        "other_learning_review": "yes" if screening.other_learning_review else "no",
        "learning_review_reason": learning_review_reason,
    }


@require_http_methods(["GET", "HEAD", "POST"])
def partner_decision(request, pk):
    incident = _incident(request, pk, change=True)
    chosen = request.GET.get("partner")  # "Record the police's decision" links preselect the partner
    initial = {"partner": chosen} if chosen in StatutoryPartner.values else {}
    form = PartnerDecisionForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        decision = actions.do_record_partner_decision(
            incident, form.cleaned_data, acting_user=request.user, request=request
        )
        view = "agrees" if decision.agrees else "does not agree"
        messages.success(
            request, f"{decision.get_partner_display()} decision recorded: {view} to notify the Panel"
        )
        return redirect(_summary_url(incident))
    context = {"incident": incident, "form": form, "back_url": _summary_url(incident)}
    return render(request, "incidents/screening/partner_decision.html", context)


urlpatterns = [
    path("<int:pk>/screening/", screening_summary, name="screening"),
    path("<int:pk>/screening/check/", screening_check, name="screening-check"),
    path("<int:pk>/screening/outcome/", screening_outcome, name="screening-outcome"),
    path("<int:pk>/screening/partners/", partner_decision, name="partner-decision"),
    path("<int:pk>/screening/<slug:question>/", screening_question, name="screening-question"),
]
