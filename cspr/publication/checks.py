"""What the anonymisation check looks through for one review, what the review declares it may publish, and
where each check stands.

The subjects are the full report, the executive summary and the briefings (together, subject "briefing"):
what the issue asks to be checked. A check counts only while its subject is unchanged: a document uploaded
again, or a briefing edited, after the check needs checking again.

Briefings have no file: their titles and sections make one text, a page per briefing, and a finding's
`paragraph` is the part of that briefing it is in (1 the title, then the sections in the format's order),
so the findings page can say "7-minute briefing: the case".
"""

import bisect
import re
from dataclasses import dataclass

from django.db.models import Count, Q

from cspr.briefings.formats import FORMATS
from cspr.partnerships.models import Agency

from .anonymisation.checker import check_document, check_text
from .anonymisation.declared import Declared, Pseudonym
from .anonymisation.findings import CheckResult
from .models import AnonymisationCheck, DeclaredName, DeclaredNameKind, DocumentKind, FindingDecision

BRIEFING = "briefing"
CHECKED_KINDS = (DocumentKind.FULL_REPORT, DocumentKind.EXECUTIVE_SUMMARY)
# How much text either side of a finding the page shows, within its paragraph.
CONTEXT_CHARACTERS = 90
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass
class Subject:
    code: str
    label: str
    changed_at: object
    document: object = None
    briefings: tuple = ()

    @property
    def source_name(self) -> str:
        return self.document.original_name if self.document is not None else ""

    def check(self, declared: Declared, *, engine=None) -> CheckResult:
        """Run the checker over this subject. A document that cannot be read raises ExtractionError."""
        if self.document is not None:
            with self.document.file.open("rb") as handle:
                data = handle.read()
            return check_document(data, self.document.original_name, declared, engine=engine)
        pages, parts = briefing_pages(self.briefings)
        result = check_text("\n\n".join(pages), declared, engine=engine, pages=pages)
        page_starts = []
        offset = 0
        for page in pages:
            page_starts.append(offset)
            offset += len(page) + 2
        for finding in result.findings:
            local = finding.start - page_starts[finding.page - 1]
            finding.paragraph = bisect.bisect_right(parts[finding.page - 1], local)
        return result


def briefing_parts(briefing) -> list[tuple[str, str]]:
    """(where, text) of each part of a briefing: its title, then its sections in the format's order."""
    briefing_format = FORMATS.get(briefing.format)
    name = briefing_format.name if briefing_format else briefing.get_format_display()
    sections = dict(briefing.sections or {})
    titles = {section.code: section.title for section in briefing_format.sections} if briefing_format else {}
    codes = [code for code in titles if code in sections] + sorted(set(sections) - set(titles))
    parts = [(f"{name}: title", briefing.title or "")]
    parts += [
        (f"{name}: {titles.get(code, code.replace('_', ' ')).lower()}", sections[code] or "")
        for code in codes
    ]
    return parts


def briefing_pages(briefings) -> tuple[list[str], list[list[int]]]:
    """One page of text per briefing, and where each of its parts starts within that page."""
    pages, starts = [], []
    for briefing in briefings:
        texts = [text for _, text in briefing_parts(briefing)]
        offsets, offset = [], 0
        for text in texts:
            offsets.append(offset)
            offset += len(text) + 2
        pages.append("\n\n".join(texts))
        starts.append(offsets)
    return pages, starts


def where(finding, briefings=()) -> str:
    """Where a reader finds it: "Page 3, paragraph 12", or the briefing and its section."""
    if finding.check_run.subject == BRIEFING:
        if 0 < finding.page <= len(briefings):
            parts = briefing_parts(briefings[finding.page - 1])
            if 0 < finding.paragraph <= len(parts):
                return parts[finding.paragraph - 1][0]
        return f"Briefing {finding.page}"
    if finding.page:
        return f"Page {finding.page}, paragraph {finding.paragraph}"
    return f"Paragraph {finding.paragraph}"


