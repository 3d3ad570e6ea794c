"""Dates that give away when a child (or a family member) was born.

Reports are full of dates: meetings, referrals, visits. A date on its own identifies nobody, so nothing here
flags a bare date. Two things do identify:

- `date_of_birth`: a date tied to a birth by the words around it ("DOB 03/04/2019", "born on 3 April 2019",
  "Kayden (born 3 April 2019)", "birthday on 3 April", "3 April 2019: Child K was born"), and any spelling
  of a date of birth the review already knows (`date_of_birth_recogniser`).
- `age_and_date`: an exact age on an exact date, from which anyone can work back to the birth date ("aged
  14 weeks on 2 May 2020", "On 2 May 2020, when Child K was 3 months old", "turned 2 on 5 May", "his first
  birthday on 3 April 2020").

Decisions, so a reviewer knows what is and is not flagged:
- An age in whole years with a date ("aged 15 on 3 March 2021") is NOT flagged: it narrows the birth to a
  twelve-month window, no more than the year of birth most reports give. A precise change of age ("turned
  15 on 3 March 2021", "his 15th birthday on ...") IS flagged, because it gives the day of birth. An age
  with months, weeks or days is flagged, surer the finer the unit.
- Only exact dates count: a day and a month. "Born in April 2019" or "born in 2019" is not flagged.
- A vague age ("about 3 months old", "6-8 weeks old") and a pregnancy ("20 weeks pregnant", "34 weeks'
  gestation") are not ages of the child.
- A trigger and its date must sit in the same clause with no "and", "then", "was" and the like between
  them, so "born in 2019 and the strategy meeting was held on 3 April 2021" stays clean.
"""

import datetime as dt
import re
from dataclasses import dataclass

from presidio_analyzer import EntityRecognizer, RecognizerResult

from cspr.chronology.dates import MONTH_NAMES
from cspr.chronology.dates import MONTHS_BY_NAME as MONTH_NUMBERS

from .results import result

DATE_OF_BIRTH = "date_of_birth"
AGE_AND_DATE = "age_and_date"


# Month names start with a capital ("3 may" is a verb more often than a month); the rest in any case. The
# dot of "Apr." belongs to the date only when a year follows, else it is the sentence's full stop.
MONTH = (
    r"(?:J(?i:an(?:uary)?|une?|uly?)|F(?i:eb(?:ruary)?)|M(?i:ar(?:ch)?|ay)|A(?i:pr(?:il)?|ug(?:ust)?)"
    r"|S(?i:ep(?:t(?:ember)?)?)|O(?i:ct(?:ober)?)|N(?i:ov(?:ember)?)|D(?i:ec(?:ember)?))(?![A-Za-z])(?:\.(?=\s*\d))?"
)
WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)"
DAY = r"(?:3[01]|[12]\d|0?[1-9])"
SUFFIX = r"(?:st|nd|rd|th)"
YEAR4 = r"(?:19|20)\d{2}(?!\d)"

DATE = re.compile(
    rf"(?<![\w/.\-£$]){WEEKDAY}?(?:"
    # ISO: 2019-04-03
    rf"(?P<iy>{YEAR4})[-/](?P<im>1[0-2]|0[1-9])[-/](?P<id>3[01]|[12]\d|0[1-9])(?![\w\-/])"
    # numeric, day first: 03/04/2019, 3.4.19, 3-4-2019
    rf"|(?P<nd>{DAY})(?P<sep>[/.\-])(?P<nm>1[0-2]|0?[1-9])(?P=sep)(?P<ny>{YEAR4}|\d{{2}}(?!\d))(?![\w/\-]|\.\d)"
    # words, day first: 3 April 2019, 3rd of Apr. 2019, 03-Apr-19, 3 April
    rf"|(?P<wd>{DAY}){SUFFIX}?(?:\s+of)?[\s\-]{{0,2}}(?P<wm>{MONTH})"
    rf"(?:(?:,?[ \t\n]{{1,3}}|\s?-\s?)(?P<wy>{YEAR4}|['’]\d{{2}}(?!\d))|-(?P<wy2>\d{{2}})(?!\d))?"
    # words, month first: April 3, 2019 / April 3rd (a year or a suffix, else "May 3" is too often a count)
    rf"|(?P<md>{MONTH})\s+(?P<mdd>{DAY})(?:(?P<mds>{SUFFIX})(?![a-z]))?(?!\d)(?:,?\s+(?P<mdy>{YEAR4}))?"
    r")"
)

