"""The fixed formats, how section text becomes paragraphs and lists, the PDF's grid, and the name check."""

from cspr.briefings.formats import FORMATS, SEVEN_MINUTE, SIX_STEP, filled_sections, lines, paragraphs
from cspr.briefings.names import contains_a_name


def test_the_seven_minute_briefing_has_its_seven_sections_in_order():
    assert FORMATS[SEVEN_MINUTE].codes() == [
        "background",
        "the_case",
        "what_we_found",
        "why_it_matters",
        "what_to_do",
        "questions_for_reflection",
        "further_information",
    ]


def test_the_six_step_briefing_has_its_six_steps_in_order():
    assert FORMATS[SIX_STEP].codes() == [
        "why_the_review",
        "what_happened",
        "what_we_learned",
        "what_it_means",
        "what_you_should_do",
        "find_out_more",
    ]


def test_questions_are_one_a_line_without_their_bullets():
    assert lines("- Who lives here?\n\n• Who cares for the baby?\n  * Who did you ask?  ") == [
        "Who lives here?",
        "Who cares for the baby?",
        "Who did you ask?",
    ]


def test_paragraphs_split_on_blank_lines_and_keep_line_breaks():
    assert paragraphs("First line\nsame paragraph\r\n\r\n\n Second ") == [
        "First line\nsame paragraph",
        "Second",
    ]


def test_filled_sections_number_every_section_even_when_empty():
    filled = filled_sections(FORMATS[SIX_STEP], {"what_you_should_do": "Ask.\nRecord."})
    assert [(part["number"], part["title"]) for part in filled][:2] == [
        (1, "Why the review"),
        (2, "What happened"),
    ]
    assert filled[4]["items"] == ["Ask.", "Record."]
    assert filled[0]["paragraphs"] == []


def test_a_name_is_found_as_written_but_not_as_an_ordinary_word():
    names = ["May Testchild"]
    assert contains_a_name("We met May at school.", names)
    assert contains_a_name("TESTCHILD FAMILY", names)
    assert contains_a_name("may testchild", names)
    assert not contains_a_name("Practitioners may ask who lives at home.", names)
    assert not contains_a_name("Child M", names)
