"""The importer's guesses: each made only from something definite, each with the sentence or file name it
came from, so that a person checking the entry can see why."""

import pytest

from cspr.library.guessing import (
    Guess,
    guess_age_band,
    guess_all,
    guess_harm,
    guess_review_type,
    guess_title,
    guess_year,
)


def test_year_from_the_published_sentence_first():
    text = "Child A\nThe events took place in 2017 and 2018.\nPublished March 2021 by the partnership."
    assert guess_year(text, "report-2019.pdf") == Guess(2021, "Published March 2021 by the partnership.")


def test_year_from_the_file_name_when_no_published_sentence():
    assert guess_year("Child A\nA review.", "cspr_child_a_2022_final.pdf") == Guess(
        2022, "the file name cspr_child_a_2022_final.pdf"
    )


def test_year_is_the_latest_plausible_one_on_the_first_page():
    text = "Review of Child B\nKnown to services from 2015. Report agreed by the partnership in June 2020."
    guess = guess_year(text, "child-b.pdf")
    assert guess.value == 2020
    assert "June 2020" in guess.source


def test_no_year_no_guess():
    assert guess_year("A review with no dates.", "review.pdf") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Serious Case Review: Child C\nThe SCR was commissioned after a rapid review.", "scr"),
        ("Child Safeguarding Practice Review\nChild D\nFollowing a rapid review.", "cspr"),
        (
            "Rapid review summary: Baby B\nThe partnership decided no further review was needed.",
            "rapid_review",
        ),
        ("Learning briefing\nThis thematic review looked at six cases of neglect.", "thematic"),
        ("The national review into the murders of Arthur and Star.", "national"),
    ],
)
def test_review_type(text, expected):
    assert guess_review_type(text, "report.pdf").value == expected


def test_review_type_from_the_file_name():
    guess = guess_review_type("Child E\nWhat happened.", "Serious-Case-Review-Child-E.pdf")
    assert guess == Guess("scr", "the file name Serious-Case-Review-Child-E.pdf")


@pytest.mark.parametrize(
    ("text", "band"),
    [
        ("Baby A, a seven-week-old girl, was taken to hospital.", "under_1"),
        ("Child N was a 3-year-old boy.", "1_4"),
        ("R, aged 14, had been in foster care.", "11_15"),
        ("G, a Year 10 pupil, took her own life.", "11_15"),
        ("Child T is eleven and lives with his mother.", "11_15"),
        ("At four weeks, X died suddenly.", "under_1"),
        ("The toddler was often left alone.", "1_4"),
        ("Y was 16 and in Year 11 when schools closed.", "16_17"),
    ],
)
def test_age_band(text, band):
    guess = guess_age_band(text)
    assert guess.value == band
    assert guess.source == text


def test_adult_ages_are_not_the_childs():
    assert guess_age_band("Mother was 22. The review describes the family.") is None


def test_harm_death_unless_only_the_statutory_criteria_mention_it():
    criteria = "A review is needed when a child has died or been seriously harmed and abuse is suspected."
    assert guess_harm(criteria) is None
    assert guess_harm(criteria + " Child B died at home.").value == "death"
    assert guess_harm("She suffered a serious injury to her eye and needed surgery.").value == "serious_harm"
    assert guess_harm("He survived a near-fatal overdose.").value == "serious_harm"


def test_title_is_the_first_heading_like_line():
    text = "SYNTHETIC TEST REPORT — NOT A REAL REVIEW\n\nContents\nLearning from Child Q\nThe review began."
    assert guess_title(text, "q.pdf") == Guess("Learning from Child Q", "Learning from Child Q")


def test_title_falls_back_to_the_file_name():
    assert guess_title("", "learning_review-child_z.docx") == Guess(
        "Learning review child z", "the file name learning_review-child_z.docx"
    )


def test_guess_all_only_holds_what_could_be_guessed():
    guesses = guess_all("Child V\nNothing definite here.", "")
    assert set(guesses) == {"title"}
    full = guess_all("Rapid review: Child O\nChild O is three. She was injured. Published May 2023.", "o.txt")
    assert {name: guess.value for name, guess in full.items()} == {
        "year": 2023,
        "review_type": "rapid_review",
        "age_band": "1_4",
        "harm": "serious_harm",
        "title": "Rapid review: Child O",
    }
