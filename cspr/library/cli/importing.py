"""`cspr library import PATH... [--partnership NAME|slug] [--year YYYY] [--type TYPE] [--kind KIND]
[--public]`: add reports (files, or folders searched all the way down) to the library, one line per file
with its outcome, then a summary. Exits 1 if any file failed, so a script notices.

Without --partnership the reports are national imports (the Panel's and other areas' reviews); --public puts
national imports straight into the public library, for collections already published elsewhere. A
partnership's imports are always drafts, for its business manager to check and publish.
"""

import time
from pathlib import Path

from django.core.management import CommandError
from django.db.models import Q
from django.utils import timezone

from cspr.partnerships.models import Partnership

from .. import vocabulary
from ..actions.importing import ADDED, DUPLICATE, EARLIEST_YEAR, FAILED, SKIPPED, ImportResult, import_paths
from ..models import EntryStatus, FileKind


def add_arguments(parser):
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="Files or folders to import")
    parser.add_argument("--partnership", help="The partnership the reports belong to (name or slug)")
    parser.add_argument("--year", type=int, help="The year they were published, instead of the guess")
    parser.add_argument(
        "--type",
        dest="review_type",
        choices=list(vocabulary.REVIEW_TYPES),
        help="Review type, instead of the guess",
    )
    parser.add_argument(
        "--kind",
        choices=FileKind.values,
        default=FileKind.FULL_REPORT,
        help="What the files are (default full_report)",
    )
    parser.add_argument(
        "--public",
        action="store_true",
        help="National imports only: put them straight into the public library",
    )


def run(options, out):
    partnership = _partnership(options.get("partnership"))
    year = options.get("year")
    if year is not None and not EARLIEST_YEAR <= year <= timezone.localdate().year:
        raise CommandError(
            f"--year must be between {EARLIEST_YEAR} and {timezone.localdate().year}", returncode=2
        )
    if options.get("public") and partnership is not None:
        raise CommandError(
            "--public is for national imports: a partnership's reports are checked and published from their "
            "library pages",
            returncode=2,
        )
    started = time.perf_counter()

    def show(done: int, total: int, result: ImportResult) -> None:
        out.write(f"[{done}/{total}] {result.name}: {describe(result)}")

    results = import_paths(
        options["paths"],
        partnership=partnership,
        acting_user=None,
        year=year,
        review_type=options.get("review_type"),
        kind=options.get("kind") or FileKind.FULL_REPORT,
        status=EntryStatus.PUBLIC if options.get("public") else EntryStatus.DRAFT,
        progress=show,
    )
    if not results:
        raise CommandError("No files found to import", returncode=1)
    out.write(summary(results, time.perf_counter() - started))
    failed = sum(result.outcome == FAILED for result in results)
    if failed:
        raise CommandError(f"{_files(failed)} could not be imported", returncode=1)


def describe(result: ImportResult) -> str:
    if result.outcome == ADDED:
        entry = result.entry
        return f"added as {entry.status} entry {entry.pk}, “{entry.title}”"
    if result.outcome == DUPLICATE:
        return f"duplicate: {result.message}"
    return f"{result.outcome}: {result.message}"


def summary(results: list[ImportResult], seconds: float) -> str:
    """ "12 files: 9 added (270 pages, 85.3 pages a second), 1 duplicate, 1 failed, 1 skipped"."""
    counts = {
        outcome: sum(r.outcome == outcome for r in results) for outcome in (ADDED, DUPLICATE, FAILED, SKIPPED)
    }
    pages = sum(result.pages for result in results if result.outcome == ADDED)
    rate = f", {pages / seconds:.1f} pages a second" if seconds > 0 and pages else ""
    duplicates = "duplicate" if counts[DUPLICATE] == 1 else "duplicates"
    return (
        f"{_files(len(results))}: {counts[ADDED]} added ({pages} page{'' if pages == 1 else 's'}{rate}), "
        f"{counts[DUPLICATE]} {duplicates}, {counts[FAILED]} failed, {counts[SKIPPED]} skipped"
    )


def _files(count: int) -> str:
    return f"{count} file{'' if count == 1 else 's'}"


def _partnership(name_or_slug: str | None):
    if not name_or_slug:
        return None
    found = Partnership.objects.filter(Q(slug=name_or_slug) | Q(name__iexact=name_or_slug)).first()
    if found is None:
        raise CommandError(f"There is no partnership called {name_or_slug}", returncode=2)
    return found
