"""What the rapid review report says: its sections, built from the data, as edited, and as sent.

The report goes to the Panel in the structure partnerships use: case summary, agency involvement, key
practice episodes, immediate actions, learning, decision and rationale. Each section is plain text
(paragraphs separated by a blank line; a paragraph whose lines all start with "- " is a list), so the
business manager can edit it in a text box before sending.

- `build_sections` writes every section from the data recorded so far.
- `report_sections` is what the report says now: an edited section (`RapidReview.report`) replaces the built
  one; the others follow the data until the report is sent.
- Sending freezes it: `RapidReview.sent_report` holds every section's text by key, the same shape as
  `report`, and `document_sections` reads it from then on.

The child appears by pseudonym only. Free text may still name a child (a return's summary, an edit), so
every section passes through `without_child_names`, which puts the pseudonym in place of the name and of
each part of it.
"""

import re

from django.utils import timezone

from cspr.action_plans.models import Action, RecommendationKind
from cspr.chronology.dates import display_date
from cspr.clock.status import DeadlineStatus, plural_working_days
from cspr.core.templatetags.govuk import govuk_date
from cspr.deadlines.clock import incident_deadlines

from .models import ExecutiveDecision, Recommendation, Regulation11Criterion, ReturnStatus, ReviewGroupMeeting

SECTION_TITLES = {
    "case_summary": "Case summary",
    "agency_involvement": "Agency involvement",
    "key_practice_episodes": "Key practice episodes",
    "immediate_actions": "Immediate actions",
    "learning": "Learning",
    "decision": "Decision and rationale",
}
NOT_MET = "The review group has not met yet."


def _paragraphs(*parts: str) -> str:
    return "\n\n".join(part.strip() for part in parts if part and part.strip())


def _titled(title: str, text: str, missing: str = "None recorded.") -> str:
    return f"{title}\n{text.strip() or missing}"


def _list(lines: list[str]) -> str:
    return "\n".join(f"- {line}" for line in lines)


def entry_date(entry) -> str:
    """A chronology entry's start date as precisely as the agency knew it: "May 2016", "About 22 May 2016"."""
    shown = display_date(entry.start_on, entry.start_precision)
    return shown[0].upper() + shown[1:]


def _child_line(child) -> str:
    age = child.age_description()
    if age == "Unborn":
        return f"{child.pseudonym} (unborn)"
    if age == "Not known":
        return f"{child.pseudonym} (age not known)"
    return f"{child.pseudonym} (aged {age})"


def _case_summary(rapid_review, children) -> str:
    incident = rapid_review.incident
    facts = [
        f"Incident reference: {incident.reference}",
        f"Partnership: {rapid_review.partnership.name}",
    ]
    if incident.panel_reference:
        facts.append(f"Panel reference: {incident.panel_reference}")
    about = [
        f"Children: {', '.join(_child_line(child) for child in children) or 'No child named'}",
        f"Nature of the incident: {incident.get_nature_display() or 'Not recorded'}",
        f"Date of the incident: {govuk_date(incident.incident_on)}",
        f"The local authority became aware: {govuk_date(rapid_review.aware_on)}",
        f"The notification was sent to the Panel: {govuk_date(rapid_review.notified_on)}",
    ]
    further = f"Other children: {incident.further_children}" if incident.further_children.strip() else ""
    return _paragraphs("\n".join(facts), "\n".join(about), incident.summary, further)


def _agency_involvement(returns) -> str:
    if not returns:
        return "No agency has been asked for a return."
    parts = []
    for agency_return in returns:
        name = agency_return.agency.name
        if agency_return.status != ReturnStatus.SUBMITTED:
            parts.append(
                f"{name}\nAsked for a return on {govuk_date(agency_return.requested_on)}; "
                "no return has been submitted."
            )
            continue
        involvement = agency_return.summary_of_involvement.strip() or "No summary of involvement given."
        actions = agency_return.actions_taken.strip()
        parts.append(_paragraphs(f"{name}\n{involvement}", actions and f"Actions already taken: {actions}"))
    return _paragraphs(*parts)


