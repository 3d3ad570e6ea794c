"""A learning briefing as the documents a partnership hands out: Word (`render_docx`) and A4 PDF
(`render_pdf`), both made from `document_context`, which is also what the HTML page shows.

A briefing is written for the public (it is published with the review), so the documents carry no
protective marking, no case reference and only the name the review is published under. Before the review
is published they say "Draft" so a printed copy is not mistaken for the published one.
"""

from .content import document_context, filename
from .docx import render_docx
from .pdf import render_pdf

__all__ = ["document_context", "filename", "render_docx", "render_pdf"]
