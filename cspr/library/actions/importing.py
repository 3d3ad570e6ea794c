"""Adding reports to the library: from the upload page, the `cspr library import` command and the demo.

Each file is one unit of work: read its text, skip it if its text is already in the library (the content
hash of the words, whatever the format), guess its metadata from the text with the sentence each guess came
from, then create the draft entry, store the file and index its text in one transaction with its audit row.
A file that cannot be read is reported and the rest go on; nothing of a failed file is kept.
"""

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from cspr.audit.log import changes_between, record, snapshot
from cspr.audit.models import AuditAction

from .. import guessing, tagging, vocabulary
from ..extract import SUPPORTED_SUFFIXES, ExtractedText, ExtractionError, extract_bytes
from ..models import (
    EntrySource,
    EntryStatus,
    EntryTheme,
    FileKind,
    LibraryEntry,
    LibraryFile,
    LibraryPassage,
    LibraryRecommendation,
    Theme,
    text_hash,
)
from ..recommendations import find_recommendations

logger = logging.getLogger(__name__)

ADDED, DUPLICATE, FAILED, SKIPPED = "added", "duplicate", "failed", "skipped"
GIVEN_ON_COMMAND_LINE = "given on the command line"
GIVEN_ON_UPLOAD_PAGE = "given on the upload page"
AREA_NOT_KNOWN = "Not known"
EARLIEST_YEAR = 1970  # no statutory review the library holds is older

ENTRY_LOGGED = ["title", "area", "year", "review_type", "age_band", "harm", "status", "source", "partnership"]
REDACT = ["title"]  # a report's title may carry a pseudonym or place: free text, never logged


@dataclass
class ImportResult:
    """What happened to one file: `outcome` is added, duplicate, failed or skipped (a file in a folder
    that is not a report format); `message` says why for the last three."""

    name: str
    outcome: str
    message: str = ""
    entry: LibraryEntry | None = None
    pages: int = 0


def import_paths(
    paths: Iterable,
    *,
    partnership,
    acting_user,
    request=None,
    year: int | None = None,
    review_type: str | None = None,
    kind: str = FileKind.FULL_REPORT,
    status: str = EntryStatus.DRAFT,
    given_source: str = GIVEN_ON_COMMAND_LINE,
    progress: Callable[[int, int, ImportResult], None] | None = None,
) -> list[ImportResult]:
    """Import files and folders (recursed, in name order). Files of other formats found in a folder are
    skipped; a file named on its own is always tried, so its reader can say what is wrong with it.
    `progress(done, total, result)` is called after each file."""
    found = list(_files_under(paths))
    results = []
    for done, (path, supported) in enumerate(found, start=1):
        if supported:
            result = import_safely(
                path,
                partnership=partnership,
                acting_user=acting_user,
                request=request,
                year=year,
                review_type=review_type,
                kind=kind,
                status=status,
                given_source=given_source,
            )
        else:
            result = ImportResult(path.name, SKIPPED, "not a PDF, Word (.docx), HTML, text or Markdown file")
        results.append(result)
        if progress is not None:
            progress(done, len(found), result)
    return results


def import_safely(source, **options) -> ImportResult:
    """`import_file`, but a fault in a reader or the tagger fails only this file: a long import or an
    upload of twenty files goes on. The trace goes to the log (it names no text of the file)."""
    try:
        return import_file(source, **options)
    except Exception:
        logger.exception("Importing a file into the library failed")
        name = Path(getattr(source, "name", None) or str(source)).name
        return ImportResult(name, FAILED, "an unexpected error stopped this file: it has been logged")


def _files_under(paths: Iterable) -> Iterable[tuple[Path, bool]]:
    """(file, worth trying) for every file named or inside a folder named; hidden files are left out."""
    for path in map(Path, paths):
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not any(
                    part.startswith(".") for part in child.relative_to(path).parts
                ):
                    yield child, child.suffix.lower() in SUPPORTED_SUFFIXES
        else:
            yield path, True


