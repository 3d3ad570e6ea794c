"""What the anonymisation check looks through for one review, and where each check stands.

The subjects are the review's documents to be published (one per `DocumentKind`) and its briefings
(together, subject "briefing"). A check counts only while its subject is unchanged: a document uploaded
again, or a briefing edited, after the check needs checking again.
"""

from dataclasses import dataclass

from .anonymisation import Child, extract_text, find_identifying_details
from .models import AnonymisationCheck, DocumentKind

BRIEFING = "briefing"


@dataclass
class Subject:
    code: str
    label: str
    changed_at: object
    document: object = None
    briefings: tuple = ()

    def findings(self, children: list[Child]) -> list[dict]:
        found = []
        if self.document is not None:
            with self.document.file.open("rb") as handle:
                text = extract_text(handle.read(), self.document.original_name)
            found += find_identifying_details(text, children, self.label)
        for briefing in self.briefings:
            for code, text in [("title", briefing.title), *sorted((briefing.sections or {}).items())]:
                where = f"{briefing.get_format_display()}: {code.replace('_', ' ')}"
                found += find_identifying_details(text or "", children, where)
        return [finding.as_dict() for finding in found]


def subjects(review) -> list[Subject]:
    found = [
        Subject(document.kind, document.get_kind_display(), document.uploaded_at, document=document)
        for document in review.documents.all()
    ]
    briefings = tuple(review.briefings.all())
    if briefings:
        changed = max(briefing.updated_at for briefing in briefings)
        found.append(Subject(BRIEFING, "Learning briefings", changed, briefings=briefings))
    return found


def linked_children(review) -> list[Child]:
    """The children the check looks for: those of the incidents the review comes from."""
    rows = review.linked_children().select_related("incident")
    return [Child(row.name, row.date_of_birth, row.incident.reference) for row in rows]


def latest_checks(review) -> dict[str, AnonymisationCheck]:
    latest = {}
    for check in review.anonymisation_checks.select_related("overridden_by", "checked_by"):
        latest.setdefault(check.subject, check)  # ordered newest first within each subject
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
