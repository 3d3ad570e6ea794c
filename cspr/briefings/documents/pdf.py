"""The briefing as an A4 PDF handout, drawn by WeasyPrint from a template and its own stylesheet."""

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from .content import document_context

STYLESHEET = "briefings/briefing-document.css"


def render_pdf(briefing) -> bytes:
    # Imported here: WeasyPrint loads Pango when imported, and a machine without it should still serve
    # every other page (scripts/setup installs Pango when run as root).
    from weasyprint import CSS, HTML

    html = render_to_string("briefings/document.html", document_context(briefing))
    # No base URL: the document loads nothing, so WeasyPrint fetches nothing from the network or disk.
    return HTML(string=html).write_pdf(stylesheets=[CSS(filename=finders.find(STYLESHEET))])
