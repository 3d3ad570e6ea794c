"""Bench: the learning library at scale: import throughput, index size, and search against the raw FTS5 query.

In a throwaway SQLite database (a temporary CSPR_VAR_DIR, removed afterwards), it:

1. synthesises --reports clearly synthetic reports of --pages pages (`cspr.library.synth`; kept in --keep DIR
   if given, and reused from there when its manifest matches);
2. imports them nationally and public through the importer (`import_paths`: extraction, passages, theme
   suggestions, recommendations, audit), timed: pages per second;
3. plays the person who checks each draft (not timed): sets the metadata and confirms the true themes from the
   synthesiser's manifest, so that facets count what they would in a real library; prints how often the
   importer's guesses and suggested themes were already right;
4. prints the index size (`search.index_size_bytes()`) and the database file's size;
5. runs 50 varied queries (words, phrases, with and without one or two facet filters) through
   `search.search(...)` as an anonymous user (the public library), and the same queries as raw FTS5 SQL
   against `library_passage_fts` written here (best passage per report, top 20, the same filters, public
   entries only): 3 warm-up passes, then --repeat timed passes; p50/p95 of each and their ratio, by the
   wall clock (what the targets judge) and by this process's CPU time (steadier on a busy machine).

The raw query is the floor: what SQLite itself needs to find and rank the reports. `search.search` also
counts every facet, fetches snippets and loads the page's entries. It uses the index's documented key
(rowid = entry_id << 24 | passage number, migration 0005) to group passages by report without a lookup.

Targets: import > 50 pages/s; search p95 < 50 ms; search p95 within 2x of the raw query's p95.
Exits 1 if a target is missed. --profile adds where the time goes (cProfile of 10 more imports and one pass
of the queries, run after the timings so as not to disturb them).

Run: .venv/bin/python bench/library.py [--reports 2000] [--pages 30] [--repeat 5] [--seed 0] [--keep DIR]
     [--verbose] [--profile]
"""

import argparse
import cProfile
import io
import json
import math
import os
import pstats
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

IMPORT_TARGET_PAGES_PER_SECOND = 50
SEARCH_TARGET_P95_MS = 50.0
RATIO_TARGET = 2.0
WARM_UP_PASSES = 3
KEY_BITS = 24  # the FTS rowid is entry_id << 24 | passage number (migration 0005_search_index)

# (query as a user types it, facet filters as Filters' field -> values). Common and rare words, stemmed
# forms, phrases, several words, with none, one or two filters: what practitioners search for.
QUERIES = [
    ("neglect", {}),
    ("bruising", {}),
    ("sextortion", {}),
    ("methadone", {}),
    ("trampoline", {}),
    ("immunisations", {}),
    ("coercive control", {}),
    ("safe sleep advice", {}),
    ('"professional curiosity"', {}),
    ('"county lines"', {}),
    ('"temporary accommodation"', {}),
    ('"child protection plan"', {}),
    ('"face value"', {}),
    ("escalate disagreement", {}),
    ("health visitor referral", {}),
    ("school attendance exclusion", {}),
    ("mental health medication", {}),
    ("lockdown video call", {}),
    ("social care", {}),
    ("practitioners", {}),
    ("neglect", {"years": [2023]}),
    ("bruising", {"age_bands": ["under_1"]}),
    ("domestic abuse", {"themes": ["domestic abuse"]}),
    ("co-slept sofa", {"themes": ["safe sleep"]}),
    ('"safer sleep"', {"harms": ["death"]}),
    ("drugs gang", {"age_bands": ["16_17"]}),
    ("self-harm CAMHS", {"themes": ["child mental health and suicide"]}),
    ("supervision", {"review_types": ["cspr"]}),
    ("fractures", {"review_types": ["scr"]}),
    ("information shared", {"areas": ["Birmingham"]}),
    ('"early help"', {"areas": ["Leeds"]}),
    ("food bank", {"themes": ["poverty and deprivation"]}),
    ("Prevent referral", {"themes": ["radicalisation"]}),
    ("FGM", {}),
    ("perplexing presentation", {"harms": ["serious_harm"]}),
    ("foster placement", {"age_bands": ["11_15"]}),
    ("MARAC", {"years": [2021]}),
    ("father partner", {"themes": ["fathers and male carers"]}),
    ("pre-birth assessment", {"review_types": ["rapid_review"]}),
    ('"strategy meeting"', {"years": [2024]}),
    ("neglect", {"years": [2022], "age_bands": ["1_4"]}),
    ("injury", {"themes": ["non-accidental injury"], "harms": ["serious_harm"]}),
    ("exploitation", {"themes": ["criminal exploitation"], "years": [2023]}),
    ("home visit", {"review_types": ["cspr"], "age_bands": ["under_1"]}),
    ('"voice of the child"', {"themes": ["voice of the child"], "harms": ["death"]}),
    ("alcohol", {"areas": ["Kent"], "harms": ["death"]}),
    ("assessment", {"themes": ["neglect", "housing and homelessness"]}),
    ("damp mould", {"themes": ["housing and homelessness"], "years": [2024]}),
    ("online images", {"age_bands": ["11_15"], "review_types": ["cspr"]}),
    ("overdose", {"years": [2020, 2021], "harms": ["death"]}),
]


