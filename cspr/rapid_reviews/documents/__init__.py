"""The rapid review report as documents for the Panel: DOCX (python-docx) and PDF (WeasyPrint).

Both are made from `report_content.document_sections`: the report as it stands while it is a draft, and
exactly what the Panel received once it has been sent (`RapidReview.sent_report`). They carry the
protective marking OFFICIAL-SENSITIVE and the child's pseudonym, never the name.
"""

from django.utils import timezone

from cspr.core.templatetags.govuk import govuk_date

from ..report_content import document_sections, rapid_review_deadline

MARKING = "OFFICIAL-SENSITIVE"


def filename(rapid_review, extension: str) -> str:
    """rapid-review-2026-004.pdf: the reference's slash would start a folder on most systems."""
    reference = rapid_review.incident.reference.replace("/", "-")
    return f"rapid-review-{reference}.{extension}"


def document_context(rapid_review) -> dict:
    """The report's title, the facts about it (reference, dates, timeliness) and its sections."""
    incident = rapid_review.incident
    deadline = rapid_review_deadline(rapid_review)
    about = [
        ("Incident reference", incident.reference),
        ("Panel reference", incident.panel_reference or "Not given"),
        ("Local authority became aware", govuk_date(rapid_review.aware_on)),
        ("Notification sent to the Panel", govuk_date(rapid_review.notified_on)),
    ]
    if deadline is not None:
        about.append(("Rapid review due", govuk_date(deadline.due_on)))
    about.append(
        (
            "Sent to the Panel",
            govuk_date(rapid_review.sent_on) if rapid_review.is_sent else "Not yet sent: this is a draft",
        )
    )
    if rapid_review.is_sent and rapid_review.late_reason:
        about.append(("Why it was late", rapid_review.late_reason))
    return {
        "marking": MARKING,
        "title": f"Rapid review: incident {incident.reference}",
        "partnership": rapid_review.partnership.name,
        "reference": incident.reference,
        "is_draft": not rapid_review.is_sent,
        "about": about,
        "generated_at": timezone.localtime(),
        "sections": document_sections(rapid_review),
    }
