"""Bench: every deadline for 100,000 cases, our plain-Python clock against numpy.busday_offset.

Each case is a random date of becoming aware (2018 to 2030) and computes the full set of deadlines that follow
from it (`compute_deadlines({"aware": date})`: notification, rapid review, the local rapid review plan, the
Panel response). numpy computes the same steps, vectorised, with the same bank holidays and a Monday to Friday
weekmask. Exits 1 if the two disagree on any case.

numpy's `roll` is chosen to match our "day 0 is the start" rule: for n > 0 we want the n-th working day after
the start, which is roll='backward' (a Saturday rolls back to Friday, + 1 is Monday); roll='forward' would
count a Saturday start's Monday as day 0 and land one working day late. For n < 0 it is roll='forward'.

Run: .venv/bin/python bench/clock.py [--cases 100000] [--seed 2023] [--repeat 3]
"""

import argparse
import datetime as dt
import random
import sys
import time
from dataclasses import dataclass, field

import numpy as np

from cspr.clock import STEPS, Unit, WorkingDayCalendar, compute_deadlines, default_calendar
from cspr.clock.steps import TRIGGERS

EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()
FIRST_AWARE, LAST_AWARE = dt.date(2018, 1, 1), dt.date(2030, 12, 31)
TARGET_RATIO, TARGET_SECONDS = 5.0, 1.0


def random_aware_dates(cases: int, seed: int) -> list[dt.date]:
    rng = random.Random(seed)
    span = (LAST_AWARE - FIRST_AWARE).days
    return [FIRST_AWARE + dt.timedelta(days=rng.randint(0, span)) for _ in range(cases)]


@dataclass
class Timing:
    """CPU seconds of this process (steadier than wall time on a shared machine), plus the best wall time."""

    cpu: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)

    def measure(self, work):
        cpu_started, wall_started = time.process_time(), time.perf_counter()
        result = work()
        self.cpu.append(time.process_time() - cpu_started)
        self.wall.append(time.perf_counter() - wall_started)
        return result

    @property
    def best(self) -> float:
        return min(self.cpu)


def ours(aware_dates: list[dt.date], calendar: WorkingDayCalendar) -> list[dict[str, dt.date]]:
    return [compute_deadlines({"aware": aware}, calendar=calendar) for aware in aware_dates]


def to_numpy(aware_dates: list[dt.date]) -> np.ndarray:
    """The same dates as numpy dates (via ordinals: much faster than np.array(list_of_dates))."""
    ordinals = np.fromiter((d.toordinal() for d in aware_dates), dtype=np.int64, count=len(aware_dates))
    return (ordinals - EPOCH_ORDINAL).astype("datetime64[D]")


def numpy_months(dates: np.ndarray, months: int) -> np.ndarray:
    """Calendar months with the same clamping as `add_calendar_months` (31 Aug + 6 months = 28/29 Feb)."""
    month = dates.astype("datetime64[M]")
    day_offset = dates - month.astype("datetime64[D]")
    target = month + months
    last_day = (target + 1).astype("datetime64[D]") - 1
    return np.minimum(target.astype("datetime64[D]") + day_offset, last_day)


def numpy_step(step, start: np.ndarray, busdaycal: np.busdaycalendar) -> np.ndarray:
    amount = -step.length if step.before else step.length
    if step.unit is Unit.WORKING_DAYS:
        if amount == 0:
            return start
        roll = "backward" if amount > 0 else "forward"
        return np.busday_offset(start, amount, roll=roll, busdaycal=busdaycal)
    if step.unit is Unit.CALENDAR_DAYS:
        return start + amount
    return numpy_months(start, amount)


def theirs(aware: np.ndarray, busdaycal: np.busdaycalendar) -> dict[str, np.ndarray]:
    """The steps table evaluated column-wise, with the same chained triggers as compute_deadlines."""
    known, due = {"aware": aware}, {}
    for step in STEPS:
        if step.trigger not in known:
            continue
        due[step.code] = numpy_step(step, known[step.trigger], busdaycal)
        for trigger in TRIGGERS.values():
            if trigger.assumed_from == step.code:
                known.setdefault(trigger.name, due[step.code])
    return due


def disagreements(our_results: list[dict[str, dt.date]], their_results: dict[str, np.ndarray]) -> int:
    """Cases where any step's date differs (or a step is computed by one side only)."""
    differs = np.zeros(len(our_results), dtype=bool)
    for code, column in their_results.items():
        mine = np.fromiter((r[code].toordinal() for r in our_results), dtype=np.int64, count=len(our_results))
        differs |= mine != column.astype(np.int64) + EPOCH_ORDINAL
    differs |= np.array([set(r) != set(their_results) for r in our_results])
    return int(differs.sum())


def main(argv: list[str]) -> int:
    options = parse_arguments(argv)
    aware_dates = random_aware_dates(options.cases, options.seed)
    build, our, convert, kernels = Timing(), Timing(), Timing(), Timing()
    calendar = build.measure(default_calendar)
    holiday_array = np.array(sorted(calendar.bank_holidays), dtype="datetime64[D]")
    busdaycal = np.busdaycalendar(weekmask="1111100", holidays=holiday_array)
    aware_array = to_numpy(aware_dates)
    for _ in range(options.repeat):  # interleaved, so both sides see the same machine load
        our_results = our.measure(lambda: ours(aware_dates, calendar))
        convert.measure(lambda: to_numpy(aware_dates))
        their_results = kernels.measure(lambda: theirs(aware_array, busdaycal))
    wrong = disagreements(our_results, their_results)
    ratio = our.best / (convert.best + kernels.best)
    rows = [
        ("cases", f"{options.cases:,}"),
        ("steps per case", f"{len(their_results)}"),
        ("default calendar build (once per process)", milliseconds(build.best)),
        ("cspr.clock, first run (compiles the plan)", milliseconds(our.cpu[0])),
        ("cspr.clock, best run", f"{milliseconds(our.best)}  ({our.best / options.cases * 1e6:.2f} us/case)"),
        ("cspr.clock, best run, wall clock", milliseconds(min(our.wall))),
        ("numpy, dates in (via ordinals)", milliseconds(convert.best)),
        ("numpy, busday_offset kernels", milliseconds(kernels.best)),
        ("ratio to numpy (dates in + kernels)", f"{ratio:8.1f} x"),
        ("ratio to numpy (kernels only)", f"{our.best / kernels.best:8.1f} x"),
        ("cases that disagree", f"{wrong:8d}"),
    ]
    print_table(f"CPU time, best of {options.repeat} interleaved runs, seed {options.seed}", rows)
    met = our.best < TARGET_SECONDS and ratio <= TARGET_RATIO
    verdict = "met" if met else "MISSED"
    print(f"target (under {TARGET_SECONDS:.0f} s, within {TARGET_RATIO:.0f}x of numpy): {verdict}")
    return 1 if wrong else 0


def milliseconds(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def print_table(title: str, rows: list[tuple[str, str]]) -> None:
    print(title)
    for label, value in rows:
        print(f"  {label:<42} {value}")


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument("--repeat", type=int, default=5)
    return parser.parse_args(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
