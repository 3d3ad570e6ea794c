"""The one-page progress report on an action plan, for the executive meeting: Word (`render_docx`) and
A4 PDF (`render_pdf`), both drawn from `report_content`, so they say the same thing.

It names the review by its reference (`ActionPlan.title`), never the child, and carries the protective
marking OFFICIAL-SENSITIVE because it describes what agencies got wrong in a child's case.
"""

from .content import filename, report_content
from .docx import render_docx
from .pdf import render_pdf

__all__ = ["filename", "render_docx", "render_pdf", "report_content"]
