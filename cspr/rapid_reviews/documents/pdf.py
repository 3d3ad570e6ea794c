"""The rapid review report as an A4 PDF, drawn by WeasyPrint from the same markup as the preview page."""

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from . import document_context

STYLESHEET = "rapid_reviews/report-document.css"


def render_pdf(rapid_review) -> bytes:
    # Imported here, as for the notification's PDF (cspr.incidents.documents.pdf): WeasyPrint loads Pango
    # when imported, and a machine without it should still serve every other page.
    from weasyprint import CSS, HTML

    html = render_to_string("rapid_reviews/report/pdf.html", document_context(rapid_review))
    # No base URL: the document loads nothing, so WeasyPrint fetches nothing from the network or disk.
    return HTML(string=html).write_pdf(stylesheets=[CSS(filename=finders.find(STYLESHEET))])
