"""A labelled corpus for the anonymisation benchmark: briefing-style texts about fictional reviews.

Each document is a practitioner briefing built from paragraph templates (bench/anonymisation_texts/:
`clean.txt` holds the text a published briefing is made of, `identifying.txt` the kind of paragraph an
unredacted draft contains). Safe slots get what a report may publish and a checker must leave alone: the
review's pseudonyms ("Child K", "Baby Eva"), "Mother", agency names, role titles, meeting dates, years,
sums, statutory references. Identifier slots get fictional values of every `IdentifierType`, in the forms
people write them, and each inserted span is recorded as a `Label` (type, start, end, text).

Everything is invented or generic: names from the lists below (mixed backgrounds and generations), street
and school names built from common words, phone numbers in Ofcom's drama ranges (07700 900xxx, 0113 496
0xxx, 020 7946 0xxx ...), emails at example.com/.org/.net, NHS numbers with a valid check digit (half in
the 999 test range), NI numbers with valid prefixes. The same seed gives the same corpus.
"""

import datetime as dt
import random
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

TEXTS = Path(__file__).resolve().parent / "anonymisation_texts"
SLOT = re.compile(r"\{(\w+)\}")


def load_words() -> dict[str, list[str]]:
    """The [section]s of words.txt, one entry per line."""
    sections: dict[str, list[str]] = {}
    entries: list[str] = []
    for line in (TEXTS / "words.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("[") and line.endswith("]"):
            entries = sections.setdefault(line[1:-1], [])
        elif line and not line.startswith("#"):
            entries.append(line)
    return sections


WORDS = load_words()
SURNAMES = WORDS["surnames"]
PLACES = [tuple(part.strip() for part in line.split("|")) for line in WORDS["places"]]
REVIEWERS = [tuple(part.strip() for part in line.split("|")) for line in WORDS["reviewers"]]
PERSON_SLOTS = {  # slot -> (whose name, first name only)
    **{role: (role, False) for role in ("mother", "father", "partner", "grandparent", "sibling")},
    **{
        f"{role}_first": (role, True)
        for role in ("mother", "father", "partner", "grandparent", "sibling", "child")
    },
}
POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
VRM_LETTERS = "ABCDEFGHJKLMNOPRSTUVWXY"


@dataclass(frozen=True)
class Label:
    """One inserted identifier: `text` is `document.text[start:end]`."""

    type: str
    start: int
    end: int
    text: str


@dataclass
class Document:
    """A briefing, its labels, and what its review declares: pseudonyms and names it may publish."""

    name: str
    text: str
    labels: list[Label] = field(default_factory=list)
    pseudonyms: tuple[str, ...] = ()
    allowed: tuple[str, ...] = ()

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    title: str
    middle: str = ""


def load_templates(name: str) -> list[str]:
    """Paragraphs of a template file (blank-line separated, "#" lines are comments)."""
    lines = [
        line for line in (TEXTS / name).read_text(encoding="utf-8").splitlines() if not line.startswith("#")
    ]
    return [paragraph.strip() for paragraph in "\n".join(lines).split("\n\n") if paragraph.strip()]


def build_corpus(docs: int = 250, seed: int = 0) -> list[Document]:
    """`docs` documents: one in five clean (at least one), the rest with identifiers. Each identified
    document covers the next seven identifier types of a cycle over all of them, so every type appears
    even in a tiny corpus."""
    clean_templates, identifying_templates = load_templates("clean.txt"), load_templates("identifying.txt")
    by_type = _templates_by_type(identifying_templates)
    clean_count = max(1, docs // 5)
    cycle: list[str] = []
    documents = []
    for index in range(docs):
        rng = random.Random(f"{seed}-{index}")
        if index % 5 == 4 or docs - index <= clean_count - sum(d.labels == [] for d in documents):
            documents.append(
                _document(f"clean-{index:04d}", rng, rng.sample(clean_templates, rng.randint(6, 9)))
            )
            continue
        if len(cycle) < 7:
            extra = sorted(by_type)
            rng.shuffle(extra)
            cycle.extend(extra)
        wanted, cycle = cycle[:7], cycle[7:]
        chosen: list[str] = []
        for kind in wanted:
            options = [template for template in by_type[kind] if template not in chosen]
            chosen.append(rng.choice(options))
        paragraphs = chosen + rng.sample(clean_templates, rng.randint(3, 5))
        rng.shuffle(paragraphs)
        documents.append(_document(f"draft-{index:04d}", rng, paragraphs))
    return documents


def _templates_by_type(templates: list[str]) -> dict[str, list[str]]:
    by_type: dict[str, list[str]] = {}
    for template in templates:
        for slot in SLOT.findall(template):
            for kind in IDENTIFIER_SLOTS.get(slot, ()):
                if template not in by_type.setdefault(kind, []):
                    by_type[kind].append(template)
    return by_type


def _document(name: str, rng: random.Random, paragraphs: list[str]) -> Document:
    cast = Cast(rng)
    text_parts: list[str] = []
    labels: list[Label] = []
    length = 0
    heading = "{partnership}\nChild Safeguarding Practice Review: {child}\nIndependent reviewer: {reviewer}"
    for template in [heading, *paragraphs]:
        if text_parts:
            text_parts.append("\n\n")
            length += 2
        for piece in _pieces(template, cast):
            if isinstance(piece, tuple):
                kind, value = piece
                labels.append(Label(kind, length, length + len(value), value))
                piece = value
            text_parts.append(piece)
            length += len(piece)
    return Document(
        name=name,
        text="".join(text_parts),
        labels=labels,
        pseudonyms=(cast.pseudonym, "Sibling 1"),
        allowed=(cast.reviewer_name, cast.place[5]),
    )


def _pieces(template: str, cast: "Cast"):
    """The template's literal text and its slots' pieces: plain strings (safe) or (type, text) labels."""
    position = 0
    for match in SLOT.finditer(template):
        yield template[position : match.start()]
        yield from cast.fill(match.group(1))
        position = match.end()
    yield template[position:]


class Cast:
    """The people, places and numbers of one fictional review, so that repeated mentions agree."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.place = rng.choice(PLACES)
        self.reviewer, self.reviewer_name = rng.choice(REVIEWERS)
        letter = rng.choice("ABCDEFGHJKLMNPRSTWY")
        baby = rng.random() < 0.2
        self.pseudonym = f"Baby {rng.choice(WORDS['pseudonym_names'])}" if baby else f"Child {letter}"
        family = rng.choice(SURNAMES)
        self.people = {
            "mother": self._person(female=True, last=family if rng.random() < 0.6 else None),
            "father": self._person(female=False, last=family),
            "partner": self._person(female=False),
            "sibling": self._person(female=True, last=family),
            "child": self._person(female=rng.random() < 0.5, last=family),
        }
        self.people["grandparent"] = self._person(female=True, last=self.people["mother"].last)
        self.dob = dt.date(2008, 1, 1) + dt.timedelta(days=rng.randrange(14 * 365))

    def _person(self, *, female: bool, last: str | None = None) -> Person:
        rng = self.rng
        forenames = WORDS["forenames_female" if female else "forenames_male"]
        middle = rng.choice(forenames) if rng.random() < 0.3 else ""
        title = rng.choice(WORDS["titles_female" if female else "titles_male"])
        return Person(rng.choice(forenames), last or rng.choice(SURNAMES), title, middle)

    def _form(self, section: str, **fields) -> str:
        return self.rng.choice(WORDS[section]).format(**fields)

    def fill(self, slot: str):
        """The pieces for one slot: a safe string, or (type, text) labels with any text between them."""
        if slot in PERSON_SLOTS:
            role, first_only = PERSON_SLOTS[slot]
            person = self.people[role]
            yield ("person_name", person.first if first_only else self._name(person))
        elif slot in SAFE_SLOTS:
            yield SAFE_SLOTS[slot](self)
        else:
            yield from getattr(self, f"_{slot}")()

    def _name(self, person: Person) -> str:
        """A name as reports write it: full, with a title, with a middle name, in capitals, first only."""
        form = self.rng.random()
        if form < 0.5:
            return f"{person.first} {person.last}"
        if form < 0.68:
            return f"{person.title} {person.last}"
        if form < 0.78:
            return f"{person.title} {person.first} {person.last}"
        if form < 0.86 and person.middle:
            return f"{person.first} {person.middle} {person.last}"
        if form < 0.92:
            return f"{person.first} {person.last}".upper()
        return person.first

    def _professional(self):
        yield ("person_name", self._name(self._person(female=self.rng.random() < 0.7)))

    def _professional_surname(self):
        yield ("person_name", self.rng.choice(SURNAMES))

    def _dob(self):
        yield ("date_of_birth", written_date(self.dob, self.rng))

    def _age_date(self):
        rng = self.rng
        weeks = rng.randint(2, 60)
        date = written_date(self.dob + dt.timedelta(weeks=weeks), rng, numeric=rng.random() < 0.2)
        months = max(1, round(weeks / 4.35))
        phrase = self._form("age_and_date_forms", weeks=weeks, months=months, date=date, child=self.pseudonym)
        yield ("age_and_date", phrase)

    def _street_name(self) -> str:
        return f"{self.rng.choice(WORDS['street_words'])} {self.rng.choice(WORDS['street_kinds'])}"

    def _address(self):
        rng = self.rng
        house = f"{rng.randint(1, 240)}{rng.choice(['', '', '', 'a', 'b'])} {self._street_name()}"
        yield ("street_address", f"Flat {rng.randint(1, 24)}, {house}" if rng.random() < 0.25 else house)

    def _street(self):
        yield ("street_address", self._street_name())

    def _full_address(self):
        yield from self._address()
        district = f", {self.rng.choice(WORDS['districts'])}" if self.rng.random() < 0.5 else ""
        yield f"{district}, {self.place[0]} "
        yield from self._postcode()

    def _postcode(self):
        rng = self.rng
        if rng.random() < 0.1:  # central London districts split by a letter: "SW1A 1AA", "E1W 2AB"
            outward = rng.choice(WORDS["lettered_postcode_districts"])
        else:
            outward = f"{rng.choice(WORDS['postcode_areas'])}{rng.randint(1, 20)}"
        inward = f"{rng.randint(0, 9)}{rng.choice(POSTCODE_LETTERS)}{rng.choice(POSTCODE_LETTERS)}"
        form = rng.random()
        code = f"{outward} {inward}" if form < 0.8 else f"{outward}{inward}"
        yield ("postcode", code.lower() if form >= 0.9 else code)

    def _mobile(self):
        yield ("phone_number", self._phone_number("mobile_patterns"))

    def _phone(self):
        patterns = "mobile_patterns" if self.rng.random() < 0.4 else "landline_patterns"
        yield ("phone_number", self._phone_number(patterns))

    def _phone_number(self, patterns: str) -> str:
        """A drama-range number as people write it: spaced, run together, hyphenated, (area code), +44."""
        rng = self.rng
        number = rng.choice(WORDS[patterns]).replace("xxx", f"{rng.randint(0, 999):03d}")
        parts = number.split(" ")
        return rng.choice(
            [
                number,
                "".join(parts),
                "-".join(parts),
                f"({parts[0]}) {' '.join(parts[1:])}",
                f"+44 {number[1:]}",
                f"+44 (0){number[1:]}",
            ]
        )

    def _email(self):
        rng = self.rng
        people = [self.people["mother"], self.people["father"], self.people["partner"]]
        person = rng.choice([*people, self._person(female=rng.random() < 0.5)])
        first, last = (
            _ascii(person.first).lower(),
            _ascii(person.last).lower().replace("'", "").replace(" ", ""),
        )
        local = rng.choice(
            [f"{first}.{last}", f"{first[0]}.{last}", f"{first}{rng.randint(1, 99)}", f"{first}_{last[:3]}x"]
        )
        address = f"{local}@{rng.choice(WORDS['email_domains'])}"
        yield ("email_address", address.upper() if rng.random() < 0.05 else address)

    def _handle(self):
        rng = self.rng
        name = f"{rng.choice(WORDS['handle_words'])}{rng.choice(['', '_', '.'])}{rng.randint(0, 2012)}"
        yield ("social_media_handle", self._form("handle_forms", name=name))

    def _nhs(self):
        yield ("nhs_number", nhs_number(self.rng))

    def _nino(self):
        rng = self.rng
        prefix = "BG"
        while prefix in {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}:
            prefix = rng.choice("ABCEGHJKLMNOPRSTWXYZ") + rng.choice("ABCEGHJKLMNPRSTWXYZ")
        digits, suffix = f"{rng.randint(0, 999999):06d}", rng.choice("ABCD")
        spaced = f"{prefix} {digits[:2]} {digits[2:4]} {digits[4:]} {suffix}"
        text = rng.choice(
            [spaced, f"{prefix}{digits}{suffix}", f"{prefix} {digits} {suffix}", spaced.lower()]
        )
        yield ("ni_number", text)

    def _case_ref(self):
        rng = self.rng
        year = rng.randint(2018, 2023)
        numbers = {f"n{size}": f"{rng.randint(1, 10**size - 1):0{size}d}" for size in (2, 3, 4, 5, 6, 7)}
        reference = self._form(
            "case_reference_forms",
            year=year,
            yy=f"{year % 100:02d}",
            n4b=f"{rng.randint(0, 9999):04d}",
            **numbers,
        )
        yield ("case_reference", reference)

    def _vrm(self):
        rng = self.rng
        form = rng.random()
        if form < 0.8:
            age = rng.choice([f"{n:02d}" for n in range(2, 24)] + [str(n) for n in range(52, 74)])
            text = f"{''.join(rng.choices(VRM_LETTERS, k=2))}{age} {''.join(rng.choices(VRM_LETTERS, k=3))}"
            style = rng.random()
            text = text if style < 0.8 else (text.replace(" ", "") if style < 0.9 else text.lower())
        elif form < 0.92:  # the older prefix and suffix styles, still on the road
            text = f"{rng.choice('PRSTVWXY')}{rng.randint(1, 999)} {''.join(rng.choices(VRM_LETTERS, k=3))}"
        else:
            text = f"{''.join(rng.choices(VRM_LETTERS, k=3))} {rng.randint(1, 999)}{rng.choice(VRM_LETTERS)}"
        yield ("vehicle_registration", text)

    def _setting(self, section: str) -> str:
        rng = self.rng
        return self._form(
            section,
            word=rng.choice(WORDS["setting_words"]),
            street_word=rng.choice(WORDS["street_words"]),
            saint=rng.choice(WORDS["saints"]),
            nursery=rng.choice(WORDS["nursery_words"]),
            n2=rng.randint(1, 52),
        )

    def _school(self):
        yield ("school", self._setting("school_forms"))

    def _nursery(self):
        yield ("school", self._setting("nursery_forms"))

    def _hospital(self):
        yield ("health_setting", self._setting("hospital_forms"))

    def _ward(self):
        yield ("health_setting", self._setting("ward_forms"))

    def _gp(self):
        yield ("health_setting", self._setting("gp_forms"))


IDENTIFIER_SLOTS = {
    **dict.fromkeys([*PERSON_SLOTS, "professional", "professional_surname"], ("person_name",)),
    "dob": ("date_of_birth",),
    "age_date": ("age_and_date",),
    "address": ("street_address",),
    "street": ("street_address",),
    "full_address": ("street_address", "postcode"),
    "postcode": ("postcode",),
    "mobile": ("phone_number",),
    "phone": ("phone_number",),
    "email": ("email_address",),
    "handle": ("social_media_handle",),
    "nhs": ("nhs_number",),
    "nino": ("ni_number",),
    "case_ref": ("case_reference",),
    "vrm": ("vehicle_registration",),
    "school": ("school",),
    "nursery": ("school",),
    "hospital": ("health_setting",),
    "ward": ("health_setting",),
    "gp": ("health_setting",),
}

SAFE_SLOTS = {
    "child": lambda cast: cast.pseudonym,
    "reviewer": lambda cast: cast.reviewer,
    "town": lambda cast: cast.rng.choice([cast.place[0], *WORDS["districts"][:5]]),
    "council": lambda cast: cast.place[1],
    "police": lambda cast: cast.place[2],
    "trust": lambda cast: cast.place[3],
    "partnership": lambda cast: cast.place[5],
    "agency": lambda cast: cast.rng.choice([*WORDS["agencies"], cast.place[1], cast.place[4]]),
    "agency2": lambda cast: cast.rng.choice(WORDS["agencies"]),
    "role": lambda cast: cast.rng.choice(WORDS["roles"]),
    "statute": lambda cast: cast.rng.choice(WORDS["statutes"]),
    "meeting_date": lambda cast: meeting_date(cast.rng, 2019, 2021),
    "meeting_date2": lambda cast: meeting_date(cast.rng, 2022, 2023),
    "year": lambda cast: str(cast.rng.randint(2017, 2020)),
    "year2": lambda cast: str(cast.rng.randint(2021, 2023)),
    "money": lambda cast: f"£{cast.rng.randint(20, 9999):,}",
    "count": lambda cast: str(cast.rng.randint(2, 9)),
    "age": lambda cast: cast.rng.choice(
        [f"{cast.rng.randint(2, 23)} months old", f"{cast.rng.randint(2, 15)} years old"]
    ),
    "time": lambda cast: cast.rng.choice(["02:15", "11.40pm", "23:05", "4am"]),
}


def written_date(date: dt.date, rng: random.Random, *, numeric: bool | None = None) -> str:
    """A date the way reports write them: "3 April 2019", "3rd April 2019", "03/04/2019", "3/4/19" ..."""
    numeric = rng.random() < 0.5 if numeric is None else numeric
    day, month, year = date.day, date.month, date.year
    if numeric:
        return rng.choice(
            [
                f"{day:02d}/{month:02d}/{year}",
                f"{day}/{month}/{year % 100:02d}",
                f"{day:02d}.{month:02d}.{year}",
                f"{day:02d}-{month:02d}-{year}",
                f"{year}-{month:02d}-{day:02d}",
                f"{day}/{month}/{year}",
            ]
        )
    name = date.strftime("%B")
    suffix = "th" if 11 <= day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return rng.choice(
        [
            f"{day} {name} {year}",
            f"{day}{suffix} {name} {year}",
            f"{name} {day}, {year}",
            f"{day} {name[:3]} {year}",
        ]
    )


def meeting_date(rng: random.Random, first_year: int, last_year: int) -> str:
    """A date of a meeting or visit: publishable, not tied to the child's birth."""
    date = dt.date(first_year, 1, 1) + dt.timedelta(days=rng.randrange((last_year - first_year + 1) * 365))
    return written_date(date, rng, numeric=rng.random() < 0.15)


def nhs_number(rng: random.Random) -> str:
    """A 10-digit NHS number with a valid modulus-11 check digit (half in the 999 test range), written
    spaced, run together or hyphenated."""
    while True:
        head = ("999" if rng.random() < 0.5 else str(rng.randint(400, 799))) + f"{rng.randint(0, 999999):06d}"
        check = 11 - sum(int(digit) * (10 - position) for position, digit in enumerate(head)) % 11
        if check != 10:
            digits = head + str(0 if check == 11 else check)
            return rng.choice(["{} {} {}", "{}{}{}", "{}-{}-{}"]).format(digits[:3], digits[3:6], digits[6:])


def nhs_check_digit_valid(number: str) -> bool:
    digits = [int(char) for char in number if char.isdigit()]
    if len(digits) != 10:
        return False
    check = 11 - sum(digit * (10 - position) for position, digit in enumerate(digits[:9])) % 11
    return (0 if check == 11 else check) == digits[9]


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
