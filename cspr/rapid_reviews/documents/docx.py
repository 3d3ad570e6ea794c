"""The rapid review report as a Word document: A4, marked top and bottom, numbered pages, real headings.

The page furniture (marking, page number field, two-column table) is the notification document's, so the
two documents a partnership sends the Panel look alike.
"""

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from cspr.core.templatetags.govuk import govuk_date
from cspr.incidents.documents.docx import key_value_table, marking, page_number

from . import document_context


def _blocks(document, blocks: list[dict]) -> None:
    """Sub-headings become Word headings; paragraphs keep their line breaks; lists are bulleted."""
    for block in blocks:
        if block["heading"]:
            document.add_heading(block["heading"], level=2)
        if block["is_list"]:
            for line in block["lines"]:
                document.add_paragraph(line, style="List Bullet")
            continue
        paragraph = document.add_paragraph()
        for number, line in enumerate(block["lines"]):
            run = paragraph.add_run(line)
            if number < len(block["lines"]) - 1:
                run.add_break()


def render_docx(rapid_review) -> bytes:
    context = document_context(rapid_review)
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(18)
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(11)

    marking(section.header.paragraphs[0], context["marking"])
    section.header.add_paragraph(context["partnership"]).alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(
        f"Rapid review of incident {context['reference']}, generated {govuk_date(context['generated_at'])}. "
        "Page "
    )
    page_number(footer)
    marking(section.footer.add_paragraph(), context["marking"])

    document.add_heading(context["title"], level=0)
    document.add_paragraph(f"{context['partnership']}. For the Child Safeguarding Practice Review Panel.")
    key_value_table(document, context["about"])
    for part in context["sections"]:
        document.add_heading(part["title"], level=1)
        _blocks(document, part["blocks"])

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
