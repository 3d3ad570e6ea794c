"""The briefing's Word and PDF documents: every section's heading and text, the partnership and the
format, a draft marked as such, and never the child's real name (the incident's child is Kai Testchild)."""

import datetime as dt
import io
import subprocess

import docx
import pypdf
import pytest

from cspr.briefings.documents import render_docx, render_pdf
from cspr.briefings.formats import FORMATS, SEVEN_MINUTE, SIX_STEP, lines
from cspr.practice_reviews.tests.records import appoint_reviewer, make_practice_review

from .records import TEXTS, make_briefing

CHILD_NAME_PARTS = ["Kai", "Testchild"]


@pytest.fixture
def review(partnership, incident, independent_reviewer):
    review = make_practice_review(partnership, title="Child K", published_on=dt.date(2027, 3, 9))
    review.incidents.add(incident)
    appoint_reviewer(review, independent_reviewer)
    return review


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    parts = [paragraph.text for paragraph in document.paragraphs]
    section = document.sections[0]
    parts += [paragraph.text for paragraph in section.header.paragraphs + section.footer.paragraphs]
    return "\n".join(parts)


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)


def squashed(text: str) -> str:
    """PDF text extraction breaks lines where the box wraps them: compare without any white space."""
    return "".join(text.split())


def expected_texts(briefing_format: str) -> list[str]:
    """Every heading and every sentence or question the briefing holds, as the documents print them."""
    expected = []
    for section in FORMATS[briefing_format].sections:
        expected.append(section.title)
        text = TEXTS[briefing_format][section.code]
        expected += lines(text) if section.is_list else [line for line in text.splitlines() if line]
    return expected


@pytest.mark.parametrize("briefing_format", [SEVEN_MINUTE, SIX_STEP])
def test_the_word_document_has_every_section_heading_and_text(review, briefing_format):
    text = docx_text(render_docx(make_briefing(review, briefing_format)))
    for number, section in FORMATS[briefing_format].numbered():
        assert f"{number}. {section.title}" in text
    for expected in expected_texts(briefing_format):
        assert expected in text
    assert "Northshire" in text
    assert FORMATS[briefing_format].name in text
    assert "Published 9 March 2027" in text
    assert "Independent reviewer: " in text


@pytest.mark.parametrize("briefing_format", [SEVEN_MINUTE, SIX_STEP])
def test_the_pdf_has_every_section_heading_and_text(review, briefing_format):
    content = render_pdf(make_briefing(review, briefing_format))
    text = squashed(pdf_text(content))
    for expected in expected_texts(briefing_format):
        assert squashed(expected) in text
    assert squashed(FORMATS[briefing_format].name) in text
    assert squashed("Published 9 March 2027") in text
    pages = pypdf.PdfReader(io.BytesIO(content)).pages
    assert f"Page1of{len(pages)}" in text and f"Page{len(pages)}of{len(pages)}" in text
    assert pages[0].mediabox.width == pytest.approx(595.28, abs=1)


def test_neither_document_contains_the_childs_real_name(review):
    briefing = make_briefing(review)
    for text in (docx_text(render_docx(briefing)), pdf_text(render_pdf(briefing))):
        assert "Child K" in text
        for part in CHILD_NAME_PARTS:
            assert part not in text


def test_a_briefing_of_an_unpublished_review_is_marked_draft(partnership):
    review = make_practice_review(partnership, title="Baby Rowan")
    briefing = make_briefing(review, SIX_STEP)
    assert "6-step briefing (draft)" in docx_text(render_docx(briefing))
    assert "Draft" in pdf_text(render_pdf(briefing))
    assert "Published" not in pdf_text(render_pdf(briefing))


def test_empty_sections_say_so_rather_than_vanish(review):
    briefing = make_briefing(review, sections={"background": "Why we did it."})
    text = docx_text(render_docx(briefing))
    assert "2. The case" in text
    assert text.count("Not written yet.") == 6


def test_a_long_briefing_runs_onto_more_pages_and_loses_nothing(review):
    long_text = "\n\n".join(
        f"Paragraph {n} about what the agencies knew and when they knew it." for n in range(40)
    )
    briefing = make_briefing(review, sections={**TEXTS[SEVEN_MINUTE], "what_we_found": long_text})
    reader = pypdf.PdfReader(io.BytesIO(render_pdf(briefing)))
    assert len(reader.pages) >= 2
    text = squashed("\n".join(page.extract_text() for page in reader.pages))
    for n in (0, 20, 39):
        assert f"Paragraph{n}about" in text
    assert squashed("Further information") in text
    assert f"Page1of{len(reader.pages)}" in text


def test_the_pdf_renders_to_an_image(review, tmp_path):
    """What a person sees: pdftoppm must read the file (the issue asks for it to be looked at)."""
    path = tmp_path / "briefing.pdf"
    path.write_bytes(render_pdf(make_briefing(review)))
    try:
        subprocess.run(["pdftoppm", "-png", "-r", "30", str(path), str(tmp_path / "page")], check=True)  # noqa: S603, S607
    except FileNotFoundError:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    assert (tmp_path / "page-1.png").stat().st_size > 1000
