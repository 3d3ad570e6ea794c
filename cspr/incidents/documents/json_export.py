"""The notification as JSON, for systems that fill in the national online form or keep their own records.

Schema (`schema_version` 1); dates are ISO 8601 (`2026-11-30`), times ISO 8601 with offset; coded answers
are `{"code": ..., "label": ...}` objects whose codes are those of `cspr.incidents.models.choices`:

    {
      "schema_version": 1,
      "document": "serious_incident_notification",
      "marking": "OFFICIAL-SENSITIVE",
      "generated_at": "2026-11-26T10:00:00+00:00",
      "reference": "2026/001",                 the partnership's reference
      "version": 2,                             versions count up from 1; earlier ones stay unchanged
      "saved_at": "2026-11-26T09:58:12+00:00",
      "change_reason": "",                      why this version replaced one already sent to the Panel
      "submitted_to_panel_on": "2026-11-27",    null until recorded
      "panel_reference": "",
      "late_reason": "",
      "partners_informed_on": null, "ofsted_informed_on": null, "dfe_informed_on": null,
      "notification": {                         the national form's answers as saved
        "schema_version": 1, "partnership": "...", "local_authority": "...", "reference": "2026/001",
        "aware_on": "2026-11-23",
        "incident": {"nature": {code, label}, "incident_on": "...", "place": {code, label},
                     "location": "...", "summary": "..."},
        "children": [{"position": 1, "pseudonym": "Child K", "unborn": false, "age": "6 months",
                      "age_in_years": 0, "sex", "ethnicity", "disability", "looked_after", "placement_type",
                      "child_in_need_plan", "child_protection_plan", "known_to_agencies": {code, label}}],
        "further_children": "...",
        "linked_incidents": [{"reference": "2026/002", "link": "Siblings"}],
        "agencies_involved": ["..."],
        "notifier": {"name", "role", "email", "phone"}
      }
    }

Children appear by pseudonym only: the schema has no field for a name.
"""

from django.utils import timezone

from . import MARKING

SCHEMA_VERSION = 1


def _iso(day) -> str | None:
    return day.isoformat() if day else None


def export_json(notification) -> dict:
    return {
        "schema_version": SCHEMA_VERSION,
        "document": "serious_incident_notification",
        "marking": MARKING,
        "generated_at": timezone.localtime().isoformat(timespec="seconds"),
        "reference": notification.incident.reference,
        "version": notification.version,
        "saved_at": timezone.localtime(notification.saved_at).isoformat(timespec="seconds"),
        "change_reason": notification.change_reason,
        "submitted_to_panel_on": _iso(notification.submitted_on),
        "panel_reference": notification.panel_reference,
        "late_reason": notification.late_reason,
        "partners_informed_on": _iso(notification.partners_informed_on),
        "ofsted_informed_on": _iso(notification.ofsted_informed_on),
        "dfe_informed_on": _iso(notification.dfe_informed_on),
        "notification": notification.content,
    }
