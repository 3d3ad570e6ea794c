"""The notification as an A4 PDF, drawn by WeasyPrint from the same HTML as the print page."""

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from . import document_context

STYLESHEET = "incidents/notification-document.css"


def render_pdf(notification) -> bytes:
    # Imported here: WeasyPrint loads Pango when imported, and a machine without it should still serve
    # every other page (scripts/setup installs Pango when run as root).
    from weasyprint import CSS, HTML

    html = render_to_string("incidents/notification/pdf.html", document_context(notification))
    # No base URL: the document loads nothing, so WeasyPrint fetches nothing from the network or disk.
    return HTML(string=html).write_pdf(stylesheets=[CSS(filename=finders.find(STYLESHEET))])
