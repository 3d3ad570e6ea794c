"""The briefing as a Word document a partnership can adapt: A4, the partnership and format at the top,
real headings numbered like the PDF, questions as a bulleted list, the date and page number in the footer."""

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt, RGBColor

from cspr.core.templatetags.govuk import govuk_date
from cspr.incidents.documents.docx import page_number

from .content import document_context

BLUE = RGBColor(0x12, 0x43, 0x6D)
GREY = RGBColor(0x50, 0x5A, 0x5F)


def _dated(context: dict) -> str:
    if context["published_on"]:
        return f"Published {govuk_date(context['published_on'])}"
    return f"Draft printed {govuk_date(context['generated_on'])}"


def _page_furniture(section, context: dict) -> None:
    header = section.header.paragraphs[0]
    header.add_run(context["partnership"]).font.color.rgb = GREY
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(f"{context['partnership']} · {context['format_name']} · {_dated(context)} · Page ")
    page_number(footer)


def _section(document, part: dict) -> None:
    heading = document.add_heading(f"{part['number']}. {part['title']}", level=1)
    for run in heading.runs:
        run.font.color.rgb = BLUE
    if part["is_list"]:
        for item in part["items"]:
            document.add_paragraph(item, style="List Bullet")
        if not part["items"]:
            document.add_paragraph("Not written yet.")
        return
    for text in part["paragraphs"]:
        paragraph = document.add_paragraph()
        for index, line in enumerate(text.split("\n")):
            if index:
                paragraph.add_run().add_break()
            paragraph.add_run(line)
    if not part["paragraphs"]:
        document.add_paragraph("Not written yet.")


def render_docx(briefing) -> bytes:
    context = document_context(briefing)
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(18)
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(11)
    document.core_properties.title = f"{context['format_name']}: {context['title']}"
    document.core_properties.author = context["partnership"]
    _page_furniture(section, context)

    label = document.add_paragraph()
    run = label.add_run(context["format_name"] + (" (draft)" if context["is_draft"] else ""))
    run.bold, run.font.size, run.font.color.rgb = True, Pt(16), BLUE
    title = document.add_heading(context["title"], level=0)
    for run in title.runs:
        run.font.color.rgb = BLUE
    about = f"{context['review_kind']}: {context['review_title']}"
    if context["reviewer"]:
        about += f" · Independent reviewer: {context['reviewer']}"
    document.add_paragraph(f"{about} · {_dated(context)}").runs[0].font.color.rgb = GREY
    document.add_paragraph(context["purpose"]).runs[0].italic = True

    for part in context["sections"]:
        _section(document, part)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
