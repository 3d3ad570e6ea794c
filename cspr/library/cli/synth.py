"""`cspr library synth --reports 2000 --out DIR [--seed N] [--pages 30] [--format txt|docx]`: clearly
synthetic reports for benchmarks (see `cspr.library.synth`), with a progress line on stderr and a
`manifest.json` of each file's true metadata."""

import sys
import time
from pathlib import Path

from django.core.management import CommandError

from cspr.library import synth


def add_arguments(parser):
    parser.add_argument("--reports", type=int, default=2000, help="How many reports to write (default 2000)")
    parser.add_argument("--out", required=True, type=Path, help="The folder to write them into")
    parser.add_argument("--seed", type=int, default=0, help="The same seed writes the same reports")
    parser.add_argument("--pages", type=int, default=30, help="Pages per report (default 30)")
    parser.add_argument(
        "--format",
        dest="file_format",
        choices=synth.FORMATS,
        default="txt",
        help="txt (pages split by form feeds) or docx (slower: for a smaller sample)",
    )


def run(options, out):
    if options["reports"] < 1:
        raise CommandError("--reports must be at least 1")
    if options["pages"] < 1:
        raise CommandError("--pages must be at least 1")
    out_dir = options["out"]
    if out_dir.exists() and not out_dir.is_dir():
        raise CommandError(f"{out_dir} is a file, not a folder")
    started = time.perf_counter()
    rows = synth.write_reports(
        out_dir,
        options["reports"],
        seed=options["seed"],
        pages=options["pages"],
        file_format=options["file_format"],
        progress=show_progress,
    )
    pages = sum(row["page_count"] for row in rows)
    seconds = time.perf_counter() - started
    out.write(
        f"Wrote {len(rows):,} synthetic reports ({pages:,} pages) to {out_dir} in {seconds:.1f} s "
        f"(seed {options['seed']})"
    )


def show_progress(done: int, total: int) -> None:
    """One line on stderr, rewritten in place, every 50 reports and at the end."""
    if done % 50 == 0 or done == total:
        sys.stderr.write(f"\r[{done}/{total}] synthetic reports written")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()
