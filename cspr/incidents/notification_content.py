"""What a serious incident notification says: the snapshot of the national online form, and what is missing.

`build_content` turns an incident (and the notifier's details) into the dict stored in `Notification.content`
and exported as JSON, so every version reads exactly as it was saved. `problems` lists the mandatory
fields of the national form the incident does not answer yet; nothing is saved while there are any.
`sections` and `changes` present a snapshot (pages, PDF, DOCX all read the same rows), and never look at
the incident again: an earlier version shows what it said then.

The child's name is never read into the snapshot, only the pseudonym.
"""

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse

from .models import Incident, IncidentNature, IncidentPlace, IncidentStatus, PlacementType, YesNoUnknown
from .models.incident import MAX_NAMED_CHILDREN

# Bump when the meaning of a key changes; readers of exported JSON check it (see documents.json_export).
SCHEMA_VERSION = 1

NOTIFIABLE_STATUSES = (IncidentStatus.NOTIFICATION_DUE, IncidentStatus.NOTIFIED)
# Deaths notified to DfE and Ofsted without a Panel notification.
DFE_AND_OFSTED_ONLY = (IncidentStatus.LOOKED_AFTER_DEATH, IncidentStatus.CARE_LEAVER_DEATH)

WHY_NOT_NOTIFIABLE = {
    IncidentStatus.REFERRED: (
        "The referral has not been screened yet. The notification is made once the safeguarding partners "
        "agree this is a serious child safeguarding case."
    ),
    IncidentStatus.NOT_NOTIFIABLE: "The screening decided this case does not meet the test for notification.",
    IncidentStatus.LOOKED_AFTER_DEATH: (
        "This is the death of a looked-after child where abuse or neglect is not known or suspected. The "
        "Secretary of State (DfE) and Ofsted are informed; the Panel does not consider it."
    ),
    IncidentStatus.CARE_LEAVER_DEATH: (
        "This is the death of a care leaver. DfE and Ofsted are informed; no Panel notification, rapid "
        "review or practice review is required."
    ),
}

# The characteristics of each child, in the order of the national form: key, label.
CHILD_FIELDS = (
    ("age", "Age"),
    ("sex", "Sex"),
    ("ethnicity", "Ethnicity"),
    ("disability", "Disability"),
    ("looked_after", "Looked after"),
    ("placement_type", "Placement type"),
    ("child_in_need_plan", "Child in need plan"),
    ("child_protection_plan", "Child protection plan"),
    ("known_to_agencies", "Known to agencies"),
)


def why_not_notifiable(incident: Incident) -> str:
    """Empty when the incident may be notified to the Panel, otherwise the reason it may not."""
    if incident.status in NOTIFIABLE_STATUSES:
        return ""
    return WHY_NOT_NOTIFIABLE.get(incident.status, "This incident is not at the notification stage.")


def _coded(value: str, label: str) -> dict:
    return {"code": value, "label": str(label)}


def _child_content(child) -> dict:
    placement = child.placement_type or ""
    return {
        "position": child.position,
        "pseudonym": child.pseudonym,
        "unborn": child.unborn,
        "age": child.age_description(),
        "age_in_years": child.age_on(child.incident.incident_on),
        "sex": _coded(child.sex, child.get_sex_display()),
        "ethnicity": _coded(child.ethnicity, child.get_ethnicity_display()),
        "disability": _coded(child.disability, child.get_disability_display()),
        "looked_after": _coded(child.looked_after, child.get_looked_after_display()),
        "placement_type": _coded(placement, PlacementType(placement).label),
        "child_in_need_plan": _coded(child.child_in_need_plan, child.get_child_in_need_plan_display()),
        "child_protection_plan": _coded(
            child.child_protection_plan, child.get_child_protection_plan_display()
        ),
        "known_to_agencies": _coded(child.known_to_agencies, child.get_known_to_agencies_display()),
    }


def build_content(incident: Incident, *, notifier: dict, local_authority: str) -> dict:
    """The national form's answers as they stand now. `notifier` has name, role, email and phone."""
    return {
        "schema_version": SCHEMA_VERSION,
        "partnership": incident.partnership.name,
        "local_authority": local_authority,
        "reference": incident.reference,
        "aware_on": incident.aware_on.isoformat(),
        "incident": {
            "nature": _coded(incident.nature, incident.get_nature_display() if incident.nature else ""),
            "incident_on": incident.incident_on.isoformat(),
            "place": _coded(incident.place, incident.get_place_display()),
            "location": incident.location,
            "summary": incident.summary,
        },
        "children": [_child_content(child) for child in incident.children.order_by("position")],
        "further_children": incident.further_children,
        "linked_incidents": [
            {"reference": other.reference, "link": kind} for other, kind in incident.linked_incidents()
        ],
        "agencies_involved": sorted(agency.name for agency in incident.agencies_involved.all()),
        "notifier": {key: notifier.get(key, "") for key in ("name", "role", "email", "phone")},
    }


