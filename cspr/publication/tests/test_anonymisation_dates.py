"""Dates of birth and age-with-date combinations: found in every way reports write them, and never a
meeting date, a review date or a vague age."""

import datetime as dt

import pytest

from cspr.publication.anonymisation.checker import check_text
from cspr.publication.anonymisation.findings import IdentifierType
from cspr.publication.anonymisation.recognisers import dates
from cspr.publication.tests.passage_dates_places import passage

BIRTH_TYPES = {IdentifierType.DATE_OF_BIRTH, IdentifierType.AGE_AND_DATE}


@pytest.fixture(scope="module")
def birth_findings():
    """The checker's date findings for a text (the first call loads the engine, about 4 s)."""

    def found(text: str) -> list[tuple[str, str]]:
        return [(f.type.value, f.text) for f in check_text(text).findings if f.type in BIRTH_TYPES]

    return found


def recognised(text: str) -> list[tuple[str, str, float]]:
    return [
        (result.entity_type, text[result.start : result.end], result.score)
        for recogniser in dates.recognisers()
        for result in recogniser.analyze(text, None)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DOB 03/04/2019", "03/04/2019"),
        ("D.O.B: 3.4.19", "3.4.19"),
        ("d.o.b. 3-4-2019 (mother's records)", "3-4-2019"),
        ("Child K was born on 3 April 2019 at home.", "3 April 2019"),
        ("He was born 3rd April 2019.", "3rd April 2019"),
        ("date of birth: 2019-04-03", "2019-04-03"),
        ("Date of birth\n03/04/2019", "03/04/2019"),
        ("Child K's date of birth is recorded as 3rd of April 2019.", "3rd of April 2019"),
        ("Her birthday on 3 April was spent in hospital.", "3 April"),
        ("Kayden (born 3 April 2019) lived with Mother.", "3 April 2019"),
        ("Kayden (b. 3 Apr. 2019) lived with Mother.", "3 Apr. 2019"),
        ("Mother (DOB 12.11.1995) attended the conference.", "12.11.1995"),
        ("Born: April 3rd, 2019.", "April 3rd, 2019"),
        (
            "Child K was born prematurely at Leeds General Infirmary on Wednesday 3 April 2019.",
            "Wednesday 3 April 2019",
        ),
        ("Child K was born at 34 weeks' gestation on 03-Apr-2019.", "03-Apr-2019"),
        ("Child K was born on\n3 April 2019 (a line wrapped in a PDF).", "3 April 2019"),
        ("Child K was born on 3\nApril 2019.", "3\nApril 2019"),
        ("On 3 April 2019 Child K was born at 36 weeks.", "3 April 2019"),
        ("03/04/2019 | Child K born at 36 weeks | Midwife", "03/04/2019"),
        ("Child K's birth on 3 APRIL 2019 was not registered for six weeks.", "3 APRIL 2019"),
        ("On 3 April 2021 the family celebrated Mother's birthday.", "3 April 2021"),
    ],
)
def test_date_of_birth_in_its_usual_forms(text, expected):
    found = [(entity, span) for entity, span, _ in recognised(text)]
    assert found == [("date_of_birth", expected)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Child K was aged 14 weeks on 2 May 2020.", "aged 14 weeks on 2 May 2020"),
        (
            "On 2 May 2020, when Child K was 3 months old, the health visitor called.",
            "2 May 2020, when Child K was 3 months old",
        ),
        ("At 6 weeks old (12 June 2021) Child K was seen.", "6 weeks old (12 June 2021"),
        ("Child K had his first birthday on 3 April 2020.", "first birthday on 3 April 2020"),
        ("Child K turned 2 on 5 May.", "turned 2 on 5 May"),
        ("Child K turned 15 on 3 March 2021.", "turned 15 on 3 March 2021"),
        (
            "On 3 April 2020, Child K's 1st birthday, the family had a party.",
            "3 April 2020, Child K's 1st birthday",
        ),
        ("She was seen on 4.6.20 (aged 9 days).", "4.6.20 (aged 9 days"),
        (
            "Baby Eva, aged one year and two months on 1 July 2021, was walking.",
            "aged one year and two months on 1 July 2021",
        ),
        ("Child K was aged 14\nweeks on 2 May 2020.", "aged 14\nweeks on 2 May 2020"),
    ],
)
def test_an_exact_age_on_an_exact_date(text, expected):
    found = [(entity, span) for entity, span, _ in recognised(text)]
    assert found == [("age_and_date", expected)]


def test_the_finer_the_age_the_surer_the_finding():
    scores = {
        text: recognised(text)[0][2]
        for text in (
            "aged 9 days on 2 May 2020",
            "aged 14 weeks on 2 May 2020",
            "aged 3 months on 2 May 2020",
            "his second birthday on 2 May 2020",
        )
    }
    assert scores["aged 9 days on 2 May 2020"] > scores["aged 14 weeks on 2 May 2020"]
    assert scores["aged 14 weeks on 2 May 2020"] > scores["aged 3 months on 2 May 2020"]
    assert scores["his second birthday on 2 May 2020"] >= 0.9


