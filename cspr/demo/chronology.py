"""Fictional chronology entries for a demo rapid review, generated deterministically from a seed.

An integrated chronology is what the review works from, so the demo needs ones that look like the real
thing: a few hundred entries from several agencies over the child's life (the pregnancy and the parents'
history for a baby), exact and uncertain dates ("?22/05/2016", "May 2016", "2016"), times on some, source
references, practitioner roles, facts kept apart from significance, about one in twenty entries a key
practice episode, some events recorded by two agencies (a strategy discussion both the police and social
care write up), and a stretch of several months when no agency saw the family: the things the integrated
chronology page has to flag. The texts come from `chronology_templates`; the child appears by pseudonym
only.

`generate_chronology` returns plain field values; `cspr.demo.rapid_reviews` saves them with `bulk_create`.
"""

import datetime as dt
import random
from dataclasses import dataclass

from cspr.chronology.models import DatePrecision, EventType
from cspr.partnerships.models import AgencyKind

from . import chronology_health as health
from . import chronology_services as services
from .chronology_templates import SAME_EVENTS, VOCABULARY, Template

# What each kind of agency records (kinds without a profile, such as the ICB, add no entries).
PROFILES = {
    AgencyKind.CHILDRENS_SOCIAL_CARE: services.CSC,
    AgencyKind.POLICE: services.POLICE,
    AgencyKind.HEALTH_VISITING: health.HEALTH_VISITING,
    AgencyKind.MIDWIFERY: health.MIDWIFERY,
    AgencyKind.GP: health.GP,
    AgencyKind.ACUTE_TRUST: health.ACUTE,
    AgencyKind.AMBULANCE: health.AMBULANCE,
    AgencyKind.SCHOOL: services.SCHOOL,
    AgencyKind.EARLY_YEARS: services.EARLY_YEARS,
    AgencyKind.CAMHS: health.CAMHS,
    AgencyKind.PROBATION: services.PROBATION,
    AgencyKind.SUBSTANCE_MISUSE: health.SUBSTANCE_MISUSE,
    AgencyKind.ADULT_MENTAL_HEALTH: health.ADULT_MENTAL_HEALTH,
    AgencyKind.HOUSING: services.HOUSING,
    AgencyKind.YOUTH_JUSTICE: services.YOUTH_JUSTICE,
    AgencyKind.EARLY_HELP: services.EARLY_HELP,
}

# Share of entries written with an uncertain date, by precision.
UNCERTAIN = ((DatePrecision.APPROXIMATE, 0.04), (DatePrecision.MONTH, 0.03), (DatePrecision.YEAR, 0.01))
KEY_EPISODE_SHARE = 0.05
KEY_EPISODE_TYPES = {
    EventType.NOT_BROUGHT,
    EventType.REFERRAL,
    EventType.STRATEGY_DISCUSSION,
    EventType.CONFERENCE,
    EventType.HOSPITAL,
    EventType.POLICE_INCIDENT,
    EventType.ASSESSMENT,
    EventType.HOME_VISIT,
    EventType.EDUCATION,
}
# The period with no contact from any agency: longer than the gap finder's default of 90 days.
GAP_DAYS = (130, 200)
SAME_EVENT_PAIRS = (4, 7)
REVIEWER_NOTES = (
    "Check with the agency: the date differs from another agency's record of this event.",
    "Ask the agency whether this was shared with children's social care at the time.",
    "Discussed at the review group: to be explored in the practitioners' event.",
)
PREFIXES = {
    AgencyKind.CHILDRENS_SOCIAL_CARE: "CSC",
    AgencyKind.POLICE: "POL",
    AgencyKind.HEALTH_VISITING: "HV",
    AgencyKind.MIDWIFERY: "MW",
    AgencyKind.GP: "GP",
    AgencyKind.ACUTE_TRUST: "HOSP",
    AgencyKind.AMBULANCE: "AMB",
    AgencyKind.SCHOOL: "SCH",
    AgencyKind.EARLY_YEARS: "EY",
    AgencyKind.CAMHS: "CAMHS",
    AgencyKind.PROBATION: "PROB",
    AgencyKind.SUBSTANCE_MISUSE: "DAS",
    AgencyKind.ADULT_MENTAL_HEALTH: "AMH",
    AgencyKind.HOUSING: "HOU",
    AgencyKind.YOUTH_JUSTICE: "YJS",
    AgencyKind.EARLY_HELP: "EH",
}