def import_file(
    source,
    *,
    partnership,
    acting_user,
    request=None,
    year: int | None = None,
    review_type: str | None = None,
    kind: str = FileKind.FULL_REPORT,
    status: str = EntryStatus.DRAFT,
    given_source: str | None = None,
) -> ImportResult:
    """Import one file: `source` is a path or an uploaded file. `year` and `review_type`, when given,
    override the guesses and are recorded as given (on the upload page when there is a request, on the
    command line otherwise, unless `given_source` says where)."""
    name = Path(getattr(source, "name", None) or str(source)).name
    try:
        data = _read(source)
        extracted = extract_bytes(data, name)
    except ExtractionError as error:
        return ImportResult(name, FAILED, str(error))
    content_hash = text_hash(extracted.text)
    duplicate = _duplicate(content_hash, acting_user)
    if duplicate is not None:
        return ImportResult(name, DUPLICATE, duplicate, pages=extracted.page_count)
    if given_source is None:
        given_source = GIVEN_ON_UPLOAD_PAGE if request is not None else GIVEN_ON_COMMAND_LINE
    guesses = _guesses(extracted.text, name, year=year, review_type=review_type, given_source=given_source)
    stored = None
    try:
        with transaction.atomic():
            entry = LibraryEntry.objects.create(
                partnership=partnership,
                status=status,
                source=EntrySource.IMPORTED,
                area=_area(partnership, guesses),
                title=_title(guesses, name),
                year=_value(guesses, "year"),
                review_type=_value(guesses, "review_type") or "",
                age_band=_value(guesses, "age_band") or "",
                harm=_value(guesses, "harm") or "",
                guesses=guesses,
                created_by=acting_user,
            )
            stored = LibraryFile(
                entry=entry,
                kind=kind,
                original_name=name[:255],
                media_type=extracted.media_type,
                size=len(data),
                page_count=extracted.page_count,
                content_hash=content_hash,
            )
            stored.file.save(name, ContentFile(data), save=False)
            stored.save()
            index_entry_text(entry, extracted, file=stored)
            changes = changes_between({}, snapshot(entry, ENTRY_LOGGED), redact=REDACT)
            changes["file"] = [
                None,
                f"{stored.get_kind_display()}, {extracted.media_type}, {len(data)} bytes",
            ]
            changes["pages"] = [None, extracted.page_count]
            record(AuditAction.CREATE, actor=acting_user, request=request, obj=entry, changes=changes)
    except IntegrityError:
        # The same text was imported at the same moment by someone else: theirs is kept.
        _discard(stored)
        duplicate = _duplicate(content_hash, acting_user) or "already in the library"
        return ImportResult(name, DUPLICATE, duplicate, pages=extracted.page_count)
    except Exception:
        _discard(stored)
        raise
    return ImportResult(name, ADDED, "", entry=entry, pages=extracted.page_count)


def _read(source) -> bytes:
    if hasattr(source, "chunks"):
        source.seek(0)
        return b"".join(source.chunks())
    try:
        return Path(source).read_bytes()
    except FileNotFoundError as error:
        raise ExtractionError("There is no such file") from error
    except IsADirectoryError as error:
        raise ExtractionError("It is a folder, not a file") from error
    except OSError as error:
        raise ExtractionError("The file could not be opened") from error


def _discard(stored: LibraryFile | None) -> None:
    """The stored copy of a file whose import rolled back: nothing of a failed file is kept."""
    if stored is not None and stored.file.name:
        stored.file.storage.delete(stored.file.name)


def _duplicate(content_hash: str, acting_user) -> str | None:
    """The message for text already in the library, naming the entry only to someone who may see it.
    The command line is run by the service's operators, who see everything."""
    existing = LibraryFile.objects.filter(content_hash=content_hash).select_related("entry").first()
    if existing is None:
        return None
    entry = existing.entry
    if acting_user is None or LibraryEntry.objects.visible_to(acting_user).filter(pk=entry.pk).exists():
        return f"already in the library as “{entry.title}”"
    return "already in the library"


