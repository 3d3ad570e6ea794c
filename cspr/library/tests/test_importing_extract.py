"""Reading the text out of imported reports: every format comes out as pages of paragraphs, headings on
their own, and a file that cannot be read says why in a sentence for the person importing it."""

import io
from pathlib import Path

import docx
import pypdf
import pytest
import weasyprint

from cspr.library.extract import ExtractionError, extract_bytes, extract_file

SAMPLES = Path(__file__).parent / "data" / "library_import"

BRIEFING_HTML = """
<h1>Learning from Child P</h1>
<p>Published March 2021.</p>
<h2>Background</h2>
<p>Child P lived with her mother and her mother's new partner in a small flat on the edge of town. The health
visitor did not see the baby alone at any of the four visits, and nobody asked who else lived there.</p>
<p>Concerns about neglect were raised by the nursery and were not shared with children's social care.</p>
<h2>Recommendations</h2>
<p>1. The partnership should ensure that health visitors see the baby at every visit.</p>
<p style="page-break-before: always">Appendix: the terms of reference of the review.</p>
"""


def pdf_bytes(html: str = BRIEFING_HTML) -> bytes:
    return weasyprint.HTML(string=html).write_pdf()


def encrypted_pdf(user_password: str) -> bytes:
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(pdf_bytes()))
    writer.encrypt(user_password, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_bytes(paragraphs=("Para one.",), *, title="Learning from Child D", table=(), page_two=()) -> bytes:
    document = docx.Document()
    document.add_heading(title, 1)
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, cells in zip(grid.rows, table, strict=True):
            for cell, text in zip(row.cells, cells, strict=True):
                cell.text = text
    for text in page_two:
        document.add_page_break()
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_pdf_is_read_page_by_page_with_headings_as_their_own_paragraphs():
    extracted = extract_bytes(pdf_bytes(), "child-p.pdf")

    assert extracted.media_type == "application/pdf"
    assert extracted.page_count == 2
    paragraphs = extracted.paragraphs()
    assert (1, "Learning from Child P") in paragraphs
    assert (1, "Background") in paragraphs
    assert (1, "Recommendations") in paragraphs
    # Lines wrapped by the page width are joined back into one paragraph.
    assert any(
        page == 1 and text.startswith("Child P lived with her mother") and text.endswith("lived there.")
        for page, text in paragraphs
    )
    assert (
        1,
        "1. The partnership should ensure that health visitors see the baby at every visit.",
    ) in paragraphs
    assert paragraphs[-1] == (2, "Appendix: the terms of reference of the review.")


def test_pdf_page_numbers_and_running_headers_are_left_out():
    pages = "".join(
        f'<p style="page-break-before: always">Child P review: version 2</p>'
        f"<p>The text of page {number} about the family's contact with agencies.</p><p>{number}</p>"
        for number in range(1, 5)
    )
    extracted = extract_bytes(pdf_bytes(pages), "p.pdf")

    texts = [text for _, text in extracted.paragraphs()]
    assert "Child P review: version 2" not in texts
    assert not any(text.isdigit() for text in texts)
    assert "The text of page 3 about the family's contact with agencies." in texts


def test_pdf_with_a_password_is_reported_as_encrypted():
    with pytest.raises(ExtractionError, match="The PDF is encrypted: it needs a password to open"):
        extract_bytes(encrypted_pdf("secret"), "locked.pdf")


def test_pdf_protected_only_against_copying_is_read():
    """Many published reports are encrypted with an empty password to open them."""
    extracted = extract_bytes(encrypted_pdf(""), "protected.pdf")

    assert (1, "Background") in extracted.paragraphs()


def test_damaged_pdf_is_not_readable():
    damaged = pdf_bytes()[:400]
    with pytest.raises(ExtractionError, match="The file is not a readable PDF"):
        extract_bytes(damaged, "damaged.pdf")


def test_pdf_without_text_is_reported_as_probably_scanned():
    blank = weasyprint.HTML(string="<div></div>").write_pdf()
    with pytest.raises(ExtractionError, match="no text in it: it may be scanned pages"):
        extract_bytes(blank, "scan.pdf")


def test_docx_reads_headings_paragraphs_table_rows_and_page_breaks():
    data = docx_bytes(
        ["The review was commissioned in May 2022."],
        table=[("Date", "Event"), ("1 May 2022", "Home visit: the baby was not seen")],
        page_two=["Recommendations"],
    )
    extracted = extract_bytes(data, "child-d.docx")

    assert extracted.page_count == 2
    assert extracted.paragraphs() == [
        (1, "Learning from Child D"),
        (1, "The review was commissioned in May 2022."),
        (1, "Date | Event"),
        (1, "1 May 2022 | Home visit: the baby was not seen"),
        (2, "Recommendations"),
    ]


def test_damaged_docx_is_not_readable():
    with pytest.raises(ExtractionError, match="The file is not a readable Word document"):
        extract_bytes(b"PK\x03\x04 not really a zip", "broken.docx")


def test_html_drops_scripts_styles_and_navigation_and_keeps_list_numbers():
    extracted = extract_file(SAMPLES / "safer-sleep.html")

    text = extracted.text
    for noise in ("tracking", "color: red", "All reviews", "Contact us", "Cookie settings", "Eastshire"):
        assert noise not in text
    paragraphs = [paragraph for _, paragraph in extracted.paragraphs()]
    assert paragraphs[:2] == [
        "Safer sleep: a thematic review",
        "Published in 2023. This thematic review looks at four babies who died while co-sleeping.",
    ]
    # A line break inside a paragraph separates two passages.
    assert "Parents co-slept on the sofa after drinking alcohol." in paragraphs
    assert "Agency | Contacts" in paragraphs
    assert "1. The partnership should ensure that safer sleep advice is given at every contact." in paragraphs
    assert "2. Midwives should ask where the baby will sleep." in paragraphs


def test_markdown_is_read_without_markup_front_matter_or_link_addresses():
    extracted = extract_file(SAMPLES / "safer-sleep.md")

    assert extracted.media_type == "text/markdown"
    assert extracted.page_count == 2
    text = extracted.text
    for markup in ("**", "_thematic", "](", "https://", "partnership: Eastshire", "#"):
        assert markup not in text
    assert extracted.paragraphs()[:2] == [
        (1, "Safer sleep: a thematic review"),
        (1, "Published in 2023. This thematic review looks at four babies who died while co-sleeping."),
    ]
    assert (1, "2. Midwives should ask where the baby will sleep.") in extracted.paragraphs()
    assert (2, "Appendix") in extracted.paragraphs()


def test_plain_text_joins_wrapped_lines_and_splits_pages_at_form_feeds():
    text = (
        "Learning from Child R\n\nBackground\nThe family moved three times in a year and the\n"
        "school did not know where they lived.\nRecommendations\n1. The partnership should\n"
        "ensure that schools are told.\n2. Housing should share new addresses.\f\nAppendix\f"
    )
    extracted = extract_bytes(text.encode(), "child-r.txt")

    assert extracted.page_count == 2  # the form feed at the very end starts no page
    assert extracted.paragraphs() == [
        (1, "Learning from Child R"),
        (1, "Background"),
        (1, "The family moved three times in a year and the school did not know where they lived."),
        (1, "Recommendations"),
        (1, "1. The partnership should ensure that schools are told."),
        (1, "2. Housing should share new addresses."),
        (2, "Appendix"),
    ]


def test_text_in_windows_encoding_and_with_ligatures_is_read():
    extracted = extract_bytes("The review’s signiﬁcant ﬁndings".encode("cp1252", errors="ignore"), "a.txt")
    assert "review’s" in extracted.text
    assert extract_bytes("signiﬁcant".encode(), "b.txt").text == "significant"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("old.doc", b"x", "Old Word (.doc) files cannot be read: save it as .docx or PDF"),
        ("photo.jpg", b"x", "The file is not a PDF, Word (.docx), HTML, text or Markdown file"),
        ("empty.txt", b"", "The file is empty"),
        ("blank.txt", b"  \n\n \f ", "The file has no text in it"),
    ],
)
def test_files_that_cannot_be_read_say_why(name, data, message):
    with pytest.raises(
        ExtractionError, match=message.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.")
    ):
        extract_bytes(data, name)


def test_missing_file_is_an_extraction_error(tmp_path):
    with pytest.raises(ExtractionError, match="could not be opened"):
        extract_file(tmp_path / "gone.pdf")