def set_up_django(var_dir: Path) -> None:
    """A fresh SQLite database and media folder in `var_dir`, whatever the environment says."""
    os.environ["CSPR_VAR_DIR"] = str(var_dir)
    os.environ["DATABASE_URL"] = f"sqlite:///{var_dir / 'bench.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(var_dir / "media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cspr.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def synthesise(folder: Path, reports: int, pages: int, seed: int) -> tuple[list[dict], float]:
    """The reports, written once into `folder` (reused when its manifest says they are the same set)."""
    from cspr.library import synth

    manifest_path = folder / "manifest.json"
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text())
        made = (manifest.get("generator"), manifest["seed"], manifest["pages"], len(manifest["reports"]))
        if made == (synth.GENERATOR_VERSION, seed, pages, reports):
            return manifest["reports"], 0.0
    started = time.perf_counter()
    rows = synth.write_reports(folder, reports, seed=seed, pages=pages, progress=progress_line("written"))
    return rows, time.perf_counter() - started


def progress_line(verb: str):
    def show(done: int, total: int, *_):
        if done % 20 == 0 or done == total:
            sys.stderr.write(f"\r  [{done}/{total}] reports {verb}")
            sys.stderr.write("\n" if done == total else "")
            sys.stderr.flush()

    return show


def import_reports(paths: list[Path], acting_user) -> tuple[int, int, float]:
    """(files added, pages added, seconds) through the importer, with a progress line on stderr."""
    from cspr.library.actions.importing import import_paths

    started = time.perf_counter()
    counted = {"pages": 0, "added": 0}
    show = progress_line("imported")

    def progress(done, total, result):
        if result.outcome == "added":
            counted["added"] += 1
            counted["pages"] += result.pages
        elif result.outcome != "duplicate":
            raise SystemExit(f"{result.name}: {result.outcome}: {result.message}")
        show(done, total)

    import_paths(paths, partnership=None, acting_user=acting_user, status="public", progress=progress)
    return counted["added"], counted["pages"], time.perf_counter() - started


def check_entries(manifest: list[dict]) -> list[tuple[str, str]]:
    """A person's check of every draft, from the manifest (not timed): metadata set, true themes confirmed,
    other suggestions removed. Returns how often the importer was already right."""
    from django.db import transaction

    from cspr.library.models import EntryTheme, LibraryEntry, LibraryFile, Theme, ThemeState

    truth = {row["file"]: row for row in manifest}
    themes = {theme.label: theme for theme in Theme.objects.all()}
    right = {"year": 0, "review_type": 0, "age_band": 0, "harm": 0}
    suggested = true_suggested = true_total = 0
    files = LibraryFile.objects.select_related("entry").filter(original_name__in=truth)
    with transaction.atomic():
        for stored in files:
            row, entry = truth[stored.original_name], stored.entry
            for field in right:
                right[field] += getattr(entry, field) == row[field]
            fields = {field: row[field] for field in (*right, "area", "title")}
            LibraryEntry.objects.filter(pk=entry.pk).update(**fields)
            labels = dict(
                EntryTheme.objects.filter(entry=entry).values_list("theme__label", "pk"),
            )
            suggested += len(labels)
            true_total += len(row["themes"])
            true_suggested += len(set(labels) & set(row["themes"]))
            EntryTheme.objects.filter(entry=entry).exclude(theme__label__in=row["themes"]).update(
                state=ThemeState.REMOVED
            )
            EntryTheme.objects.filter(entry=entry, theme__label__in=row["themes"]).update(
                state=ThemeState.CONFIRMED
            )
            EntryTheme.objects.bulk_create(
                EntryTheme(entry=entry, theme=themes[label], state=ThemeState.CONFIRMED)
                for label in row["themes"]
                if label not in labels
            )
    count = max(1, len(files))
    rows = [(f"importer's {field.replace('_', ' ')} right", percent(right[field], count)) for field in right]
    rows.append(("suggested themes that were true (precision)", percent(true_suggested, suggested)))
    rows.append(("true themes that were suggested (recall)", percent(true_suggested, true_total)))
    return rows