@pytest.mark.parametrize(
    "text",
    [
        "The strategy meeting was held on 3 April 2021.",
        "The review started on 3 April 2021 and was published on 15 February 2022.",
        "Child K was born in 2019 and the strategy meeting was held on 3 April 2021.",
        "Child K, born in 2019, was discussed at the meeting on 3 April 2021.",
        "Child K was born in April 2019.",
        "A pre-birth assessment was completed on 5 March 2019.",
        "The pre-birth conference on 19 March 2019 agreed a plan.",
        "The birth was registered on 10 April 2019.",
        "Date of birth: unknown. The meeting was on 3 April 2021.",
        # An age in whole years with a date only narrows the birth to a year (a documented decision).
        "Sibling 1 was aged 5 on 15 October 2020.",
        "Child K, aged 15, was seen on 3 March 2021.",
        # Vague ages, ranges and pregnancies are not the child's exact age.
        "Child K was about 3 months old on 2 May 2020.",
        "At 6-8 weeks old on 2 May 2020 the check was done.",
        "Mother was 20 weeks pregnant on 3 March 2019.",
        "He was 3 months later referred, on 2 May 2020.",
        # The age and the date belong to different events.
        "Child K, aged 3 months, was seen by the health visitor, and on 2 May 2020 a meeting was held.",
        "On 2 May 2020 a strategy meeting was held. Child K was 3 months old.",
        # Not dates at all.
        "The panel met 3 times in May 3 days apart; section 3.4.19 of the procedures applies.",
        "In May 2021, 3 referrals were made; 31/02/2019 is not a date.",
    ],
)
def test_dates_not_tied_to_a_birth_are_not_flagged(text):
    assert recognised(text) == []


@pytest.mark.parametrize(
    ("written", "day", "month", "year"),
    [
        ("03/04/2019", 3, 4, 2019),
        ("3.4.19", 3, 4, 2019),
        ("3-4-98", 3, 4, 1998),
        ("2019-04-03", 3, 4, 2019),
        ("3rd of April 2019", 3, 4, 2019),
        ("Sept 30, 2020", 30, 9, 2020),
        ("Tuesday 1st Dec 2020", 1, 12, 2020),
        ("21 January", 21, 1, None),
    ],
)
def test_dates_are_read_the_british_way(written, day, month, year):
    [found] = dates.find_dates(f"It was {written} then.")
    assert (found.day, found.month, found.year) == (day, month, year)


def test_every_spelling_of_a_known_date_of_birth_is_found_anywhere():
    born = dt.date(2019, 4, 3)
    spellings = dates.date_spellings(born)
    assert {"3 April 2019", "3rd April 2019", "03/04/2019", "3/4/19", "3.4.19", "2019-04-03"} <= set(
        spellings
    )
    recogniser = dates.date_of_birth_recogniser([born, dt.date(1995, 11, 12)])
    for spelling in spellings:
        text = f"The core group met on {spelling} and again on 4 April 2019."
        results = recogniser.analyze(text, ["date_of_birth"])
        assert [(text[r.start : r.end], r.score) for r in results] == [(spelling, 1.0)], spelling
    assert recogniser.analyze("Mother's appointment was on 12/11/1995.", None)[0].score == 1.0
    assert recogniser.analyze("The meeting was on 4 April 2019 (3 April 2020 was cancelled).", None) == []


def test_findings_name_the_recogniser_and_say_why():
    [result] = dates.recognisers()[0].analyze("DOB 03/04/2019", ["date_of_birth"])
    assert result.recognition_metadata["recognizer_name"] == "cspr dates of birth"
    assert "date of birth" in result.analysis_explanation.textual_explanation
    assert dates.recognisers()[0].analyze("DOB 03/04/2019", ["school"]) == []


def test_the_checker_finds_dates_of_birth_but_not_meeting_dates(birth_findings):
    found = birth_findings(
        "The rapid review meeting was held on 9 April 2021. Child K (DOB 03/04/2019) was aged 14 weeks on "
        "10 July 2019 when the strategy meeting on 11 July 2019 was held."
    )
    assert found == [("date_of_birth", "03/04/2019"), ("age_and_date", "aged 14 weeks on 10 July 2019")]


def test_a_realistic_passage_every_birth_date_found_and_no_false_alarm(birth_findings):
    """The measured figures for the round report: on the passage (about 940 words, 27 other dates of
    meetings, visits and publication), every birth date and age-with-date is found and nothing else."""
    text, marks = passage()
    expected = [
        (kind, text[start:end]) for kind, start, end in marks if kind in {t.value for t in BIRTH_TYPES}
    ]
    found = birth_findings(text)
    assert len(expected) == 7
    for kind, span in expected:
        assert any(kind == found_kind and span in found_span for found_kind, found_span in found), span
    assert len(found) == len(expected)
