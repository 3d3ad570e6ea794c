"""What a briefing's page and documents show, worked out once (see the package's docstring)."""

from django.utils import timezone
from django.utils.text import slugify

from ..formats import filled_sections, get_format


def filename(briefing, extension: str) -> str:
    """bella-and-ben-7-minute-briefing.pdf: from the published name, never the case reference."""
    name = slugify(briefing.practice_review.title) or "briefing"
    return f"{name}-{slugify(get_format(briefing.format).name)}.{extension}"


def document_context(briefing) -> dict:
    """Everything the HTML, DOCX and PDF of a briefing show, in the order they show it."""
    review = briefing.practice_review
    briefing_format = get_format(briefing.format)
    lead = review.lead_reviewer()
    return {
        "partnership": review.partnership.name,
        "format_name": briefing_format.name,
        "purpose": briefing_format.purpose,
        "title": briefing.title,
        "review_title": review.title,
        "review_kind": review.get_kind_display(),
        "reviewer": lead.published_name if lead else "",
        "published_on": review.published_on if review.is_published else None,
        "is_draft": not review.is_published,
        "generated_on": timezone.localdate(),
        "sections": filled_sections(briefing_format, briefing.sections),
    }