def match_expression(query: str) -> str:
    """The user's words and "phrases" as an FTS5 expression: each one quoted (so no input is syntax), all
    required. Mirrors what any search over FTS5 must do; written here so the raw query uses no app code."""
    terms = []
    for phrase, words in re.findall(r'"([^"]*)"|([^\s"]+)', query):
        tokens = re.findall(r"\w+", (phrase or words).lower())
        if tokens:
            terms.append('"' + " ".join(tokens) + '"')
    return " ".join(terms)


def raw_query(query: str, filters: dict) -> tuple[str, list]:
    """Best passage per public report, top 20, with the filters: plain SQL over the FTS5 table."""
    sql = [
        f"""SELECT h.entry_id, h.best FROM (
            SELECT rowid >> {KEY_BITS} AS entry_id, MIN(rank) AS best FROM library_passage_fts
            WHERE library_passage_fts MATCH %s GROUP BY rowid >> {KEY_BITS}
        ) h JOIN library_libraryentry e ON e.id = h.entry_id WHERE e.status = 'public'"""  # noqa: S608
    ]
    params: list = [match_expression(query)]
    columns = {"years": "year", "areas": "area", "review_types": "review_type", "age_bands": "age_band"}
    columns["harms"] = "harm"
    for name, values in filters.items():
        marks = ", ".join(["%s"] * len(values))
        if name == "themes":
            sql.append(
                f"""AND EXISTS (SELECT 1 FROM library_entrytheme et JOIN library_theme t ON t.id = et.theme_id
                WHERE et.entry_id = e.id AND et.state = 'confirmed' AND t.label IN ({marks}))"""  # noqa: S608
            )
        else:
            sql.append(f"AND e.{columns[name]} IN ({marks})")
        params += values
    sql.append("ORDER BY h.best LIMIT 20")
    return " ".join(sql), params


def search_pass() -> None:
    """Every query once through the application's search, as the public library's visitors would."""
    from django.contrib.auth.models import AnonymousUser

    from cspr.library import search

    for query, filters in QUERIES:
        search.search(query, user=AnonymousUser(), filters=search.Filters(**filters))


def run_queries(repeat: int) -> tuple[dict, list[int]]:
    """Timings (seconds) by kind ("search", "raw") and clock ("wall", "cpu"), each a list per query, and
    each query's total number of reports found by the search. CPU time of this process (SQLite runs in
    it) shows what is ours when other work on the machine stretches the wall clock."""
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection

    from cspr.library import search

    anonymous = AnonymousUser()
    cursor = connection.cursor()

    def application(query, filters):
        return search.search(query, user=anonymous, filters=search.Filters(**filters)).total

    def raw(query, filters):
        cursor.execute(*raw_query(query, filters))
        return len(cursor.fetchall())

    totals = [application(query, filters) for query, filters in QUERIES]
    for _ in range(WARM_UP_PASSES):
        for query, filters in QUERIES:
            application(query, filters)
            raw(query, filters)
    times = {kind: {clock: [[] for _ in QUERIES] for clock in ("wall", "cpu")} for kind in ("search", "raw")}
    for _ in range(repeat):
        for index, (query, filters) in enumerate(QUERIES):
            for kind, work in (("search", application), ("raw", raw)):
                wall, cpu = time.perf_counter(), time.process_time()
                work(query, filters)
                times[kind]["cpu"][index].append(time.process_time() - cpu)
                times[kind]["wall"][index].append(time.perf_counter() - wall)
    return times, totals


