"""The demo learning library: three fictional reviews for each seed partnership (`library_texts/*.md`),
imported as a business manager would, through the library's own `import_file`.

Each text opens with a front-matter block (partnership slug, title, year, review type, public or draft,
age band, harm, reviewer, summary and, for public ones, the themes a person confirmed). Public entries
get their themes confirmed and the tagger's other suggestions removed, as the business manager would have
done before publishing; drafts keep the tagger's suggestions for the demo business manager to check.
Each partnership then adopts a few recommendations into action plans, addressed to the agencies they
name, with one action each: two from its own first public review and, from the second partnership on,
one from the previous partnership's, as national learning travels.

Loading again adds nothing: a text already in the library is a duplicate (its content hash), and an
adopted recommendation is not adopted twice.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from cspr.accounts.models import Role, User
from cspr.action_plans.actions.plans import do_save_action
from cspr.demo.partnerships import PARTNERSHIPS
from cspr.library.actions.adopting import do_adopt
from cspr.library.actions.importing import ADDED, import_file
from cspr.library.models import EntryStatus, EntryTheme, LibraryEntry, Theme, ThemeState
from cspr.partnerships.models import Agency
from cspr.partnerships.models import AgencyKind as K

TEXTS = Path(__file__).parent / "library_texts"
GIVEN_SOURCE = "given in the demo text's front matter"
# The agency an adopted recommendation is addressed to, by the first words of it that name one.
AGENCY_WORDS = [
    (r"\bpolice\b", K.POLICE),
    (r"\bhealth visit", K.HEALTH_VISITING),
    (r"\bmidwi|\bmaternity\b", K.MIDWIFERY),
    (r"\bGPs?\b|\bprimary care\b", K.GP),
    (r"\bschools?\b|\beducation\b", K.SCHOOL),
    (r"\bCAMHS\b", K.CAMHS),
    (r"\bhousing\b", K.HOUSING),
]
ACTION = {
    "what_will_change": "Compare local practice with the recommendation and agree the changes needed",
    "owner": "Named safeguarding lead",
    "due_working_days": None,
    "success_measure": "The review group accepts the agency's report on the changes made",
}


@dataclass
class DemoText:
    path: Path
    partnership: str
    title: str
    year: int
    review_type: str
    status: str
    age_band: str = ""
    harm: str = ""
    reviewer: str = ""
    published: str = ""
    summary: str = ""
    themes: list[str] = field(default_factory=list)


def demo_texts() -> list[DemoText]:
    """Every demo text with its front matter, in file name order."""
    return [_read(path) for path in sorted(TEXTS.glob("*.md"))]


def _read(path: Path) -> DemoText:
    match = re.match(r"---\n(.*?)\n---\n", path.read_text(encoding="utf-8"), re.DOTALL)
    if match is None:
        raise ValueError(f"{path.name} has no front matter")
    front = dict(line.split(": ", 1) for line in match.group(1).splitlines())
    themes = [label.strip() for label in front.pop("themes", "").split(";") if label.strip()]
    return DemoText(
        path=path,
        year=int(front.pop("year")),
        review_type=front.pop("type"),
        themes=themes,
        **front,
    )


@transaction.atomic
def load_demo_library(partnership, number: int) -> int:
    """The demo library entries of one partnership (the `number`-th) and its adopted recommendations.

    Returns the number of entries created."""
    manager = User.objects.filter(partnership=partnership, role=Role.BUSINESS_MANAGER).order_by("pk").first()
    created = 0
    for text in demo_texts():
        if text.partnership != partnership.slug:
            continue
        result = import_file(
            text.path,
            partnership=partnership,
            acting_user=manager,
            year=text.year,
            review_type=text.review_type,
            status=text.status,
            given_source=GIVEN_SOURCE,
        )
        if result.outcome == ADDED:
            created += 1
            _describe(result.entry, text)
            if text.status == EntryStatus.PUBLIC:
                _confirm_themes(result.entry, text.themes, manager)
    _adopt(partnership, number, manager)
    return created


def _describe(entry: LibraryEntry, text: DemoText) -> None:
    """What the business manager filled in after the import: the front matter is the demo's truth."""
    entry.title = text.title
    entry.summary = text.summary
    entry.age_band = text.age_band
    entry.harm = text.harm
    entry.reviewer = text.reviewer
    entry.published_on = text.published or None
    entry.save(
        update_fields=["title", "summary", "age_band", "harm", "reviewer", "published_on", "updated_at"]
    )


def _confirm_themes(entry: LibraryEntry, labels: list[str], manager) -> None:
    now = timezone.now()
    for label in labels:
        EntryTheme.objects.update_or_create(
            entry=entry,
            theme=Theme.objects.get(label=label),
            defaults={"state": ThemeState.CONFIRMED, "decided_by": manager, "decided_at": now},
        )
    EntryTheme.objects.filter(entry=entry, state=ThemeState.SUGGESTED).update(
        state=ThemeState.REMOVED, decided_by=manager, decided_at=now
    )


def _first_public_entry(slug: str) -> LibraryEntry | None:
    return (
        LibraryEntry.objects.filter(partnership__slug=slug, status=EntryStatus.PUBLIC)
        .order_by("year", "pk")
        .first()
    )


def _adopt(partnership, number: int, manager) -> None:
    chosen = []
    own = _first_public_entry(partnership.slug)
    if own is not None:
        chosen += list(own.recommendations.order_by("position")[:2])
    if number > 0:
        previous = _first_public_entry(PARTNERSHIPS[number - 1][0])
        if previous is not None:
            chosen += list(previous.recommendations.order_by("position")[:1])
    for library_recommendation in chosen:
        adoption = do_adopt(library_recommendation, acting_user=manager, request=None)
        if adoption.added:
            agency = _addressed_agency(partnership, library_recommendation.text)
            fields = {**ACTION, "due_on": adoption.recommendation.due_on}
            do_save_action(
                adoption.recommendation, None, fields=fields, agency=agency, acting_user=manager, request=None
            )


def _addressed_agency(partnership, text: str) -> Agency:
    """The agency the recommendation names first, else children's social care (the partnership's lead)."""
    agencies = Agency.objects.filter(partnership=partnership, is_active=True).order_by("pk")
    named = [(re.search(pattern, text, re.IGNORECASE), kind) for pattern, kind in AGENCY_WORDS]
    for _, kind in sorted((found.start(), kind) for found, kind in named if found):
        agency = agencies.filter(kind=kind).first()
        if agency is not None:
            return agency
    return agencies.filter(kind=K.CHILDRENS_SOCIAL_CARE).first()