# A clause ends at a full stop (not the dots of "D.O.B." or "b."), "!", "?", ";" or a blank line; a single
# line break is only the wrapping of a line in a PDF.
CLAUSE_END = re.compile(r"(?<!\b[A-Za-z])\.(?=\s)|[!?;]|\n\s*\n")
BLANK_LINE = re.compile(r"\n\s*\n")
# Words that, between a trigger and a date, mean the date belongs to something else.
UNRELATED = re.compile(
    r"(?i)\b(?:and|but|then|later|after|before|following|until|since|whereas|was|were|is|are|has|had|have|"
    r"that|who|which|moved|came|arrived|left|discharged|died|registered|meeting|review|conference|visit)\b"
)

DOB_LABEL = re.compile(
    r"(?i)(?:\bd\.?\s?o\.?\s?b\b\.?|\bdate\s+of\s+birth\b|\bbirth\s?date\b)"
    r"(?P<gap>[^\d;!?.]{0,30}?)\(?$"
)
SHORT_B = re.compile(r"(?:^|[\s(,;])b\.\s*$")
BORN_BEFORE = re.compile(r"(?i)\bborn\b(?P<gap>[^,]{0,70})$")
BIRTH_BEFORE = re.compile(
    r"(?i)(?<![\w\-])(?<!pre )(?<!post )birth(?:\s+of\s+[^\d,]{1,25}?)?"
    r"\s*(?:on|was\s+on|took\s+place\s+on|:|\(|-|–)?\s*$"
)
BORN_AFTER = re.compile(r"(?i)^(?P<gap>[^,]{0,45}?)\b(?:was\s+|were\s+|is\s+)?born\b")
BIRTHDAY_BEFORE = re.compile(r"(?i)\bbirthday\b(?P<gap>[^,]{0,25}?)\(?$")
BIRTHDAY_AFTER = re.compile(r"(?i)^(?P<gap>[^.]{0,40}?)\bbirthday\b")
ORDINAL_WORDS = (
    "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|"
    "fourteenth|fifteenth|sixteenth|seventeenth|eighteenth"
)
ORDINAL_BEFORE = re.compile(rf"(?i)\b(?:{ORDINAL_WORDS}|\d{{1,2}}(?:st|nd|rd|th))\s+$")

NUMBER = (
    r"(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|"
    r"thirty|forty|fifty)"
)
UNIT = r"(?:days?|weeks?|wks?|months?|mths?|years?|yrs?)"
SHORT_UNIT = r"(?:days?|weeks?|wks?|months?|mths?)"
AGE = re.compile(
    rf"(?i)(?<![\w\-–])(?:"
    rf"aged?:?\s+{NUMBER}(?:\s*(?P<u1>{UNIT}))?(?:,?\s*(?:and\s+)?{NUMBER}\s*(?P<u1b>{UNIT}))?"
    rf"(?:\s+old)?"
    rf"|{NUMBER}[ \t\-]*(?P<u2>{UNIT})(?:,?\s*(?:and\s+)?{NUMBER}[ \t\-]*(?P<u2b>{UNIT}))?"
    rf"[ \t\-]+(?:old|of\s+age)"
    rf"|(?:was|is|being|now)\s+{NUMBER}\s+(?P<u3>{SHORT_UNIT})(?=\s*(?:[,.;:)]|$)|\s+(?:at|on|when|and|during)\b)"
    rf"|(?P<turned>turned|turns)\s+{NUMBER}(?:\s+{UNIT})?(?:\s+old)?"
    rf"|(?P<ordinal>{ORDINAL_WORDS}|\d{{1,2}}(?:st|nd|rd|th))\s+birthday"
    r")(?![\w\-])"
)
VAGUE_BEFORE = re.compile(
    r"(?i)(?:\b(?:about|around|approximately|approx\.?|nearly|almost|over|under|just|roughly|circa|c\.|than|"
    r"least|to|between|some|or)|\d\s*[-–])\s*$"
)
PREGNANCY_AFTER = re.compile(
    r"(?i)^\s*['’]?\s*(?:gestation|gestational|pregnant|of\s+pregnancy|premature|early)"
)
AGE_GAP_UNRELATED = re.compile(
    r"(?i)\b(?:and|but|then|later|after|before|following|until|since|whereas|previously|subsequently)\b"
)


@dataclass(frozen=True)
class FoundDate:
    start: int
    end: int
    day: int
    month: int
    year: int | None

    def as_date(self) -> dt.date | None:
        return dt.date(self.year, self.month, self.day) if self.year else None


def find_dates(text: str) -> list[FoundDate]:
    """Every real calendar date written in `text`, read the British way (03/04/2019 is 3 April)."""
    found = []
    for match in DATE.finditer(text):
        parsed = _parsed(match)
        if parsed is not None:
            found.append(FoundDate(match.start(), match.end(), *parsed))
    return found


