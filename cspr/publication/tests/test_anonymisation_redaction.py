"""Redacted copies: every marked text replaced consistently wherever a reader (or a program reading the
file) could find it, the layout of a Word source kept, and the result checked by reading it back."""

import io
import zipfile

import pytest
from docx import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from pypdf import PdfReader

from cspr.library.extract import ExtractionError, extract_bytes
from cspr.publication.anonymisation.redaction.copies import RedactedCopies, leftovers, redacted_copies
from cspr.publication.anonymisation.redaction.docx import open_document
from cspr.publication.anonymisation.redaction.pdf import document_html
from cspr.publication.anonymisation.redaction.text import redact_text

REPLACEMENTS = {
    "Kayden Smith": "Child K",
    "Kayden": "Child K",
    "Smith": "[redacted]",
    "14 Acacia Road": "[redacted]",
    "LS6 2QT": "[redacted]",
}
IDENTIFIERS = list(REPLACEMENTS)


def saved(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def text_of(data: bytes, name: str) -> str:
    return " ".join(extract_bytes(data, name, everything=True).text.split())


# --- Text ---------------------------------------------------------------------------------------------------


def test_the_same_text_always_gets_the_same_replacement_whatever_its_case_or_spacing():
    text = "Kayden Smith was seen. KAYDEN  SMITH was not.\nkayden\nsmith cried."

    assert (
        redact_text(text, {"Kayden Smith": "Child K"}) == "Child K was seen. Child K was not.\nChild K cried."
    )


def test_the_longest_text_is_replaced_first():
    text = "Kayden Smith and Mr Smith; Kayden alone."

    assert redact_text(text, REPLACEMENTS) == "Child K and Mr [redacted]; Child K alone."


def test_a_name_inside_another_word_is_left_alone_unless_asked_for():
    text = "Kay's sister Kayleigh met Kay and Kayak."

    assert redact_text(text, {"Kay": "Child K"}) == "Child K's sister Kayleigh met Child K and Kayak."
    assert redact_text(text, {"Kay": "Child K", "Kayleigh": "Sibling 1"}) == (
        "Child K's sister Sibling 1 met Child K and Kayak."
    )


def test_texts_with_punctuation_and_repeated_names_are_replaced_every_time():
    text = "Messages from @kayden_x and kay.smith@example.com; Kay Kay."
    replacements = {"@kayden_x": "[redacted]", "kay.smith@example.com": "[redacted]", "Kay": "Child K"}

    assert redact_text(text, replacements) == "Messages from [redacted] and [redacted]; Child K Child K."


def test_text_without_anything_to_replace_is_unchanged():
    assert redact_text("Child K lived with his mother.", REPLACEMENTS) == "Child K lived with his mother."
    assert redact_text("Kayden Smith", {}) == "Kayden Smith"


# --- Word sources -------------------------------------------------------------------------------------------


def report_docx() -> bytes:
    document = Document()
    properties = document.core_properties
    properties.author = "Kayden Smith's social worker"
    properties.last_modified_by = "Jo Bloggs"
    properties.title = "Review of Kayden Smith"
    properties.subject = "Kayden Smith"
    properties.keywords = "Smith"
    properties.comments = "Draft for Jo"
    document.add_heading("Safeguarding practice review", 1)
    split = document.add_paragraph()
    split.add_run("Kay").bold = True
    split.add_run("den Smith lived at 14 Acacia Road, ")
    split.add_run("LS6 2QT", style="Strong")
    split.add_run(" with his mother.")
    document.add_paragraph("Kayden attended nursery.", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    table.style = "Table Grid"
    table.cell(0, 0).text = "Name"
    table.cell(0, 1).text = "Address"
    table.cell(1, 0).text = "Kayden Smith"
    inner = table.cell(1, 1).add_table(rows=1, cols=1)
    inner.cell(0, 0).text = "14 Acacia Road"
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.header.paragraphs[0].text = "Review of Kayden Smith"
    section.first_page_header.paragraphs[0].text = "KAYDEN SMITH: first page"
    section.footer.paragraphs[0].text = "Smith family - confidential"
    document.add_page_break()
    document.add_heading("Findings", 2)
    document.add_paragraph("Agencies did not see Kayden at home.")
    return saved(document)


def test_a_word_report_is_redacted_everywhere_a_name_can_be():
    copies = redacted_copies(report_docx(), "report.docx", REPLACEMENTS, title="Child K: final report")

    assert leftovers(copies, IDENTIFIERS) == []
    document = open_document(copies.docx)
    body = [paragraph.text for paragraph in document.paragraphs]
    assert "Child K lived at [redacted], [redacted] with his mother." in body
    table = document.tables[0]
    assert table.cell(1, 0).text == "Child K"
    assert table.cell(1, 1).tables[0].cell(0, 0).text == "[redacted]"
    section = document.sections[0]
    assert section.header.paragraphs[0].text == "Review of Child K"
    assert section.first_page_header.paragraphs[0].text == "Child K: first page"
    assert section.footer.paragraphs[0].text == "[redacted] family - confidential"


def test_a_name_split_over_runs_takes_the_first_runs_formatting_and_the_layout_is_kept():
    source = Document(io.BytesIO(report_docx()))
    copies = redacted_copies(report_docx(), "report.docx", REPLACEMENTS, title="Child K: final report")
    document = open_document(copies.docx)

    assert len(document.paragraphs) == len(source.paragraphs)
    assert [paragraph.style.name for paragraph in document.paragraphs] == [
        paragraph.style.name for paragraph in source.paragraphs
    ]
    runs = document.paragraphs[1].runs
    assert runs[0].text == "Child K" and runs[0].bold
    assert runs[1].text == " lived at [redacted], " and not runs[1].bold
    assert runs[2].text == "[redacted]" and runs[2].style.name == "Strong"


def test_the_properties_that_name_people_are_cleared():
    copies = redacted_copies(report_docx(), "report.docx", REPLACEMENTS, title="Child K: final report")
    properties = open_document(copies.docx).core_properties

    assert properties.author == ""
    assert properties.last_modified_by == ""
    assert properties.subject == properties.keywords == properties.comments == ""
    assert properties.title == "Child K: final report"
    assert leftovers(copies, ["Jo Bloggs", "Draft for Jo"]) == []


def test_comments_and_the_parts_naming_their_authors_are_removed():
    document = Document(io.BytesIO(report_docx()))
    paragraph = document.paragraphs[1]
    document.add_comment(paragraph.runs, text="Check Kayden's address", author="Jo Bloggs", initials="JB")
    copies = redacted_copies(saved(document), "report.docx", REPLACEMENTS, title="Child K")

    with zipfile.ZipFile(io.BytesIO(copies.docx)) as package:
        names = package.namelist()
        body = package.read("word/document.xml").decode()
    assert not [name for name in names if "comments" in name]
    assert "commentReference" not in body and "commentRangeStart" not in body
    assert "docProps/app.xml" not in names


W = nsdecls("w")
VML = 'xmlns:v="urn:schemas-microsoft-com:vml"'
DELETED = f'<w:del {W} w:id="1" w:author="Jo Bloggs"><w:r><w:delText>Kayden Smith</w:delText></w:r></w:del>'
INSERTED = f'<w:ins {W} w:id="2" w:author="Jo Bloggs"><w:r><w:t>Kayden</w:t></w:r></w:ins>'
TEXT_BOX = (
    f"<w:r {W} {VML}><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>Note: 14 Acacia Road</w:t>"
    "</w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
)
LINK = '<w:hyperlink {} r:id="{}"><w:r><w:t>kayden.smith@example.com</w:t></w:r></w:hyperlink>'
FOOTNOTES = (
    f'<w:footnotes {W}><w:footnote w:id="1"><w:p><w:r><w:t>Told by Kayden Smith.</w:t></w:r></w:p>'
    "</w:footnote></w:footnotes>"
)


def test_tracked_deletions_text_boxes_links_and_footnotes_are_redacted_too():
    document = Document()
    paragraph = document.add_paragraph("Seen by ")
    paragraph._p.append(parse_xml(DELETED))
    paragraph._p.append(parse_xml(INSERTED))
    document.add_paragraph()._p.append(parse_xml(TEXT_BOX))
    rel_id = document.part.relate_to("mailto:kayden.smith@example.com", RT.HYPERLINK, is_external=True)
    document.add_paragraph("Email ")._p.append(parse_xml(LINK.format(nsdecls("w", "r"), rel_id)))
    package = document.part.package
    footnotes = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, FOOTNOTES.encode(), package)
    document.part.relate_to(footnotes, RT.FOOTNOTES)
    replacements = {**REPLACEMENTS, "kayden.smith@example.com": "[redacted]"}

    copies = redacted_copies(saved(document), "report.docx", replacements, title="Child K")

    with zipfile.ZipFile(io.BytesIO(copies.docx)) as package:
        xml = " ".join(package.read(name).decode() for name in package.namelist() if name.endswith(".xml"))
        xml += " ".join(package.read(name).decode() for name in package.namelist() if name.endswith(".rels"))
    assert "Kayden" not in xml and "kayden" not in xml and "Acacia" not in xml
    assert "Jo Bloggs" not in xml
    assert "Told by Child K." in xml
    paragraphs = [paragraph.text for paragraph in open_document(copies.docx).paragraphs]
    assert paragraphs[0] == "Seen by Child K"
    assert paragraphs[2] == "Email [redacted]"
    assert "Note: [redacted]" in text_of(copies.pdf, "copy.pdf")


def test_the_pdf_of_a_word_report_keeps_its_headings_lists_tables_bold_and_page_breaks():
    copies = redacted_copies(report_docx(), "report.docx", REPLACEMENTS, title="Child K: final report")
    page = document_html(open_document(copies.docx), title="Child K: final report")

    assert "<h1>Safeguarding practice review</h1>" in page
    assert "<strong>Child K</strong>" in page
    assert '<ul><li class="level-0">Child K attended nursery.</li></ul>' in page
    assert "<table>" in page and page.count("<table>") == 2  # the nested table too
    assert "<h2>Findings</h2>" in page
    assert "<title>Child K: final report</title>" in page
    reader = PdfReader(io.BytesIO(copies.pdf))
    assert len(reader.pages) == 2
    first = reader.pages[0].extract_text()
    assert "Redacted copy prepared for publication" in first and "Page 1 of 2" in first
    assert "Agencies did not see Child K at home." in reader.pages[1].extract_text()


def test_an_unreadable_word_file_is_reported_in_a_sentence():
    with pytest.raises(ExtractionError, match="not a readable Word document"):
        redacted_copies(b"not a zip", "report.docx", REPLACEMENTS, title="Child K")


# --- Other sources ------------------------------------------------------------------------------------------


def report_pdf() -> bytes:
    from weasyprint import HTML

    pages = [
        "<h1>Background</h1><p>Kayden Smith lived at 14 Acacia Road, LS6 2QT, with his mother.</p>",
        "<h2>What happened</h2><p>Agencies did not see Kayden at home during the winter.</p>"
        "<ul><li>Kayden was 3 months old.</li></ul>",
        "<h2>Findings</h2><p>Mr Smith was not asked about the household.</p>",
    ]
    breaks = '<div style="break-after: page"></div>'
    return HTML(string=breaks.join(pages)).write_pdf()


def test_a_pdf_report_is_rebuilt_redacted_with_its_pages():
    copies = redacted_copies(report_pdf(), "report.pdf", REPLACEMENTS, title="Child K: final report")

    assert leftovers(copies, IDENTIFIERS) == []
    assert len(PdfReader(io.BytesIO(copies.pdf)).pages) == 3
    assert len(extract_bytes(copies.docx, "copy.docx").pages) == 3
    document = open_document(copies.docx)
    styles = {paragraph.text: paragraph.style.name for paragraph in document.paragraphs if paragraph.text}
    assert styles["Child K: final report"] == "Title"
    assert styles["Background"] == "Heading 1"
    assert styles["Child K lived at [redacted], [redacted], with his mother."] == "Normal"
    assert styles["Child K was 3 months old."] == "Normal"
    assert "•" not in styles  # a list marker the PDF reader put apart from its item is not a paragraph
    assert document.core_properties.author == ""
    assert "Mr [redacted] was not asked" in text_of(copies.pdf, "copy.pdf")


def test_a_text_report_keeps_its_pages_and_lists():
    source = (
        "Background\n\nKayden Smith lived at 14 Acacia Road.\n\n• Kayden was 3.\n• His mother was 19.\n"
        "\fFindings\n\nAgencies did not see Kayden.\n"
    ).encode()

    copies = redacted_copies(source, "report.txt", REPLACEMENTS, title="Review of Kayden Smith")

    assert leftovers(copies, IDENTIFIERS) == []
    document = open_document(copies.docx)
    assert document.paragraphs[0].text == "Review of Child K"
    bullets = [paragraph.text for paragraph in document.paragraphs if paragraph.style.name == "List Bullet"]
    assert bullets == ["Child K was 3.", "His mother was 19."]
    assert len(PdfReader(io.BytesIO(copies.pdf)).pages) == 2


def test_a_web_page_keeps_its_tables():
    source = (
        b"<html><body><main><h1>Chronology</h1><table><tr><th>Date</th><th>Event</th></tr>"
        b"<tr><td>3 May</td><td>Kayden Smith seen at 14 Acacia Road</td></tr></table></main></body></html>"
    )

    copies = redacted_copies(source, "report.html", REPLACEMENTS, title="Child K")

    assert leftovers(copies, IDENTIFIERS) == []
    table = open_document(copies.docx).tables[0]
    assert [cell.text for cell in table.rows[1].cells] == ["3 May", "Child K seen at [redacted]"]


# --- Checking the result ------------------------------------------------------------------------------------


def test_leftovers_finds_what_was_not_redacted_in_either_copy():
    partial = {"Kayden Smith": "Child K", "Kayden": "Child K"}
    copies = redacted_copies(report_docx(), "report.docx", partial, title="Child K")

    assert leftovers(copies, IDENTIFIERS) == ["Smith", "14 Acacia Road", "LS6 2QT"]
    assert leftovers(copies, ["acacia   ROAD", "Kay"]) == ["acacia   ROAD"]  # case, spacing, whole words


def test_leftovers_reads_the_pdf_as_well_as_the_word_copy():
    good = redacted_copies(report_docx(), "report.docx", REPLACEMENTS, title="Child K")
    tampered = RedactedCopies(docx=good.docx, pdf=report_pdf())

    assert leftovers(tampered, ["Kayden Smith", "LS6 2QT"]) == ["Kayden Smith", "LS6 2QT"]
