"""Library records for tests: entries with a text, passages and themes, built without the importer so that
each part's tests stand alone."""

from cspr.library.models import (
    EntrySource,
    EntryStatus,
    EntryTheme,
    LibraryEntry,
    LibraryPassage,
    LibraryRecommendation,
    Theme,
    ThemeState,
)


def starting_theme(label: str) -> Theme:
    """A theme of the starting taxonomy. Loaded by a migration, but transactional (browser) tests flush
    every table between tests, so it is made again when missing."""
    return Theme.objects.get_or_create(label=label)[0]


def make_entry(
    partnership=None,
    *,
    title="Learning from Child T",
    status=EntryStatus.PUBLIC,
    passages=(),
    themes=(),
    suggested=(),
    recommendations=(),
    **fields,
) -> LibraryEntry:
    """An imported entry: `passages` are paragraph texts, `themes` confirmed labels, `suggested` a dict of
    label -> evidence sentences, `recommendations` texts numbered from 1."""
    fields.setdefault("area", partnership.name if partnership else "Elsewhere")
    fields.setdefault("year", 2024)
    fields.setdefault("review_type", "cspr")
    fields.setdefault("source", EntrySource.IMPORTED)
    entry = LibraryEntry.objects.create(partnership=partnership, title=title, status=status, **fields)
    LibraryPassage.objects.bulk_create(
        LibraryPassage(entry=entry, number=number, page=1, text=text)
        for number, text in enumerate(passages, start=1)
    )
    for label in themes:
        EntryTheme.objects.create(entry=entry, theme=starting_theme(label), state=ThemeState.CONFIRMED)
    for label, evidence in dict(suggested).items():
        EntryTheme.objects.create(entry=entry, theme=starting_theme(label), evidence=list(evidence))
    LibraryRecommendation.objects.bulk_create(
        LibraryRecommendation(entry=entry, position=number, number=str(number), text=text)
        for number, text in enumerate(recommendations, start=1)
    )
    return entry


def draft_entry(ctx) -> LibraryEntry:
    """The context partnership's draft, not yet in the public library (for permission matrix kwargs)."""
    if "draft_entry" not in ctx:
        ctx["draft_entry"] = make_entry(
            ctx["partnership"],
            title="Draft learning review",
            status=EntryStatus.DRAFT,
            passages=["Professionals did not share information about the baby's bruising."],
            suggested={"information sharing": ["Professionals did not share information."]},
            recommendations=["The partnership should review its bruising protocol."],
        )
    return ctx["draft_entry"]


def public_entry(ctx) -> LibraryEntry:
    """A public entry of another area, imported nationally, that anyone may read."""
    if "public_entry" not in ctx:
        ctx["public_entry"] = make_entry(
            None,
            title="Child W: a national example",
            area="Elsewhere",
            passages=["The father was not seen by health visitors.", "Neglect was long-standing."],
            themes=["fathers and male carers", "neglect"],
            recommendations=["Health visitors should record who lives in the home."],
        )
    return ctx["public_entry"]
