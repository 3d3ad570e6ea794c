"""The notification as documents to copy into the national online form: print page, PDF, DOCX and JSON.

Every document is made from one saved version's snapshot (`Notification.content`), never from the incident,
so a document of version 1 reads the same after the incident has changed. They carry the protective marking
OFFICIAL-SENSITIVE and the child's pseudonym, never the name (the snapshot does not hold it).
"""

from django.utils import timezone

from ..notification_content import sections

MARKING = "OFFICIAL-SENSITIVE"
TITLE = "Serious incident notification"


def filename(notification, extension: str) -> str:
    """notification-2026-001-v2.pdf: the reference's slash would start a folder on most systems."""
    reference = notification.incident.reference.replace("/", "-")
    return f"notification-{reference}-v{notification.version}.{extension}"


def document_context(notification) -> dict:
    """What every document shows besides the form's sections: who, which version, when."""
    content = notification.content
    return {
        "marking": MARKING,
        "title": TITLE,
        "partnership": content.get("partnership") or notification.partnership.name,
        "reference": notification.incident.reference,
        "version": notification.version,
        "saved_at": notification.saved_at,
        "submitted_on": notification.submitted_on,
        "panel_reference": notification.panel_reference,
        "late_reason": notification.late_reason,
        "change_reason": notification.change_reason,
        "generated_at": timezone.localtime(),
        "sections": sections(content),
    }
