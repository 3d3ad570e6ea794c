"""Bench: the integrated chronology with 5,000 and 100,000 entries for one rapid review across 12 agencies.

Seeds a throwaway SQLite database (a temporary CSPR_VAR_DIR, removed afterwards) with one partnership, one
notified incident and its rapid review, 12 agencies with a return each, and the entries (spread over ten
years, some uncertain dates, about 3% of events reported by two agencies in other words, some key practice
episodes). Then times, best of --repeat runs, wall clock:

- merge: the whole chronology in order (`integrated.in_order`), as light tuples, and its first page of 100;
- filter: one agency, a two-year period and one event type: count and first page;
- duplicate flagging (`integrated.flagged_duplicates`) and gap detection (`integrated.find_gaps`);
- SVG: aggregating the timeline and rendering the picture;
- the integrated page (first page, no filters), and the same page filtered, through the Django test client.

Flagged duplicates are cached until the entries change (`integrated.flagged_duplicates`): the figures
marked "searched" clear the cache first, those marked "from the cache" do not.

Target: the integrated page with 5,000 entries, filtered or not, duplicates searched, in under a second.

Run: .venv/bin/python bench/chronology.py [--sizes 5000 100000] [--repeat 3] [--seed 2016]
"""

import argparse
import datetime as dt
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 1.0
AGENCIES = [
    ("Children's social care", "childrens_social_care"),
    ("Police", "police"),
    ("Health visiting", "health_visiting"),
    ("Midwifery", "midwifery"),
    ("GP practice", "gp"),
    ("Acute hospital trust", "acute_trust"),
    ("Ambulance service", "ambulance"),
    ("CAMHS", "camhs"),
    ("Primary school", "school"),
    ("Housing", "housing"),
    ("Probation", "probation"),
    ("Drug and alcohol service", "substance_misuse"),
]
SUBJECTS = ["Mother", "Father", "Mother's partner", "Maternal grandmother", "Child K", "Sibling"]
VERBS = [
    "seen at home",
    "attended the appointment",
    "did not attend the appointment",
    "reported a disclosure",
    "was assessed",
    "called the service",
    "was referred",
    "was discussed at the meeting",
    "presented with a bruise",
    "asked for help with housing",
]
DETAILS = [
    "concerns about neglect noted",
    "home conditions poor",
    "no concerns recorded",
    "domestic abuse incident reported by a neighbour",
    "advice on safe sleep given",
    "case to be reviewed in four weeks",
    "information shared with children's social care",
    "injury explained as a fall",
    "missed immunisations",
    "school attendance below 80 per cent",
]
# Records name places, services and things: words that make one event's facts unlike another's.
_VOCABULARY_TEXT = """
kitchen bedroom garden stairs car bus school nursery clinic pharmacy ward corridor playground park shop
bottle formula nappy cot pram blanket heater window door lock phone laptop letter leaflet plan meeting
bruise burn scratch rash fever cough vomiting weight height growth feeding sleeping crying speech hearing
sight teeth eczema asthma medication prescription inhaler vaccine appointment review conference core
group strategy section assessment referral consent interpreter translator advocate solicitor court order
arrears rent eviction tenancy repair damp mould heating benefits debt food bank voucher transport
taxi hostel refuge shelter caravan flat house bungalow estate landlord neighbour cousin uncle aunt
grandfather stepfather boyfriend girlfriend friend visitor lodger dog cat smoke alcohol cannabis cocaine
heroin methadone needle overdose injury fracture scan xray bloods swab photograph statement interview
disclosure allegation threat assault argument shouting police arrest bail caution charge release
"""
VOCABULARY = _VOCABULARY_TEXT.split()
FIRST_DAY = dt.date(2016, 1, 1)
SPAN_DAYS = 3650


def set_up_django(var_dir: Path) -> None:
    os.environ["CSPR_VAR_DIR"] = str(var_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cspr.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)