def _parsed(match: re.Match) -> tuple[int, int, int | None] | None:
    group = match.group
    if group("iy"):
        day, month, year = int(group("id")), int(group("im")), int(group("iy"))
    elif group("nd"):
        day, month, year = int(group("nd")), int(group("nm")), _full_year(group("ny"))
    elif group("wd"):
        year_text = group("wy") or group("wy2")
        day, month = int(group("wd")), _month(group("wm"))
        year = _full_year(year_text.lstrip("'’")) if year_text else None
    else:
        if not (group("mdy") or group("mds")):
            return None
        day, month = int(group("mdd")), _month(group("md"))
        year = int(group("mdy")) if group("mdy") else None
    try:
        dt.date(year or 2000, month, day)
    except ValueError:
        return None
    return day, month, year


def _month(text: str) -> int:
    return MONTH_NUMBERS[text.rstrip(".").lower()]


def _full_year(text: str) -> int:
    """Two-digit years: up to this year's two digits are this century, the rest the last one."""
    year = int(text)
    if len(text) == 4:
        return year
    return 2000 + year if year <= dt.datetime.now(tz=dt.UTC).year % 100 else 1900 + year


def date_spellings(date: dt.date) -> list[str]:
    """The ways a British report writes `date`, for finding and replacing a known date of birth."""
    day, month, year = date.day, date.month, date.year
    full, short = MONTH_NAMES[month - 1], MONTH_NAMES[month - 1][:3]
    suffix = "th" if 11 <= day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    days = [str(day), f"{day:02d}", f"{day}{suffix}"]
    spellings = [f"{date:%A} {day} {full} {year}"]
    for month_name in dict.fromkeys([full, short, "Sept" if month == 9 else short]):
        spellings += [f"{form} {month_name} {year}" for form in days]
        spellings += [f"{month_name} {day}, {year}", f"{month_name} {day}{suffix}, {year}"]
    spellings += [
        f"{day}{suffix} of {full} {year}",
        f"{day:02d}-{short}-{year}",
        f"{day}-{short}-{year % 100:02d}",
    ]
    for separator in "/.-":
        for day_form, month_form in ((f"{day:02d}", f"{month:02d}"), (str(day), str(month))):
            spellings += [
                f"{day_form}{separator}{month_form}{separator}{y}" for y in (year, f"{year % 100:02d}")
            ]
    spellings.append(date.isoformat())
    return list(dict.fromkeys(spellings))


def _result(recogniser, entity: str, start: int, end: int, score: float, rule: str) -> RecognizerResult:
    return result(recogniser, entity, start, end, score, rule, rule=rule)


def _clause_before(text: str, start: int, reach: int = 90) -> str:
    window = text[max(0, start - reach) : start]
    ends = list(CLAUSE_END.finditer(window))
    return window[ends[-1].end() :] if ends else window


def _clause_after(text: str, end: int, reach: int = 60) -> str:
    window = text[end : end + reach]
    stop = CLAUSE_END.search(window)
    return window[: stop.start()] if stop else window


def _clean_gap(gap: str, most_words: int) -> bool:
    return not UNRELATED.search(gap) and not DATE.search(gap) and len(gap.split()) <= most_words


class DateOfBirthRecogniser(EntityRecognizer):
    """Dates tied to a birth by the words around them. Scores: a "DOB" or "date of birth" label 0.95,
    "born (on)" before the date 0.9, "birth on" / "birthday" 0.8, "... was born" after the date 0.75."""

    def __init__(self):
        super().__init__(
            supported_entities=[DATE_OF_BIRTH], name="cspr dates of birth", supported_language="en"
        )

    def load(self) -> None:
        """Nothing to load: the patterns are compiled when the module is imported."""

    def analyze(self, text: str, entities: list[str] | None = None, nlp_artifacts=None) -> list:
        if entities is not None and DATE_OF_BIRTH not in entities:
            return []
        results = []
        for date in find_dates(text):
            judged = self._judge(text, date)
            if judged is not None:
                results.append(_result(self, DATE_OF_BIRTH, date.start, date.end, *judged))
        return results

    def _judge(self, text: str, date: FoundDate) -> tuple[float, str] | None:
        raw_before = text[max(0, date.start - 60) : date.start]
        label = DOB_LABEL.search(raw_before)
        if label and not BLANK_LINE.search(label.group("gap")) and len(label.group("gap").split()) <= 4:
            return 0.95, "labelled as a date of birth"
        if SHORT_B.search(raw_before):
            return 0.85, "written after 'b.' (born)"
        before = _clause_before(text, date.start)
        born = BORN_BEFORE.search(before)
        if born and _clean_gap(born.group("gap"), 10):
            return 0.9, "follows the word 'born'"
        if BIRTH_BEFORE.search(before):
            return 0.8, "follows the word 'birth'"
        birthday = BIRTHDAY_BEFORE.search(before)
        if (
            birthday
            and _clean_gap(birthday.group("gap"), 4)
            and not ORDINAL_BEFORE.search(before[: birthday.start()])
        ):
            return 0.8, "given as a birthday"
        after = _clause_after(text, date.end)
        born_after = BORN_AFTER.search(after)
        if born_after and _clean_gap(born_after.group("gap"), 6):
            return 0.75, "followed by the word 'born'"
        birthday_after = BIRTHDAY_AFTER.search(after)
        if (
            birthday_after
            and _clean_gap(birthday_after.group("gap"), 5)
            and not ORDINAL_BEFORE.search(after[: birthday_after.end("gap")])
        ):
            return 0.8, "given as a birthday"
        return None