def context_around(text: str, start: int, end: int) -> tuple[str, str]:
    """The words before and after a finding, within its paragraph, cut at a word with "…"."""
    paragraph_start = max((m.end() for m in PARAGRAPH_BREAK.finditer(text, 0, start)), default=0)
    following = PARAGRAPH_BREAK.search(text, end)
    paragraph_end = following.start() if following else len(text)
    before = " ".join(text[paragraph_start:start].split())
    after = " ".join(text[end:paragraph_end].split())
    if len(before) > CONTEXT_CHARACTERS:
        before = "…" + before[-CONTEXT_CHARACTERS:].split(" ", 1)[-1]
    if len(after) > CONTEXT_CHARACTERS:
        after = after[:CONTEXT_CHARACTERS].rsplit(" ", 1)[0] + "…"
    spaced_before = before + " " if before and text[start - 1 : start].isspace() else before
    spaced_after = " " + after if after and text[end : end + 1].isspace() else after
    return spaced_before, spaced_after


def subjects(review) -> list[Subject]:
    documents = {document.kind: document for document in review.documents.filter(kind__in=CHECKED_KINDS)}
    found = [
        Subject(kind.value, kind.label, documents[kind].uploaded_at, document=documents[kind])
        for kind in CHECKED_KINDS
        if kind in documents
    ]
    briefings = tuple(review.briefings.all())
    if briefings:
        changed = max(briefing.updated_at for briefing in briefings)
        found.append(Subject(BRIEFING, "Learning briefings", changed, briefings=briefings))
    return found


def declared_for(review) -> Declared:
    """What the check must not report (pseudonyms; names published by design: the review's title, the
    lead reviewer, the partnership, its agencies) and what it must always report (the real names and dates
    of birth of the children of the linked incidents, the real names the declared pseudonyms stand for).
    Unscoped: the check reads names that whoever runs it may not see."""
    children = list(review.linked_children())
    rows = list(DeclaredName.objects.filter(practice_review=review))
    pseudonyms = [
        Pseudonym(row.name, row.stands_for) for row in rows if row.kind == DeclaredNameKind.PSEUDONYM
    ]
    pseudonyms += [Pseudonym(child.pseudonym, child.name) for child in children if child.pseudonym.strip()]
    # The review is published under its title ("Child K", "Baby Hope", "Callum").
    allowed = [review.title] + [row.name for row in rows if row.kind == DeclaredNameKind.ALLOWED]
    lead = review.lead_reviewer()
    if lead is not None and lead.published_name.strip():
        allowed.append(lead.published_name)
    allowed.append(review.partnership.name)
    allowed += Agency.objects.filter(partnership_id=review.partnership_id).values_list("name", flat=True)
    known = [child.name for child in children] + [pseudonym.real_name for pseudonym in pseudonyms]
    return Declared(
        pseudonyms=tuple(dict.fromkeys(pseudonyms)),
        allowed=tuple(dict.fromkeys(name for name in allowed if name.strip())),
        known_names=tuple(dict.fromkeys(name for name in known if name.strip())),
        known_dates_of_birth=tuple(dict.fromkeys(c.date_of_birth for c in children if c.date_of_birth)),
    )


def latest_checks(review) -> dict[str, AnonymisationCheck]:
    """The newest check of each subject, with how many of its findings are undecided and to redact."""
    latest = {}
    checks = (
        review.anonymisation_checks.select_related("checked_by")
        .annotate(
            open_count=Count("found", filter=Q(found__decision=FindingDecision.OPEN)),
            redact_count=Count("found", filter=Q(found__decision=FindingDecision.REDACT)),
        )
        .order_by("subject", "-checked_at", "-pk")  # Meta.ordering does not apply to a grouped query
    )
    for check in checks:
        latest.setdefault(check.subject, check)
    return latest


def subject_outcomes(review) -> list[tuple[str, str | None, AnonymisationCheck | None]]:
    """(label, outcome of the latest check still valid or None, that check) for each subject."""
    latest = latest_checks(review)
    result = []
    for subject in subjects(review):
        check = latest.get(subject.code)
        if check is not None and check.checked_at < subject.changed_at:
            result.append((subject.label, None, check))
        else:
            result.append((subject.label, check.outcome if check else None, check))
    return result


def subject_label(code: str) -> str:
    if code == BRIEFING:
        return "Learning briefings"
    return DocumentKind(code).label