@dataclass(frozen=True)
class Problem:
    """A mandatory answer the incident lacks, and the page where it is given."""

    message: str
    url: str


def _url(name: str, kwargs: dict, anchor: str) -> str:
    """The edit page's address, at the field to fill in."""
    return f"{reverse(name, kwargs=kwargs)}#{anchor}" if anchor else reverse(name, kwargs=kwargs)


def incident_edit_url(incident: Incident, field: str = "") -> str:
    return _url("incidents:edit", {"pk": incident.pk}, field and f"id_{field}")


def child_edit_url(incident: Incident, child, field: str) -> str:
    return _url("incidents:child-edit", {"pk": incident.pk, "child_pk": child.pk}, f"id_{field}")


def _name_in_pseudonym(child) -> bool:
    """A pseudonym that gives away the child's name defeats it (first or last name as a whole word)."""
    if not child.name.strip():
        return False
    words = {word.lower() for word in child.pseudonym.split()}
    return any(part.lower() in words for part in child.name.split() if len(part) > 1)


def problems(incident: Incident) -> list[Problem]:
    """The national form's mandatory answers missing from this incident, in the form's order."""
    found = []
    if not incident.nature:
        found.append(
            Problem(
                "Select whether the incident is a death, serious harm or other",
                incident_edit_url(incident, "nature"),
            )
        )
    if not incident.location.strip():
        message = (
            "Enter where outside England the incident happened"
            if incident.place == IncidentPlace.OUTSIDE_ENGLAND
            else "Enter where the incident happened"
        )
        found.append(Problem(message, incident_edit_url(incident, "location")))
    if not incident.summary.strip():
        found.append(Problem("Enter a summary of what happened", incident_edit_url(incident, "summary")))
    children = list(incident.children.order_by("position"))
    if len(children) > MAX_NAMED_CHILDREN:
        found.append(
            Problem(
                f"A notification names up to {MAX_NAMED_CHILDREN} children: describe the others under "
                "further children",
                incident_edit_url(incident, "further_children"),
            )
        )
    for number, child in enumerate(children, 1):
        found += _child_problems(incident, child, number)
    if not incident.agencies_involved.exists():
        found.append(Problem("Add the agencies involved", incident_edit_url(incident, "agencies_involved")))
    return found


def _child_problems(incident: Incident, child, number: int) -> list[Problem]:
    who = child.pseudonym.strip() or f"child {number}"
    found = []
    if not child.pseudonym.strip():
        found.append(
            Problem(f"Enter a pseudonym for child {number}", child_edit_url(incident, child, "pseudonym"))
        )
    elif _name_in_pseudonym(child):
        found.append(
            Problem(
                f"The pseudonym of child {number} must not contain the child's name",
                child_edit_url(incident, child, "pseudonym"),
            )
        )
    if not child.unborn and child.date_of_birth is None and child.age_years is None:
        found.append(
            Problem(
                f"Enter the date of birth or age of {who}, or say the child is unborn",
                child_edit_url(incident, child, "date_of_birth"),
            )
        )
    if child.looked_after == YesNoUnknown.YES and not child.placement_type:
        found.append(
            Problem(f"Select the placement type of {who}", child_edit_url(incident, child, "placement_type"))
        )
    return found


# Presenting a snapshot: the same rows for the pages, the documents and the comparison of versions.


def _label(value) -> str:
    if isinstance(value, dict):
        return value.get("label", "")
    return "" if value is None else str(value)


def _date(value: str) -> str:
    if not value:
        return ""
    day = dt.date.fromisoformat(value)
    return f"{day.day} {day:%B} {day.year}"