class AgeAndDateRecogniser(EntityRecognizer):
    """An exact age next to an exact date in one clause. The span covers both, so a reader sees the pair.
    Scores: a birthday or "turned N" 0.9, days 0.9, weeks 0.85, months 0.75; whole years are not flagged."""

    def __init__(self):
        super().__init__(
            supported_entities=[AGE_AND_DATE], name="cspr age with date", supported_language="en"
        )

    def load(self) -> None:
        """Nothing to load: the patterns are compiled when the module is imported."""

    def analyze(self, text: str, entities: list[str] | None = None, nlp_artifacts=None) -> list:
        if entities is not None and AGE_AND_DATE not in entities:
            return []
        dates = find_dates(text)
        if not dates:
            return []
        ages = [age for age in AGE.finditer(text) if self._precise(text, age)]
        results = []
        for age in ages:
            score, rule = self._score(age)
            if score is None:
                continue
            date = self._partner(text, age, dates, ages)
            if date is not None:
                start, end = min(age.start(), date.start), max(age.end(), date.end)
                results.append(_result(self, AGE_AND_DATE, start, end, score, rule))
        return results

    @staticmethod
    def _precise(text: str, age: re.Match) -> bool:
        return not VAGUE_BEFORE.search(text[max(0, age.start() - 20) : age.start()]) and not (
            PREGNANCY_AFTER.search(text[age.end() : age.end() + 30])
        )

    @staticmethod
    def _score(age: re.Match) -> tuple[float | None, str]:
        if age.group("ordinal") or age.group("turned"):
            return 0.9, "a birthday on a date gives the date of birth"
        units = " ".join(age.group(name) or "" for name in ("u1", "u1b", "u2", "u2b", "u3")).lower()
        if units.startswith("day") or " day" in units:
            return 0.9, "an age in days on a date gives the date of birth"
        if "w" in units:
            return 0.85, "an age in weeks on a date gives the date of birth within a week"
        if "m" in units:
            return 0.75, "an age in months on a date gives the date of birth within a month"
        return None, ""

    @staticmethod
    def _partner(text: str, age: re.Match, dates: list[FoundDate], ages: list[re.Match]) -> FoundDate | None:
        """The date in the same clause as `age`, nearest after it (the "on 2 May" form), else before it,
        with nothing between them that makes it another event's date."""
        after = [date for date in dates if date.start >= age.end() and date.start - age.end() <= 50]
        before = [date for date in dates if date.end <= age.start() and age.start() - date.end <= 50]
        for date in after[:1] + before[-1:]:
            low, high = (age.end(), date.start) if date.start >= age.end() else (date.end, age.start())
            gap = text[low:high]
            if CLAUSE_END.search(gap) or AGE_GAP_UNRELATED.search(gap):
                continue
            if any(low <= other.start() < high for other in ages):
                continue
            return date
        return None


class KnownDatesRecogniser(EntityRecognizer):
    """Any spelling of dates of birth the review knows, wherever they appear, whatever the words around."""

    def __init__(self, dates: list[dt.date]):
        self.dates = frozenset(dates)
        super().__init__(
            supported_entities=[DATE_OF_BIRTH], name="cspr known dates of birth", supported_language="en"
        )

    def load(self) -> None:
        """Nothing to load: the dates are given."""

    def analyze(self, text: str, entities: list[str] | None = None, nlp_artifacts=None) -> list:
        if entities is not None and DATE_OF_BIRTH not in entities:
            return []
        return [
            _result(self, DATE_OF_BIRTH, date.start, date.end, 1.0, "a date of birth the review knows")
            for date in find_dates(text)
            if date.as_date() in self.dates
        ]


def date_of_birth_recogniser(dates: list[dt.date]) -> EntityRecognizer:
    """A recogniser for the known dates of birth of the people in a review (score 1.0)."""
    return KnownDatesRecogniser(dates)


def recognisers() -> list:
    return [DateOfBirthRecogniser(), AgeAndDateRecogniser()]