def seed(size: int, seed_value: int, reference: str):
    """One rapid review with `size` entries; returns (rapid review, business manager, a filter query)."""
    from cspr.accounts.models import Role, User
    from cspr.chronology.models import ChronologyEntry, DatePrecision, EventType
    from cspr.incidents.models import Incident, IncidentNature, IncidentStatus
    from cspr.partnerships.models import Agency, Partnership
    from cspr.rapid_reviews.models import AgencyReturn, RapidReview

    rng = random.Random(seed_value)
    partnership, _ = Partnership.objects.get_or_create(
        slug="bench", defaults={"name": "Bench", "integrated_care_board": "ICB", "police_force": "Police"}
    )
    manager, _ = User.objects.get_or_create(
        email="bench@example.test",
        defaults={"role": Role.BUSINESS_MANAGER, "partnership": partnership, "full_name": "Bench"},
    )
    incident = Incident.objects.create(
        partnership=partnership,
        reference=reference,
        status=IncidentStatus.NOTIFIED,
        aware_on=dt.date(2026, 11, 2),
        incident_on=dt.date(2026, 11, 1),
        notified_on=dt.date(2026, 11, 3),
        nature=IncidentNature.SERIOUS_HARM,
        summary="Bench",
    )
    rapid_review = RapidReview.objects.create(
        partnership=partnership,
        incident=incident,
        opened_on=incident.notified_on,
        notified_on=incident.notified_on,
        aware_on=incident.aware_on,
    )
    returns = []
    for name, kind in AGENCIES:
        agency, _ = Agency.objects.get_or_create(partnership=partnership, name=name, defaults={"kind": kind})
        returns.append(
            AgencyReturn.objects.create(
                partnership=partnership,
                rapid_review=rapid_review,
                agency=agency,
                requested_on=incident.notified_on,
                due_on=incident.notified_on + dt.timedelta(days=7),
            )
        )
    types = [choice for choice, _ in EventType.choices]
    entries = []
    while len(entries) < size:
        agency_return = rng.choice(returns)
        on = FIRST_DAY + dt.timedelta(days=int(rng.triangular(0, SPAN_DAYS, SPAN_DAYS * 0.8)))
        roll = rng.random()
        precision = (
            DatePrecision.DAY
            if roll < 0.9
            else DatePrecision.APPROXIMATE
            if roll < 0.95
            else DatePrecision.MONTH
            if roll < 0.99
            else DatePrecision.YEAR
        )
        if precision == DatePrecision.MONTH:
            on = on.replace(day=1)
        elif precision == DatePrecision.YEAR:
            on = on.replace(month=1, day=1)
        facts = (
            f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)}; {rng.choice(DETAILS)}; "
            f"{' '.join(rng.sample(VOCABULARY, 5))}. Ref {rng.randint(1, 10**6)}."
        )
        event_type = rng.choice(types)
        values = {
            "partnership": partnership,
            "rapid_review": rapid_review,
            "agency_return": agency_return,
            "agency_id": agency_return.agency_id,
            "start_on": on,
            "start_precision": precision,
            "source_reference": f"Record {rng.randint(1, 99999)}",
            "event_type": event_type,
            "facts": facts,
            "key_practice_episode": rng.random() < 0.03,
        }
        entries.append(ChronologyEntry(**values))
        if rng.random() < 0.03 and len(entries) < size:  # the same event, told by another agency
            other = rng.choice([item for item in returns if item is not agency_return])
            entries.append(
                ChronologyEntry(
                    **{
                        **values,
                        "agency_return": other,
                        "agency_id": other.agency_id,
                        "facts": facts.replace(";", ", and").replace("Ref", "Our ref"),
                    }
                )
            )
    ChronologyEntry.objects.bulk_create(entries, batch_size=2000)
    agency_id = returns[1].agency_id
    query = f"?agency={agency_id}&event_type=home_visit"
    query += "&period_from_day=1&period_from_month=1&period_from_year=2022"
    query += "&period_to_day=31&period_to_month=12&period_to_year=2023"
    return rapid_review, manager, agency_id, query


def best_of(repeat: int, work) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    return min(times), result


