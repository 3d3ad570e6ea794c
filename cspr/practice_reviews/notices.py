"""The notices of a local review (WT 2023 chapter 5: inform the Panel, Ofsted and DfE that a review is
being done and name the reviewer): the letter's text, and the letter as a Word document on the
partnership's letterhead, ready to sign and send.

The text names the review by its reference and anonymised title, never a child; the business manager may
change it before recording it as sent, and the Word letter prints the text as recorded.
"""

import datetime as dt
import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt, RGBColor

from cspr.core.templatetags.govuk import govuk_date
from cspr.incidents.documents import MARKING
from cspr.incidents.documents.docx import marking, page_number

from .models import NoticeRecipient

SALUTATIONS = {
    NoticeRecipient.PANEL: "Dear Panel secretariat",
    NoticeRecipient.OFSTED: "Dear colleagues at Ofsted",
    NoticeRecipient.DFE: "Dear colleagues at the Department for Education",
}


def notice_subject(practice_review) -> str:
    return f"Local child safeguarding practice review: {practice_review.title} ({practice_review.reference})"


def _origin(practice_review) -> str:
    references = sorted(
        {rapid_review.incident.reference for rapid_review in practice_review.rapid_reviews.all()}
        | {incident.reference for incident in practice_review.incidents.all()}
    )
    if not references:
        return ""
    listed = ", ".join(references)
    noun = "incidents" if len(references) > 1 else "incident"
    return f" It follows the rapid review of the serious {noun} with our reference {listed}."


def notice_text(practice_review, recipient: str, assignment, *, sender) -> str:
    """The letter as the business manager first sees it: who decided what and when, and who the
    independent reviewer is; signed by `sender` on behalf of the safeguarding partners."""
    partnership = practice_review.partnership.name
    reviewer = assignment.published_name
    if assignment.organisation:
        reviewer = f"{reviewer} ({assignment.organisation})"
    methodology = ""
    if practice_review.methodology:
        method = practice_review.methodology_other or practice_review.get_methodology_display()
        methodology = f" The review will use this methodology: {method}."
    publication = (
        f"We plan to publish the report on {govuk_date(practice_review.planned_publication_on)}."
        if practice_review.planned_publication_on
        else "We expect to complete and publish the review within six months of that decision."
    )
    paragraphs = [
        SALUTATIONS[NoticeRecipient(recipient)],
        notice_subject(practice_review),
        f"I am writing on behalf of the safeguarding partners of {partnership} to tell you that we are "
        "carrying out a local child safeguarding practice review, as Working Together to Safeguard "
        "Children 2023 asks us to.",
        "The safeguarding partners decided to initiate the review on "
        f"{govuk_date(practice_review.decided_on)}.{_origin(practice_review)}",
        f"The independent reviewer is {reviewer}, who has declared no involvement with the case or with "
        f"the agencies concerned.{methodology}",
        f"{publication} We will send the final report to the Panel and to the Secretary of State before "
        "it is published.",
        "Yours sincerely,",
        "\n".join(
            line for line in (sender.full_name, sender.job_title, f"On behalf of {partnership}") if line
        ),
    ]
    return "\n\n".join(paragraphs)


def render_notice_docx(practice_review, recipient: str, letter: str, dated: dt.date) -> bytes:
    """The letter on an A4 letterhead: the partnership and its councils at the top, the recipient and the
    date, then the text paragraph by paragraph (its first line break-separated paragraph is the greeting),
    the marking and page number at the foot."""
    partnership = practice_review.partnership
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(22)
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(11)

    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    name = header.add_run(partnership.name)
    name.bold = True
    name.font.size = Pt(14)
    name.font.color.rgb = RGBColor(0x1D, 0x70, 0xB8)
    details = [partnership.council_names(), partnership.email, partnership.website]
    for line in filter(None, details):
        extra = section.header.add_paragraph(line)
        extra.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        extra.runs[0].font.size = Pt(9)

    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(f"Practice review {practice_review.reference}. Page ")
    page_number(footer)
    marking(section.footer.add_paragraph(), MARKING)

    document.add_paragraph(NoticeRecipient(recipient).label)
    document.add_paragraph(govuk_date(dated))
    subject = notice_subject(practice_review)
    for block in (part.strip() for part in letter.replace("\r\n", "\n").split("\n\n")):
        if not block:
            continue
        paragraph = document.add_paragraph()
        lines = block.split("\n")
        for number, line in enumerate(lines):
            run = paragraph.add_run(line)
            run.bold = line == subject
            if number < len(lines) - 1:
                run.add_break()

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def notice_filename(practice_review, recipient: str) -> str:
    """notice-to-panel-PR-2026-01.docx: the reference's slash and space would trouble most systems."""
    reference = practice_review.reference.replace("/", "-").replace(" ", "-")
    return f"notice-to-{recipient}-{reference}.docx"
