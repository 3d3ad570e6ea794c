"""A review published in cspr joins the learning library: its public metadata, the themes people chose for
it (confirmed), the child's age band and the harm from its incidents (never the child's details), and the
text of its published documents and briefings, indexed for search with suggested themes and
recommendations. Called inside the publication's transaction, which audits it."""

import logging

from cspr.briefings.formats import get_format
from cspr.library import vocabulary
from cspr.library.extract import ExtractedText, ExtractionError, extract_bytes
from cspr.library.models import EntrySource, EntryStatus, LibraryEntry, ReviewType, ThemeState
from cspr.practice_reviews.models import LearningReviewMethod, ReviewKind
from cspr.publication.models import DocumentKind

from .importing import index_entry_text

logger = logging.getLogger(__name__)

# The order the texts are indexed in, so passage numbers read like the report.
DOCUMENT_ORDER = [DocumentKind.EXECUTIVE_SUMMARY, DocumentKind.FULL_REPORT, DocumentKind.SLIDES]


def library_review_type(review) -> str:
    """The library's review type for a practice review: its kind, or its learning review method."""
    if review.kind == ReviewKind.LOCAL_CSPR:
        return ReviewType.CSPR
    if review.kind == ReviewKind.NATIONAL_REVIEW:
        return ReviewType.NATIONAL
    return {
        LearningReviewMethod.THEMATIC_LOCAL_REVIEW: ReviewType.THEMATIC,
        LearningReviewMethod.RAPID_REVIEW_LEARNING: ReviewType.RAPID_REVIEW,
    }.get(review.learning_method, ReviewType.OTHER)


def age_band_and_harm(review) -> tuple[str, str]:
    """The band of the children's ages at their incidents (blank when they fall in different bands or are
    not known) and the harm (death if any child died)."""
    bands, natures = set(), set()
    for child in review.linked_children().select_related("incident"):
        age = child.age_on(child.incident.incident_on)
        bands.add(vocabulary.age_band_for(age) if age is not None else None)
        natures.add(child.incident.nature)
    band = bands.pop() if len(bands) == 1 else None
    if vocabulary.DEATH in natures:
        harm = vocabulary.DEATH
    elif vocabulary.SERIOUS_HARM in natures:
        harm = vocabulary.SERIOUS_HARM
    else:
        harm = ""
    return band or "", harm


def add_published_review(review, *, acting_user) -> LibraryEntry:
    """Create or refresh the review's library entry, public at once: publication is the partnership's
    decision, made with its own gates."""
    lead = review.lead_reviewer()
    age_band, harm = age_band_and_harm(review)
    entry, _ = LibraryEntry.objects.update_or_create(
        practice_review=review,
        defaults={
            "partnership_id": review.partnership_id,
            "area": review.partnership.name,
            "title": review.title,
            "year": review.published_on.year,
            "review_type": library_review_type(review),
            "age_band": age_band,
            "harm": harm,
            "summary": review.public_summary,
            "reviewer": lead.published_name if lead else "",
            "published_on": review.published_on,
            "status": EntryStatus.PUBLIC,
            "source": EntrySource.CSPR,
            "created_by": acting_user,
        },
    )
    entry.themes.set(review.themes.all(), through_defaults={"state": ThemeState.CONFIRMED})
    entry.passages.all().delete()
    entry.recommendations.all().delete()
    for extracted in published_texts(review):
        index_entry_text(entry, extracted)
    return entry


def published_texts(review) -> list[ExtractedText]:
    """The text of what the public can read: the documents, then each briefing's sections."""
    texts = []
    documents = {document.kind: document for document in review.documents.all()}
    for kind in DOCUMENT_ORDER:
        if kind in documents:
            texts += _document_text(documents[kind])
    for briefing in review.briefings.all():
        briefing_format = get_format(briefing.format)
        sections = [
            f"{section.title}\n\n{(briefing.sections or {}).get(section.code, '').strip()}"
            for _, section in briefing_format.numbered()
        ]
        texts.append(ExtractedText(pages=["\n\n".join([briefing.title, *sections])], media_type="text/plain"))
    return texts


def _document_text(document) -> list[ExtractedText]:
    """A document that cannot be read is left out of the index (the review is still published)."""
    try:
        with document.file.open("rb") as handle:
            return [extract_bytes(handle.read(), document.file.name)]
    except (ExtractionError, OSError) as error:
        logger.warning("Library: document %s not indexed: %s", document.pk, type(error).__name__)
        return []
