"""The progress report as one A4 PDF page, drawn by WeasyPrint from a template and its stylesheet."""

from django.template.loader import render_to_string

TEMPLATE = "action_plans/report/pdf.html"
STYLESHEET = "action_plans/report/report.css"


def render_pdf(content: dict) -> bytes:
    # Imported here, as for the other documents: WeasyPrint loads Pango when imported, and a machine
    # without it should still serve every other page.
    from weasyprint import CSS, HTML

    html = render_to_string(TEMPLATE, content)
    # The stylesheet sits with the template (it styles nothing on the site); no base URL, so WeasyPrint
    # fetches nothing from the network or disk.
    return HTML(string=html).write_pdf(stylesheets=[CSS(string=render_to_string(STYLESHEET))])
