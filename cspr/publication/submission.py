"""The submission pack for the national case review repository (NSPCC): one ZIP per published review.

It holds what the repository catalogues (year, area, title, summary, themes, review model, reviewer, link)
as `metadata.json` and as a one-page Word cover sheet, then the published documents and each learning
briefing as PDF. Everything in it is already public: the documents are the anonymised versions that passed
the anonymisation check, and the cover sheet uses only the review's public fields.
"""

import datetime as dt
import io
import json
import zipfile
from pathlib import PurePath

from django.conf import settings
from django.urls import reverse
from docx import Document
from docx.shared import Mm, Pt

from cspr.core.templatetags.govuk import govuk_date
from cspr.incidents.documents.docx import key_value_table


def pack_filename(review) -> str:
    return f"{review.public_slug or 'review'}-submission-pack.zip"


def metadata(review) -> dict:
    """The repository's catalogue record of the review, from its public fields only."""
    lead = review.lead_reviewer()
    methodology = (
        review.methodology_other if review.methodology == "other" else review.get_methodology_display()
    )
    link = review.panel_publication_url or (
        settings.SITE_URL + reverse("public:review", args=[review.partnership.slug, review.public_slug])
    )
    return {
        "year": review.published_on.year,
        "published_on": review.published_on.isoformat(),
        "area": review.partnership.name,
        "local_authorities": [authority.name for authority in review.partnership.local_authorities.all()],
        "title": review.title,
        "review_type": review.get_kind_display(),
        "summary": review.public_summary,
        "themes": sorted(theme.label for theme in review.themes.all()),
        "review_model": methodology or "",
        "reviewer": lead.published_name if lead else "",
        "link": link,
    }


def cover_sheet(data: dict) -> bytes:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(18)
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(11)
    document.add_heading(data["title"], level=1)
    document.add_paragraph(f"Submission to the national case review repository from {data['area']}")
    key_value_table(
        document,
        [
            ("Year", str(data["year"])),
            ("Date published", govuk_date(dt.date.fromisoformat(data["published_on"]))),
            ("Area", ", ".join([data["area"], *data["local_authorities"]])),
            ("Title", data["title"]),
            ("Type of review", data["review_type"]),
            ("Summary", data["summary"] or "None given"),
            ("Themes", "; ".join(data["themes"]) or "None given"),
            ("Review model", data["review_model"] or "Not recorded"),
            ("Reviewer", data["reviewer"] or "Not recorded"),
            ("Link", data["link"]),
        ],
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def submission_pack(review) -> bytes:
    """The ZIP: metadata.json, cover-sheet.docx, the published documents, the briefings as PDF."""
    from cspr.briefings.documents import filename as briefing_filename
    from cspr.briefings.documents import render_pdf

    data = metadata(review)
    files = []
    for document in review.documents.all():
        suffix = PurePath(document.original_name).suffix.lower()
        name = f"{document.kind.replace('_', '-')}{suffix}"
        with document.file.open("rb") as handle:
            files.append((name, handle.read()))
    for briefing in review.briefings.all():
        files.append((briefing_filename(briefing, "pdf"), render_pdf(briefing)))
    data["files"] = [name for name, _ in files]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("metadata.json", json.dumps(data, indent=2, ensure_ascii=False))
        archive.writestr("cover-sheet.docx", cover_sheet(data))
        for name, content in files:
            archive.writestr(name, content)
    return buffer.getvalue()