def sections(content: dict) -> list[dict]:
    """The notification as the national form's sections: {"title", "rows": [{"key", "label", "value"}]}.

    The children's section also has `children` (each with its pseudonym and rows) and `characteristics`
    (the same answers one row per characteristic, for a table with a column per child).
    """
    incident = content.get("incident", {})
    notifier = content.get("notifier", {})
    linked = content.get("linked_incidents", [])

    def row(key, label, value):
        return {"key": key, "label": label, "value": value or "Not given"}

    children = [
        {
            "position": child.get("position"),
            "pseudonym": child.get("pseudonym", ""),
            "rows": [
                row(f"children.{child.get('position')}.{key}", label, _label(child.get(key)))
                for key, label in CHILD_FIELDS
            ],
        }
        for child in content.get("children", [])
    ]
    # The same answers turned round for a table: one row per characteristic, one column per child.
    characteristics = [
        {"label": label, "values": [child["rows"][index]["value"] for child in children]}
        for index, (_key, label) in enumerate(CHILD_FIELDS)
    ]
    return [
        {
            "title": "The local authority and the notifier",
            "rows": [
                row("local_authority", "Local authority", content.get("local_authority")),
                row("aware_on", "Date the local authority became aware", _date(content.get("aware_on", ""))),
                row("notifier.name", "Notifier's name", notifier.get("name")),
                row("notifier.role", "Notifier's role", notifier.get("role")),
                row("notifier.email", "Notifier's email", notifier.get("email")),
                row("notifier.phone", "Notifier's phone", notifier.get("phone")),
            ],
        },
        {
            "title": "The incident",
            "rows": [
                row("incident.nature", "Nature of the incident", _label(incident.get("nature"))),
                row("incident.incident_on", "Date of the incident", _date(incident.get("incident_on", ""))),
                row("incident.place", "Where it happened", _label(incident.get("place"))),
                row("incident.location", "Location", incident.get("location")),
                row("incident.summary", "Summary of what happened", incident.get("summary")),
            ],
        },
        {
            "title": "The children",
            "children": children,
            "characteristics": characteristics if children else [],
            "rows": [row("further_children", "Further children", content.get("further_children"))],
        },
        {
            "title": "Linked incidents and agencies",
            "rows": [
                row(
                    "linked_incidents",
                    "Linked incidents",
                    "; ".join(f"{link['reference']} ({link['link'].lower()})" for link in linked) or "None",
                ),
                row(
                    "agencies_involved",
                    "Agencies involved",
                    "; ".join(content.get("agencies_involved", [])),
                ),
            ],
        },
    ]


def flat_rows(content: dict) -> list[dict]:
    """Every answer of a snapshot as one list of rows, children's rows labelled with the pseudonym."""
    rows = []
    for section in sections(content):
        for child in section.get("children", []):
            rows.append(
                {
                    "key": f"children.{child['position']}.pseudonym",
                    "label": f"Child {child['position']}: pseudonym",
                    "value": child["pseudonym"],
                }
            )
            rows += [
                {**row, "label": f"{child['pseudonym']}: {row['label'].lower()}"} for row in child["rows"]
            ]
        rows += section["rows"]
    return rows


def changes(previous: dict | None, current: dict) -> list[dict]:
    """What differs between two snapshots: [{"label", "before", "after"}] in the form's order."""
    if previous is None:
        return []
    before = {row["key"]: row for row in flat_rows(previous)}
    after = {row["key"]: row for row in flat_rows(current)}
    found = []
    for key, row in after.items():
        old = before.get(key)
        if old is None or old["value"] != row["value"]:
            found.append(
                {"label": row["label"], "before": old["value"] if old else "Not given", "after": row["value"]}
            )
    for key, row in before.items():
        if key not in after:
            found.append({"label": row["label"], "before": row["value"], "after": "Removed"})
    return found


# Who else is told, case by case.

COPY_PARTNERS = "partners_informed_on"
COPY_OFSTED = "ofsted_informed_on"
COPY_DFE = "dfe_informed_on"


@dataclass(frozen=True)
class Copies:
    """The copies of the notification a case involves, those the law requires, and why."""

    shown: tuple[str, ...]
    required: tuple[str, ...]
    explanation: str


def copies_for(incident: Incident) -> Copies:
    if incident.status == IncidentStatus.CARE_LEAVER_DEATH:
        return Copies(
            (COPY_DFE, COPY_OFSTED),
            (COPY_DFE, COPY_OFSTED),
            "The death of a care leaver up to and including age 24 is notified to DfE and Ofsted, not the "
            "Panel.",
        )
    if incident.status == IncidentStatus.LOOKED_AFTER_DEATH:
        return Copies(
            (COPY_DFE, COPY_OFSTED),
            (COPY_DFE, COPY_OFSTED),
            "The death of a looked-after child is notified to the Secretary of State (DfE) and Ofsted "
            "whatever the cause.",
        )
    shown = (COPY_PARTNERS, COPY_OFSTED, COPY_DFE)
    looked_after_death = incident.nature == IncidentNature.DEATH and any(
        child.looked_after == YesNoUnknown.YES for child in incident.children.all()
    )
    if looked_after_death:
        return Copies(
            shown,
            shown,
            "The local authority informs the safeguarding partners within the same 5 working days. A "
            "looked-after child has died, so the Secretary of State (DfE) and Ofsted must be notified too.",
        )
    return Copies(
        shown,
        (COPY_PARTNERS,),
        "The local authority informs the safeguarding partners within the same 5 working days. The Panel "
        "makes notifications available to DfE and Ofsted; record the dates if you also informed them "
        "directly.",
    )


def status_of(versions: list) -> tuple[str, str]:
    """The notification's state as tag text and colour, from its versions newest first."""
    if not versions:
        return "Not started", "grey"
    latest = versions[0]
    if latest.submitted_on:
        return "Submitted", "green"
    if any(version.submitted_on for version in versions[1:]):
        return "Changed after submission", "orange"
    return f"Draft version {latest.version}", "blue"
