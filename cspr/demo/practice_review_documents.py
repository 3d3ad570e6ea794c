"""Small Word documents for the demo practice reviews: report drafts, the final report and the executive
summary, written from the review's story so that downloads open and the anonymisation check has real text
to read. A page or two each, to keep `cspr demo` quick."""

import io

from docx import Document
from docx.shared import Pt

from cspr.incidents.documents.docx import page_number

from .practice_review_specs import Story


def report_docx(
    review, story: Story, *, partnership: str, reviewer: str, heading: str, extra: str = ""
) -> bytes:
    """The report as the reviewer would send it: title page lines, the case, findings, recommendations."""
    document = Document()
    document.styles["Normal"].font.size = Pt(11)
    document.add_heading(f"{review.title}: {heading}", level=0)
    document.add_paragraph(f"{partnership}. Independent reviewer: {reviewer}. Reference {review.reference}.")
    document.add_heading("1. The review and how it was done", level=1)
    document.add_paragraph(
        f"This review was commissioned on {review.decided_on:%-d %B %Y}. It looked at the period of agency "
        "involvement set out in the terms of reference and heard from practitioners and the family."
    )
    document.add_heading("2. The child and family", level=1)
    document.add_paragraph(story.case.format(title=review.title))
    if extra:
        document.add_paragraph(extra)
    document.add_heading("3. Findings", level=1)
    for number, finding in enumerate(story.found, 1):
        document.add_paragraph(f"Finding {number}. {finding}")
    document.add_paragraph(story.matters)
    document.add_heading("4. Recommendations", level=1)
    for action in story.to_do:
        document.add_paragraph(action, style="List Number")
    page_number(document.sections[0].footer.paragraphs[0])
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