def percentile(samples: list[float], share: float) -> float:
    """Nearest rank: the smallest sample at or above `share` of them."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f} %" if whole else "    -"


def milliseconds(seconds: float) -> str:
    return f"{seconds * 1000:8.2f} ms"


def verdict(met: bool) -> str:
    return "PASS" if met else "FAIL"


def profile(label: str, work, lines: int = 25) -> None:
    profiler = cProfile.Profile()
    profiler.runcall(work)
    buffer = io.StringIO()
    pstats.Stats(profiler, stream=buffer).sort_stats("cumulative").print_stats(lines)
    print(f"\nProfile: {label} (cumulative time)")
    print("\n".join(line for line in buffer.getvalue().splitlines() if line.strip())[:6000])


def show(label: str, value: str) -> None:
    print(f"  {label:<54} {value}", flush=True)


def measure(options, folder: Path, var_dir: Path) -> bool:
    from cspr.accounts.models import Role, User
    from cspr.library import search, synth

    print(
        f"Learning library bench: {options.reports:,} synthetic reports of {options.pages} pages, "
        f"seed {options.seed}"
    )
    manifest, synth_seconds = synthesise(folder, options.reports, options.pages, options.seed)
    show("synthesis (not timed below)", f"{synth_seconds:8.1f} s" if synth_seconds else "  reused")
    administrator = User.objects.create_user(
        "bench-admin@example.test", full_name="Bench administrator", role=Role.SYSTEM_ADMIN
    )
    paths = [folder / row["file"] for row in manifest]
    added, pages, seconds = import_reports(paths, administrator)
    rate = pages / seconds if seconds else 0.0
    show(f"import: {added:,} reports, {pages:,} pages", f"{seconds:8.1f} s")
    show("import throughput", f"{rate:8.1f} pages/s")
    for label, value in check_entries(manifest):
        show(label, value)
    database = var_dir / "bench.sqlite3"
    database_bytes = sum(path.stat().st_size for path in var_dir.glob("bench.sqlite3*"))
    show("index size (search.index_size_bytes)", f"{search.index_size_bytes() / 2**20:8.1f} MB")
    show(f"database file ({database.name} + WAL)", f"{database_bytes / 2**20:8.1f} MB")
    times, totals = run_queries(options.repeat)
    every = {
        (kind, clock): [sample for samples in times[kind][clock] for sample in samples]
        for kind in times
        for clock in ("wall", "cpu")
    }
    p50 = {key: percentile(samples, 0.5) for key, samples in every.items()}
    p95 = {key: percentile(samples, 0.95) for key, samples in every.items()}
    show(f"search.search: {len(QUERIES)} queries x {options.repeat} runs after {WARM_UP_PASSES} warm-ups", "")
    show(
        "  p50 / p95, wall clock",
        f"{milliseconds(p50['search', 'wall'])} {milliseconds(p95['search', 'wall'])}",
    )
    show(
        "  p50 / p95, CPU time", f"{milliseconds(p50['search', 'cpu'])} {milliseconds(p95['search', 'cpu'])}"
    )
    show("raw FTS5 query, best passage per report, top 20", "")
    show("  p50 / p95, wall clock", f"{milliseconds(p50['raw', 'wall'])} {milliseconds(p95['raw', 'wall'])}")
    show("  p50 / p95, CPU time", f"{milliseconds(p50['raw', 'cpu'])} {milliseconds(p95['raw', 'cpu'])}")
    for clock in ("wall", "cpu"):
        ratios = [p50["search", clock] / p50["raw", clock], p95["search", clock] / p95["raw", clock]]
        show(f"ratio search / raw, p50 / p95, {clock}", "".join(f"{ratio:10.2f} x" for ratio in ratios))
    show("queries with no results", f"{sum(1 for total in totals if not total):8d}")
    show("load average (1 min) at the end, CPUs", f"{os.getloadavg()[0]:8.1f} {os.cpu_count():>6}")
    app_p95, raw_p95 = p95["search", "wall"], p95["raw", "wall"]
    if options.verbose:
        print(f"\n  {'query':<34} {'filters':<48} {'found':>6} {'search':>11} {'raw':>11}")
        for index, (query, filters) in enumerate(QUERIES):
            described = "; ".join(f"{name}={','.join(map(str, values))}" for name, values in filters.items())
            print(
                f"  {query[:34]:<34} {described[:48]:<48} {totals[index]:>6} "
                f"{milliseconds(statistics.median(times['search']['wall'][index]))} "
                f"{milliseconds(statistics.median(times['raw']['wall'][index]))}"
            )
    checks = [
        (f"import > {IMPORT_TARGET_PAGES_PER_SECOND} pages/s", rate > IMPORT_TARGET_PAGES_PER_SECOND),
        (f"search p95 < {SEARCH_TARGET_P95_MS:.0f} ms", app_p95 * 1000 < SEARCH_TARGET_P95_MS),
        (f"search p95 within {RATIO_TARGET:.0f}x of the raw query", app_p95 <= RATIO_TARGET * raw_p95),
    ]
    print("\nTargets")
    for label, met in checks:
        print(f"  {verdict(met)}  {label}")
    if options.profile:
        extra = synth.write_reports(folder / "profile", 10, seed=options.seed + 1, pages=options.pages)
        profile(
            "importing 10 more reports",
            lambda: import_reports([folder / "profile" / row["file"] for row in extra], administrator),
        )
        profile("one pass of the 50 queries through search.search", search_pass)
    return all(met for _, met in checks)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--pages", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=5, help="timed passes over the queries")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, help="write (or reuse) the synthetic reports here")
    parser.add_argument("--verbose", action="store_true", help="a line per query")
    parser.add_argument("--profile", action="store_true", help="where the time goes, after the timings")
    options = parser.parse_args(argv)
    var_dir = Path(tempfile.mkdtemp(prefix="cspr-bench-library-"))
    try:
        set_up_django(var_dir)
        folder = options.keep or var_dir / "reports"
        return 0 if measure(options, folder, var_dir) else 1
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