@dataclass(frozen=True)
class Contributor:
    """An agency whose return has entries; `share` weighs how many (a draft has fewer)."""

    agency_id: int
    kind: str
    share: float = 1.0


@dataclass(frozen=True)
class Case:
    """What the texts and dates hang on: the child by pseudonym, the dates, who the adults are."""

    pseudonym: str
    date_of_birth: dt.date
    incident_on: dt.date
    aware_on: dt.date
    summary: str
    partner: str = "the mother's partner"


def generate_chronology(
    rng: random.Random, case: Case, contributors: list[Contributor], size: int, *, reviewed: bool = False
) -> list[dict]:
    """About `size` entries (field values plus `agency_id`), in date order, each agency's numbered in turn.

    `reviewed` adds a few reviewer notes, as a business manager leaves once the review group has met.
    """
    return _Generator(rng, case, contributors, reviewed).run(size)


class _Generator:
    def __init__(self, rng, case: Case, contributors, reviewed):
        self.rng = rng
        self.case = case
        self.contributors = [c for c in contributors if c.kind in PROFILES]
        self.reviewed = reviewed
        self.start = max(
            case.date_of_birth - dt.timedelta(days=420), case.incident_on - dt.timedelta(days=4 * 365)
        )
        self.end = case.incident_on - dt.timedelta(days=1)
        length = rng.randint(*GAP_DAYS)
        earliest = self.start + dt.timedelta(days=30)
        latest = self.end - dt.timedelta(days=120 + length)
        gap_start = earliest + dt.timedelta(days=rng.randint(0, max(0, (latest - earliest).days)))
        self.gap = (gap_start, gap_start + dt.timedelta(days=length))
        self.used_once: set[int] = set()
        self.windows: dict[tuple[int, str], tuple[dt.date, dt.date] | None] = {}
        self.entries: list[dict] = []

    def run(self, size: int) -> list[dict]:
        weights = [PROFILES[c.kind].weight * c.share for c in self.contributors]
        same_events = self.same_events()
        incident_day = self.incident_day()
        wanted = size - len(same_events) - len(incident_day)
        attempts = 0
        while len(self.entries) < wanted and attempts < wanted * 5:
            attempts += 1
            contributor = self.rng.choices(self.contributors, weights)[0]
            if entry := self.random_entry(contributor):
                self.entries.append(entry)
        self.cover_every_event_type()
        self.contact_before_the_gap()
        self.make_some_dates_uncertain()
        self.entries += same_events + incident_day
        self.mark_key_practice_episodes()
        return self.numbered()

    # Dates

    def window(self, template: Template, kind: str) -> tuple[dt.date, dt.date] | None:
        """The days this template can fall on for this child: its ages, within the chronology's period."""
        key = (id(template), kind)
        if key not in self.windows:
            self.windows[key] = self._window(template, kind)
        return self.windows[key]

    def _window(self, template: Template, kind: str) -> tuple[dt.date, dt.date] | None:
        low, high = template.ages or PROFILES[kind].ages
        if "{child}" in template.facts and low < 0:
            low = 0
        first = max(self.start, self.case.date_of_birth + dt.timedelta(days=low))
        last = min(self.end, self.case.date_of_birth + dt.timedelta(days=high))
        return (first, last) if first <= last else None

    def in_gap(self, first: dt.date, last: dt.date | None = None) -> bool:
        return first <= self.gap[1] and (last or first) >= self.gap[0]

    def pick_day(self, window: tuple[dt.date, dt.date]) -> dt.date | None:
        """A day in the window, more often towards its end (concerns build up before an incident), never in
        the gap."""
        first, last = window
        span = (last - first).days
        for _ in range(8):
            day = first + dt.timedelta(days=round(span * self.rng.random() ** 0.7))
            if not self.in_gap(day):
                return day
        return None

    def pick_time(self, usual: bool) -> dt.time:
        hour = self.rng.randint(0, 23) if usual else self.rng.randint(9, 16)
        return dt.time(hour, self.rng.choice((0, 5, 10, 15, 20, 30, 40, 45, 50, 55)))

    # Entries

    def values(self) -> dict:
        picked = {name: self.rng.choice(options) for name, options in VOCABULARY.items()}
        partner = self.case.partner
        return {
            **picked,
            "child": self.case.pseudonym,
            "carer": "the mother",
            "Carer": "The mother",
            "partner": partner,
            "Partner": partner[0].upper() + partner[1:],
        }

    def entry(self, contributor: Contributor, template: Template, day: dt.date, values: dict) -> dict:
        profile = PROFILES[contributor.kind]
        timed = template.timed or self.rng.random() < (0.5 if profile.times_usual else 0.15)
        start_time = self.pick_time(profile.times_usual) if timed else None
        end_on = end_time = None
        if template.event_type == EventType.HOSPITAL and self.rng.random() < 0.3:
            end_on = day + dt.timedelta(days=self.rng.randint(1, 4))
            if self.in_gap(day, end_on) or end_on > self.end:
                end_on = None
        if template.event_type == EventType.CONFERENCE and start_time:
            end_time = dt.time(min(start_time.hour + 2, 23), start_time.minute)
        return {
            "agency_id": contributor.agency_id,
            "kind": contributor.kind,
            "start_on": day,
            "start_precision": DatePrecision.DAY,
            "start_as_written": f"{day:%d/%m/%Y}",
            "start_time": start_time,
            "end_on": end_on,
            "end_time": end_time,
            "source_reference": self.source(profile.sources, day),
            "practitioner_role": self.rng.choice(profile.roles),
            "event_type": template.event_type,
            "facts": template.facts.format(**values),
            "action_outcome": template.action.format(**values),
            "significance": template.significance.format(**values) if self.rng.random() < 0.8 else "",
            "key_practice_episode": False,
            "reviewer_note": "",
        }

    def random_entry(self, contributor: Contributor) -> dict | None:
        templates = [
            template
            for template in PROFILES[contributor.kind].templates
            if id(template) not in self.used_once and self.window(template, contributor.kind)
        ]
        if not templates:
            return None
        template = self.rng.choices(templates, [template.weight for template in templates])[0]
        day = self.pick_day(self.window(template, contributor.kind))
        if day is None:
            return None
        if template.once:
            self.used_once.add(id(template))
        return self.entry(contributor, template, day, self.values())

    def source(self, patterns: tuple[str, ...], day: dt.date) -> str:
        digits = {f"n{size}": str(self.rng.randint(10 ** (size - 1), 10**size - 1)) for size in range(2, 8)}
        return self.rng.choice(patterns).format(iso=day.isoformat(), yy=f"{day:%y}", **digits)

    def cover_every_event_type(self) -> None:
        """One entry of each event type nobody has used yet, from an agency that records such events."""
        seen = {entry["event_type"] for entry in self.entries}
        for event_type in EventType.values:
            if event_type in seen:
                continue
            for contributor in self.contributors:
                templates = [
                    t
                    for t in PROFILES[contributor.kind].templates
                    if t.event_type == event_type and not t.once and self.window(t, contributor.kind)
                ]
                if not templates:
                    continue
                template = self.rng.choice(templates)
                day = self.pick_day(self.window(template, contributor.kind))
                if day is not None:
                    self.entries.append(self.entry(contributor, template, day, self.values()))
                    break

    def contact_before_the_gap(self) -> None:
        """A gap is only a gap between two contacts: make sure some agency saw the family before it."""
        if any(entry["start_on"] < self.gap[0] for entry in self.entries):
            return
        for contributor in self.contributors:
            for template in PROFILES[contributor.kind].templates:
                window = self.window(template, contributor.kind)
                if window and window[0] < self.gap[0] and not template.once:
                    day = window[0] + (min(window[1], self.gap[0] - dt.timedelta(days=1)) - window[0]) / 2
                    self.entries.append(self.entry(contributor, template, day, self.values()))
                    return

    def make_some_dates_uncertain(self) -> None:
        """Older records are often vague: "?22/05/2016", "May 2016", "2016" (ordered by the first day)."""
        cutoff = self.end - dt.timedelta(days=90)
        for entry in self.entries:
            day = entry["start_on"]
            if day > cutoff or entry["end_on"]:
                continue
            roll = self.rng.random()
            for precision, share in UNCERTAIN:
                if roll >= share:
                    roll -= share
                    continue
                self.write_uncertain(entry, day, precision)
                break

    def write_uncertain(self, entry: dict, day: dt.date, precision: str) -> None:
        if precision == DatePrecision.APPROXIMATE:
            first, last, on, written = day - dt.timedelta(7), day + dt.timedelta(7), day, f"?{day:%d/%m/%Y}"
        elif precision == DatePrecision.MONTH:
            on = day.replace(day=1)
            following = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
            first, last, written = on, following - dt.timedelta(1), f"{day:%B %Y}"
        else:
            on = dt.date(day.year, 1, 1)
            first, last, written = on, dt.date(day.year, 12, 31), str(day.year)
        if self.in_gap(first, last) or on < self.start - dt.timedelta(days=366):
            return
        entry.update(start_on=on, start_precision=precision, start_as_written=written, start_time=None)

    def same_events(self) -> list[dict]:
        """Pairs of entries two agencies made of one event: same day, same time, nearly the same facts."""
        by_kind = {}
        for contributor in self.contributors:
            by_kind.setdefault(contributor.kind, contributor)
        possible = [event for event in SAME_EVENTS if all(kind in by_kind for kind in event.kinds)]
        if not possible:
            return []
        pairs = []
        for _ in range(self.rng.randint(*SAME_EVENT_PAIRS)):
            event = self.rng.choice(possible)
            template = Template(event.event_type, event.facts, ages=event.ages)
            window = self.window(template, event.kinds[0])
            day = window and self.pick_day(window)
            if day is None:
                continue
            values = self.values()
            start_time = self.pick_time(usual=False) if self.rng.random() < 0.6 else None
            for kind, tail in zip(event.kinds, event.tails, strict=True):
                entry = self.entry(by_kind[kind], template, day, values)
                entry.update(facts=f"{entry['facts']} {tail}", start_time=start_time, end_time=None)
                pairs.append(entry)
        return pairs

    def incident_day(self) -> list[dict]:
        """The incident under review ends the chronology: the emergency, and the strategy discussion after."""
        by_kind = {c.kind: c for c in self.contributors}
        values = self.values()
        rows = (
            (
                AgencyKind.AMBULANCE,
                EventType.HOSPITAL,
                "Ambulance called to the family home for {child}.",
                "",
            ),
            (
                AgencyKind.ACUTE_TRUST,
                EventType.HOSPITAL,
                "{child} admitted: the incident under review. " + self.case.summary,
                "Child protection medical requested; police and children's social care informed.",
            ),
            (
                AgencyKind.POLICE,
                EventType.POLICE_INCIDENT,
                "Police informed by the hospital about {child}; officers attended the family home.",
                "Investigation started; the home secured for examination.",
            ),
        )
        found = []
        hour = self.rng.randint(6, 20)
        for offset, (kind, event_type, facts, action) in enumerate(rows):
            if kind in by_kind:
                entry = self.entry(
                    by_kind[kind], Template(event_type, facts, action), self.case.incident_on, values
                )
                entry.update(start_time=dt.time(min(hour + offset, 23), 15 * offset), significance="")
                found.append(entry)
        if AgencyKind.POLICE in by_kind and AgencyKind.CHILDRENS_SOCIAL_CARE in by_kind:
            facts = (
                "Strategy discussion after {child}'s admission, with police, children's social care and "
                "health."
            )
            tails = (
                "Joint section 47 enquiry and criminal investigation agreed.",
                "Safety plan for siblings agreed.",
            )
            for kind, tail in zip((AgencyKind.POLICE, AgencyKind.CHILDRENS_SOCIAL_CARE), tails, strict=True):
                entry = self.entry(
                    by_kind[kind], Template(EventType.STRATEGY_DISCUSSION, facts), self.case.aware_on, values
                )
                entry.update(facts=f"{entry['facts']} {tail}", start_time=dt.time(11, 0), significance="")
                found.append(entry)
        return found

    def mark_key_practice_episodes(self) -> None:
        candidates = [
            entry
            for entry in self.entries
            if entry["event_type"] in KEY_EPISODE_TYPES and entry["start_on"] < self.case.incident_on
        ]
        count = min(len(candidates), max(1, round(KEY_EPISODE_SHARE * len(self.entries))))
        for entry in self.rng.sample(candidates, count):
            entry["key_practice_episode"] = True
        if self.reviewed:
            for entry in self.rng.sample(self.entries, max(1, len(self.entries) // 100)):
                entry["reviewer_note"] = self.rng.choice(REVIEWER_NOTES)

    def numbered(self) -> list[dict]:
        """In date order, each agency's entries numbered as its own extract would be ("POL-012")."""
        self.entries.sort(key=lambda e: (e["start_on"], e["start_time"] or dt.time.min, e["agency_id"]))
        counts: dict[int, int] = {}
        for entry in self.entries:
            counts[entry["agency_id"]] = counts.get(entry["agency_id"], 0) + 1
            prefix = PREFIXES.get(entry.pop("kind"), "AG")
            entry["reference"] = f"{prefix}-{counts[entry['agency_id']]:03d}"
        return self.entries
