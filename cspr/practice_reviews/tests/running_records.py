"""What the running tests share: a fixed today, the context review with its reviewer and review panel, and
small DOCX/PDF uploads."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile

from .records import practice_review

# Two months into the review decided on 26 November 2026.
TODAY = dt.datetime(2027, 1, 20, 12, tzinfo=ZoneInfo("Europe/London"))
PDF = b"%PDF-1.4\n% a small draft\n"
DOCX = b"PK\x03\x04 a small draft"


def build_review(partnership, agency, incident, *people):
    """The context review, built after the personas it should include (`people`) exist."""
    return practice_review({"partnership": partnership, "agency": agency, "incident": incident})


def pdf(name="Child K report draft.pdf", content=PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def docx(name="Child K report draft.docx", content=DOCX) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)
