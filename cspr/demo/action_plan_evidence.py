"""Small real evidence files for the demo action plans: training figures (XLSX), a procedure change
(DOCX) and an audit summary (PDF), so downloads open in the programs people use. Each takes a few
milliseconds to write, so that `cspr demo` stays quick.

One file per agency and kind lists every action it answers, as an agency would send one procedure for
several changes; each evidence record gets its own copy in storage. The PDF is written by hand (one page,
Helvetica) because starting WeasyPrint would cost more than the rest of the action plan demo.
"""

import functools
import io
import re
import textwrap
import zipfile
from collections import defaultdict
from xml.sax.saxutils import escape

from django.core.files.base import ContentFile
from django.utils import timezone
from docx import Document
from openpyxl import Workbook

from cspr.action_plans.models import Evidence

from . import action_plan_specs as specs


class EvidenceFiles:
    def __init__(self, partnership, rng):
        self.partnership = partnership
        self.rng = rng

    def write(self, evidence: list[Evidence]) -> None:
        """Save a file for every (unsaved) evidence record and point its `file` at it."""
        groups: dict[tuple, list[Evidence]] = defaultdict(list)
        for item in evidence:
            groups[(item.action.agency, item.kind)].append(item)
        field = Evidence._meta.get_field("file")
        for (agency, kind), items in groups.items():
            changes = list(dict.fromkeys(item.action.what_will_change for item in items))
            content = WRITERS[kind](self, agency, changes, max(item.uploaded_at for item in items).date())
            for item in items:
                name = field.generate_filename(item, item.original_name)
                item.file.name = field.storage.save(name, ContentFile(content))

    def training(self, agency, changes: list[str], day) -> bytes:
        book = Workbook()
        sheet = book.active
        sheet.title = "Training figures"
        sheet.append([f"{agency.name}: safeguarding training for the partnership's action plans"])
        sheet.append([f"Figures at {day:%-d %B %Y}"])
        for change in changes:
            sheet.append([f"Action: {change}"])
        sheet.append([])
        sheet.append(["Team", "Staff in post", "Trained", "Per cent trained"])
        staff_total = trained_total = 0
        for team in specs.TRAINING_TEAMS:
            staff = self.rng.randint(12, 40)
            trained = self.rng.randint(int(staff * 0.75), staff)
            staff_total, trained_total = staff_total + staff, trained_total + trained
            sheet.append([team, staff, trained, round(100 * trained / staff)])
        sheet.append(["All teams", staff_total, trained_total, round(100 * trained_total / staff_total)])
        sheet.column_dimensions["A"].width = 24
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()

    def procedure(self, agency, changes: list[str], day) -> bytes:
        return filled_docx(
            title=f"{agency.name}: changes to the safeguarding procedure",
            intro=f"Issued to all staff on {day:%-d %B %Y} by the {specs.OWNERS[agency.kind]}, in answer to "
            f"the {self.partnership.name}'s action plans.",
            changes=changes,
        )

    def audit(self, agency, changes: list[str], day) -> bytes:
        lines = [
            agency.name,
            "Audit of records: summary of findings",
            f"Audit completed {day:%-d %B %Y}; 20 records sampled across every team.",
            "",
        ]
        for change in changes:
            met = self.rng.randint(16, 20)
            lines += textwrap.wrap(f"Action: {change}", WRAP_AT)
            lines += [f"Standard met in {met} of 20 records ({5 * met}%).", ""]
        lines.append(f"Reported to the {self.partnership.name} on {timezone.localdate():%-d %B %Y}.")
        return simple_pdf(lines)


WRAP_AT = 90  # characters of 11-point Helvetica that fit across an A4 page with margins
WRITERS = {
    "training": EvidenceFiles.training,
    "policy": EvidenceFiles.procedure,
    "audit": EvidenceFiles.audit,
}


@functools.cache
def _procedure_template() -> dict[str, bytes]:
    """The procedure document with placeholders, as the parts of its zip: python-docx takes about 60 ms
    to open and save a document, so the demo's files are filled in from this one."""
    document = Document()
    document.add_heading("{{title}}", level=0)
    document.add_paragraph("{{intro}}")
    document.add_heading("What has changed", level=1)
    document.add_paragraph("{{change}}", style="List Bullet")
    document.add_heading("What staff must do", level=1)
    document.add_paragraph(
        "Read this procedure and discuss it at your next supervision. Team managers check that it is "
        "followed through the quarterly case audit."
    )
    out = io.BytesIO()
    document.save(out)
    with zipfile.ZipFile(out) as package:
        return {name: package.read(name) for name in package.namelist()}


def filled_docx(*, title: str, intro: str, changes: list[str]) -> bytes:
    """The procedure template with its title, introduction and one bullet per change."""
    parts = _procedure_template()
    body = parts["word/document.xml"].decode()
    bullet = re.search(r"<w:p>(?:(?!<w:p>).)*?\{\{change\}\}.*?</w:p>", body, re.S).group(0)
    body = body.replace(bullet, "".join(bullet.replace("{{change}}", escape(change)) for change in changes))
    body = body.replace("{{title}}", escape(title)).replace("{{intro}}", escape(intro))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        for name, content in parts.items():
            package.writestr(name, body.encode() if name == "word/document.xml" else content)
    return out.getvalue()


def simple_pdf(lines: list[str]) -> bytes:
    """A one-page A4 PDF of plain lines of text in Helvetica (lines no longer than `WRAP_AT`)."""

    def escaped(line: str) -> str:
        return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    shown = " ".join(f"({escaped(line)}) '" for line in lines)
    stream = f"BT /F1 11 Tf 56 800 Td 16 TL {shown} ET".encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    table = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, table)
    return out