def _chronology_line(entry) -> str:
    line = (
        f"{entry_date(entry)}, {entry.agency.name} ({entry.get_event_type_display()}): {entry.facts.strip()}"
    )
    if entry.action_outcome.strip():
        line += f" Action or outcome: {entry.action_outcome.strip()}"
    return line


def _key_practice_episodes(returns, entries) -> str:
    parts = [
        f"{agency_return.agency.name}\n{agency_return.key_practice_episodes.strip()}"
        for agency_return in returns
        if agency_return.status == ReturnStatus.SUBMITTED and agency_return.key_practice_episodes.strip()
    ]
    if entries:
        lines = [_chronology_line(entry) for entry in entries]
        parts.append(f"Key practice episodes in the integrated chronology\n{_list(lines)}")
    return _paragraphs(*parts) or "No key practice episodes have been identified yet."


def _immediate_actions(actions) -> str:
    """The immediate safety actions of the rapid review's action plan, with where each one stands."""
    if not actions:
        return "No immediate actions have been recorded."
    lines = []
    for action in actions:
        line = (
            f"{action.what_will_change.strip()} Owner: {action.owner} ({action.agency.name}). "
            f"Due {govuk_date(action.due_on)}. Status: {action.status_label}."
        )
        if action.completed_on:
            line += f" Done {govuk_date(action.completed_on)}."
        lines.append(line)
    return f"Actions agreed to keep children safe:\n{_list(lines)}"


def _learning(meeting) -> str:
    if meeting is None:
        return NOT_MET
    return _paragraphs(
        _titled("Learning identified", meeting.learning),
        _titled("Impact of racism, disability and other inequalities", meeting.inequalities),
        _titled("Good practice", meeting.good_practice),
    )


def _decision(meeting, decision) -> str:
    if meeting is None or not meeting.recommendation:
        return NOT_MET
    recommended = Recommendation(meeting.recommendation).label
    criteria = [Regulation11Criterion(code).label for code in meeting.criteria]
    parts = [
        f"The review group met on {govuk_date(meeting.met_on)} and recommended: {recommended}.",
        _titled("Regulation 11 criteria the case meets", _list(criteria), "None."),
        _titled("Reasons", meeting.reasons),
    ]
    if decision is None:
        parts.append("The executive has not made its decision yet.")
        return _paragraphs(*parts)
    who = ", ".join(part for part in (decision.decided_by_name, decision.decided_by_role) if part)
    if decision.agrees:
        verdict = "The executive agreed with the review group's recommendation."
    else:
        verdict = (
            "The executive did not agree with the review group's recommendation and decided: "
            f"{Recommendation(decision.decision).label}."
        )
    parts += [
        f"Executive decision\nDecided by {who} on {govuk_date(decision.decided_on)}. {verdict}",
        _titled("Rationale", decision.rationale),
    ]
    return _paragraphs(*parts)


def build_sections(rapid_review) -> dict[str, str]:
    """Every section written from the data as it stands, by key (in the order of `SECTION_TITLES`)."""
    incident = rapid_review.incident
    children = list(incident.children.all())
    returns = list(rapid_review.returns.select_related("agency").order_by("agency__name"))
    entries = list(
        rapid_review.chronology_entries.filter(key_practice_episode=True, merged_into__isnull=True)
        .select_related("agency")
        .order_by("start_on", "start_time", "pk")
    )
    actions = list(
        Action.objects.filter(
            recommendation__plan__rapid_review=rapid_review,
            recommendation__kind=RecommendationKind.SAFETY_ACTION,
        )
        .select_related("agency")
        .order_by("due_on", "pk")
    )
    meeting = ReviewGroupMeeting.objects.filter(rapid_review=rapid_review).first()
    decision = ExecutiveDecision.objects.filter(rapid_review=rapid_review).first()
    sections = {
        "case_summary": _case_summary(rapid_review, children),
        "agency_involvement": _agency_involvement(returns),
        "key_practice_episodes": _key_practice_episodes(returns, entries),
        "immediate_actions": _immediate_actions(actions),
        "learning": _learning(meeting),
        "decision": _decision(meeting, decision),
    }
    return {key: without_child_names(text, children) for key, text in sections.items()}