def measure(size: int, repeat: int, seed_value: int) -> list[tuple[str, str]]:
    from django.core.cache import cache
    from django.test import Client

    from cspr.chronology import integrated
    from cspr.chronology.models import ChronologyEntry, DuplicateDecision

    started = time.perf_counter()
    rapid_review, manager, agency_id, query = seed(size, seed_value, f"2026/{size}")
    seeded = time.perf_counter() - started
    entries = ChronologyEntry.objects.filter(rapid_review=rapid_review, merged_into__isnull=True)
    decisions = DuplicateDecision.objects.filter(rapid_review=rapid_review)
    filtered = integrated.in_order(
        entries.filter(
            agency_id=agency_id,
            event_type="home_visit",
            start_on__gte=dt.date(2022, 1, 1),
            start_on__lte=dt.date(2023, 12, 31),
        )
    )
    client = Client()
    client.force_login(manager)
    url = f"/chronology/{rapid_review.pk}/"

    def page(address):
        response = client.get(address)
        assert response.status_code == 200, response.status_code
        return response

    rows = [("entries", f"{size:,}"), ("seeding (not timed below)", seconds(seeded))]
    merge, ordered = best_of(
        repeat, lambda: list(integrated.in_order(entries).values_list("pk", "start_on", "agency_id"))
    )
    rows.append(("merge: whole chronology in order (tuples)", seconds(merge)))
    first_page, _ = best_of(repeat, lambda: list(integrated.in_order(entries).select_related("agency")[:100]))
    rows.append(("merge: first page of 100 (models)", seconds(first_page)))
    filter_time, found = best_of(
        repeat, lambda: (filtered.count(), list(filtered.select_related("agency")[:100]))
    )
    rows.append((f"filter: agency + period + type ({found[0]} found)", seconds(filter_time)))

    def cold(work):
        cache.clear()
        return work()

    duplicates_time, pairs = best_of(
        repeat, lambda: cold(lambda: integrated.flagged_duplicates(entries, decisions))
    )
    rows.append((f"duplicate flagging, searched ({len(pairs)} pairs)", seconds(duplicates_time)))
    cached_time, _ = best_of(repeat, lambda: integrated.flagged_duplicates(entries, decisions))
    rows.append(("duplicate flagging, from the cache", seconds(cached_time)))
    gaps_time, gaps = best_of(repeat, lambda: integrated.find_gaps(entries, 30))
    rows.append((f"gap detection, 30 days ({len(gaps)} gaps)", seconds(gaps_time)))
    svg_time, svg = best_of(repeat, lambda: integrated.timeline(entries).svg())
    rows.append((f"timeline SVG ({len(svg) // 1024} KB)", seconds(svg_time)))
    cold_time, response = best_of(repeat, lambda: cold(lambda: page(url)))
    size_kb = len(response.content) // 1024
    rows.append((f"integrated page 1, duplicates searched ({size_kb} KB)", seconds(cold_time)))
    page_time, _ = best_of(repeat, lambda: page(url))
    rows.append(("integrated page 1, duplicates from the cache", seconds(page_time)))
    filtered_time, _ = best_of(repeat, lambda: cold(lambda: page(url + query)))
    rows.append(("integrated page, filtered, duplicates searched", seconds(filtered_time)))
    last_time, _ = best_of(repeat, lambda: page(f"{url}?page={(size + 99) // 100}"))
    rows.append(("integrated page, last page, from the cache", seconds(last_time)))
    if size <= 5000:
        met = max(cold_time, filtered_time) < TARGET_SECONDS
        rows.append(("target: page under 1 s, duplicates searched", "met" if met else "MISSED"))
    assert len(ordered) == entries.count()
    return rows


def seconds(value: float) -> str:
    return f"{value * 1000:9.1f} ms"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2016)
    options = parser.parse_args(argv)
    var_dir = Path(tempfile.mkdtemp(prefix="cspr-bench-"))
    try:
        set_up_django(var_dir)
        for size in options.sizes:
            rows = measure(size, options.repeat, options.seed)
            print(f"Integrated chronology, best of {options.repeat} runs, wall clock")
            for label, value in rows:
                print(f"  {label:<52} {value}")
            print()
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