def _guesses(text: str, name: str, *, year, review_type, given_source: str) -> dict:
    """`{field: {"value": ..., "source": ...}}` for what the text says, keeping only values the library's
    vocabulary allows; what the person gave overrides the guess."""
    guesses = {}
    for field, guess in guessing.guess_all(text, name).items():
        if _allowed(field, guess.value):
            guesses[field] = {"value": guess.value, "source": guess.source}
    if year:
        guesses["year"] = {"value": int(year), "source": given_source}
    if review_type:
        guesses["review_type"] = {"value": review_type, "source": given_source}
    return guesses


def _allowed(field: str, value) -> bool:
    if field == "year":
        return isinstance(value, int) and EARLIEST_YEAR <= value <= timezone.localdate().year + 1
    vocabularies = {
        "review_type": vocabulary.REVIEW_TYPES,
        "age_band": vocabulary.AGE_BANDS,
        "harm": vocabulary.HARMS,
    }
    if field in vocabularies:
        return value in vocabularies[field]
    return isinstance(value, str) and bool(value.strip())


def _value(guesses: dict, field: str):
    return guesses.get(field, {}).get("value")


def _title(guesses: dict, name: str) -> str:
    """The title the report gives itself, else its file name made readable ("child-k_review" becomes
    "Child k review")."""
    title = _value(guesses, "title")
    if not title:
        stem = " ".join(re.sub(r"[_\-.]+", " ", Path(name).stem).split()) or "Untitled report"
        title = stem[:1].upper() + stem[1:]
    return title[:200]


def _area(partnership, guesses: dict) -> str:
    if partnership is not None:
        return partnership.name
    return (_value(guesses, "area") or AREA_NOT_KNOWN)[:200]


def index_entry_text(
    entry: LibraryEntry, extracted: ExtractedText, *, file: LibraryFile | None = None
) -> None:
    """Add a text to an entry: its paragraphs as passages after the existing ones, the themes it suggests
    (with evidence; never one already confirmed, suggested or removed) and the recommendations it makes
    that the entry does not already have. No audit row: the caller's action records what it did."""
    next_number = (entry.passages.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    LibraryPassage.objects.bulk_create(
        [
            LibraryPassage(entry=entry, file=file, number=number, page=page, text=text)
            for number, (page, text) in enumerate(extracted.paragraphs(), start=next_number)
        ],
        batch_size=500,
    )
    text = extracted.text
    _suggest_themes(entry, text)
    _add_recommendations(entry, text)


def _suggest_themes(entry: LibraryEntry, text: str) -> None:
    themes = {theme.label: theme for theme in Theme.objects.filter(is_active=True)}
    already = set(EntryTheme.objects.filter(entry=entry).values_list("theme__label", flat=True))
    suggestions = tagging.suggest_themes(text, _rules(themes.values()))
    EntryTheme.objects.bulk_create(
        EntryTheme(entry=entry, theme=themes[label], evidence=list(evidence))
        for label, evidence in suggestions.items()
        if label in themes and label not in already
    )


_rules_cache: dict[tuple, list] = {}


def _rules(themes) -> list:
    """The tagger's rules for the active themes, built again only when an administrator changed a theme:
    an import of a thousand files builds them once."""
    themes = sorted(themes, key=lambda theme: theme.pk)
    key = tuple((theme.pk, theme.label, theme.cues) for theme in themes)
    if key not in _rules_cache:
        _rules_cache.clear()
        _rules_cache[key] = tagging.rules_for(themes)
    return _rules_cache[key]


def _add_recommendations(entry: LibraryEntry, text: str) -> None:
    existing = list(entry.recommendations.values_list("position", "text"))
    known = {_comparable(text) for _, text in existing}
    position = max((position for position, _ in existing), default=0)
    new = []
    for found in find_recommendations(text):
        if _comparable(found.text) in known:
            continue
        known.add(_comparable(found.text))
        position += 1
        new.append(
            LibraryRecommendation(entry=entry, position=position, number=found.number[:20], text=found.text)
        )
    LibraryRecommendation.objects.bulk_create(new)


def _comparable(text: str) -> str:
    return " ".join(text.lower().split())