def without_child_names(text: str, children) -> str:
    """The text with each child's name, and each part of it, replaced by the child's pseudonym."""
    for child in children:
        if not child.name.strip():
            continue
        names = [child.name.strip(), *sorted(child.name.split(), key=len, reverse=True)]
        for name in names:
            if len(name) < 2:
                continue
            text = re.sub(rf"\b{re.escape(name)}\b", child.pseudonym, text, flags=re.IGNORECASE)
    return text


def normalise(text: str) -> str:
    """Text from a browser's text box (CRLF line ends, trailing spaces) as the report stores it."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(lines).strip()


def report_sections(rapid_review, built: dict[str, str] | None = None) -> dict[str, str]:
    """What the report says now: edited sections as edited, the others built from the data."""
    built = built if built is not None else build_sections(rapid_review)
    children = list(rapid_review.incident.children.all())
    edited = rapid_review.report or {}
    return {
        key: without_child_names(edited[key], children) if key in edited else built[key]
        for key in SECTION_TITLES
    }


def document_sections(rapid_review) -> list[dict]:
    """The sections a document or page shows: as sent once sent, else as they stand now.

    Each: key, title, text, edited (changed by hand from what the data gives), blocks (see `blocks`).
    """
    if rapid_review.is_sent:
        texts = {key: rapid_review.sent_report.get(key, "") for key in SECTION_TITLES}
    else:
        texts = report_sections(rapid_review)
    edited = rapid_review.report or {}
    return [
        {
            "key": key,
            "title": title,
            "text": texts[key],
            "edited": key in edited,
            "blocks": blocks(texts[key]),
        }
        for key, title in SECTION_TITLES.items()
    ]


def _is_subheading(line: str) -> bool:
    """A short first line that is not a sentence or a "label: value" line: "Northshire Police", "Reasons"."""
    return (
        len(line) <= 80 and not line.startswith("- ") and not line.endswith((".", ":")) and ": " not in line
    )


def blocks(text: str) -> list[dict]:
    """The text as blocks for a document: `{"heading", "lines", "is_list"}`.

    Paragraphs are split on blank lines; lines starting with "- " make a list; a paragraph's short first
    line ("Northshire Police", "Reasons") is its sub-heading; a sentence leading into a list ("Actions
    agreed to keep children safe:") stays a paragraph of its own.
    """
    found = []
    for paragraph in re.split(r"\n\s*\n", normalise(text)):
        lines = [line for line in paragraph.split("\n") if line.strip()]
        if not lines:
            continue
        heading = lines.pop(0) if len(lines) > 1 and _is_subheading(lines[0]) else ""
        if (
            len(lines) > 1
            and not lines[0].startswith("- ")
            and all(line.startswith("- ") for line in lines[1:])
        ):
            found.append({"heading": heading, "lines": lines[:1], "is_list": False})
            heading, lines = "", lines[1:]
        is_list = all(line.startswith("- ") for line in lines)
        found.append(
            {
                "heading": heading,
                "lines": [line[2:] if is_list else line for line in lines],
                "is_list": is_list,
            }
        )
    return found


def rapid_review_deadline(rapid_review, today=None) -> DeadlineStatus | None:
    """The statutory deadline of the rapid review (15 working days from the notification), as it stands."""
    statuses = incident_deadlines(rapid_review.incident, today=today or timezone.localdate())
    return next((status for status in statuses if status.step.code == "rapid_review"), None)


def sent_timeliness(working_days_late: int) -> tuple[str, str]:
    """ "Sent on time" or "Sent 2 working days late", with the tag colour the clock uses for it."""
    if working_days_late <= 0:
        return "Sent on time", "green"
    return f"Sent {plural_working_days(working_days_late)} late", "orange"
