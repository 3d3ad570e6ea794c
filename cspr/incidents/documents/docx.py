"""The notification as a Word document: real headings and tables, A4, marked top and bottom."""

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from cspr.core.templatetags.govuk import govuk_date

from . import document_context


def page_number(paragraph) -> None:
    """A PAGE field, which Word fills in with the page's number."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def marking(paragraph, text: str) -> None:
    """The security marking, centred and bold, for headers and footers."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold = True


def key_value_table(document, rows: list[tuple[str, str]]) -> None:
    """A two-column table of labels in bold and their values."""
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(label).bold = True
        cells[1].text = value
        cells[0].width, cells[1].width = Mm(60), Mm(114)


def _children_table(document, part: dict) -> None:
    """One column per child, headed by the pseudonym; one row per characteristic."""
    table = document.add_table(rows=1, cols=len(part["children"]) + 1)
    table.style = "Table Grid"
    header = table.rows[0].cells
    header[0].paragraphs[0].add_run("Characteristic").bold = True
    for cell, child in zip(header[1:], part["children"], strict=True):
        cell.paragraphs[0].add_run(child["pseudonym"]).bold = True
    for characteristic in part["characteristics"]:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(characteristic["label"]).bold = True
        for cell, value in zip(cells[1:], characteristic["values"], strict=True):
            cell.text = value


def render_docx(notification) -> bytes:
    context = document_context(notification)
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
        f"Reference {context['reference']}, version {context['version']}, "
        f"generated {govuk_date(context['generated_at'])}. Page "
    )
    page_number(footer)
    marking(section.footer.add_paragraph(), context["marking"])

    document.add_heading(context["title"], level=0)
    document.add_paragraph(
        f"{context['partnership']}. Ready to enter into the national online form of the "
        "Child Safeguarding Practice Review Panel."
    )
    about = [
        ("Reference", context["reference"]),
        ("Version", str(context["version"])),
        ("Saved", govuk_date(context["saved_at"])),
        ("Submitted to the Panel", govuk_date(context["submitted_on"]) or "Not yet submitted"),
    ]
    if context["panel_reference"]:
        about.append(("Panel's reference", context["panel_reference"]))
    if context["late_reason"]:
        about.append(("Why it was late", context["late_reason"]))
    if context["change_reason"]:
        about.append(("Why this version was made", context["change_reason"]))
    document.add_heading("About this version", level=1)
    key_value_table(document, about)

    for part in context["sections"]:
        document.add_heading(part["title"], level=1)
        if "children" in part:
            if part["children"]:
                _children_table(document, part)
            else:
                document.add_paragraph("No child is named in this notification.")
            document.add_paragraph()
        key_value_table(document, [(row["label"], row["value"]) for row in part["rows"]])

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
