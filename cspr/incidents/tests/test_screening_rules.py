"""The statutory screening rules: every route through the questions, its outcome, and invalid answers.

PATHS lists every complete set of answers by hand, each in the order the questions are asked, with the
outcome the law gives. `test_paths_cover_every_route` walks the rules themselves and checks that no route
is missing from PATHS, so a new branch cannot go untested.
"""

import itertools

import pytest

from cspr.incidents import screening_rules as rules
from cspr.incidents.models import IncidentNature, IncidentPlace
from cspr.incidents.screening_rules import (
    ABUSE_OR_NEGLECT,
    CARE_LEAVER_DIED,
    HARM,
    IMPAIRMENT,
    LEAVING_CARE_DUTIES,
    LOOKED_AFTER,
    PLACE,
    WHO,
    Outcome,
)

N = Outcome.NOTIFIABLE
LAD = Outcome.LOOKED_AFTER_DEATH
CLD = Outcome.CARE_LEAVER_DEATH
NN = Outcome.NOT_NOTIFIABLE

CHILD = {WHO: "child"}
ABUSE = {**CHILD, ABUSE_OR_NEGLECT: "yes"}
NO_ABUSE = {**CHILD, ABUSE_OR_NEGLECT: "no"}
HARMED = {**ABUSE, HARM: "serious_harm", IMPAIRMENT: ["physical_health"]}
DIED = {**ABUSE, HARM: "died"}
DIED_NO_ABUSE = {**NO_ABUSE, HARM: "died"}
CARE_LEAVER = {WHO: "care_leaver"}

# (answers in the order asked, outcome, nature, place set on the incident)
PATHS = [
    ({WHO: "neither"}, NN, None, None),
    # Abuse or neglect known or suspected, and serious harm: notifiable where the incident is ours.
    ({**HARMED, PLACE: "in_area"}, N, "serious_harm", "in_area"),
    ({**HARMED, PLACE: "outside_england"}, N, "serious_harm", "outside_england"),
    ({**HARMED, PLACE: "elsewhere_england"}, NN, "serious_harm", None),
    # Abuse or neglect and death: notifiable where ours; a looked-after child's death also to SoS and Ofsted.
    ({**DIED, PLACE: "in_area", LOOKED_AFTER: "this_authority"}, N, "death", "in_area"),
    ({**DIED, PLACE: "in_area", LOOKED_AFTER: "other_authority"}, N, "death", "in_area"),
    ({**DIED, PLACE: "in_area", LOOKED_AFTER: "no"}, N, "death", "in_area"),
    ({**DIED, PLACE: "outside_england", LOOKED_AFTER: "this_authority"}, N, "death", "outside_england"),
    ({**DIED, PLACE: "outside_england", LOOKED_AFTER: "other_authority"}, N, "death", "outside_england"),
    ({**DIED, PLACE: "outside_england", LOOKED_AFTER: "no"}, N, "death", "outside_england"),
    ({**DIED, PLACE: "elsewhere_england", LOOKED_AFTER: "this_authority"}, LAD, "death", None),
    ({**DIED, PLACE: "elsewhere_england", LOOKED_AFTER: "other_authority"}, NN, "death", None),
    ({**DIED, PLACE: "elsewhere_england", LOOKED_AFTER: "no"}, NN, "death", None),
    ({**ABUSE, HARM: "neither"}, NN, "other", None),
    # No abuse or neglect: only the death of a child we look after is notified (SoS and Ofsted).
    ({**DIED_NO_ABUSE, LOOKED_AFTER: "this_authority"}, LAD, "death", None),
    ({**DIED_NO_ABUSE, LOOKED_AFTER: "other_authority"}, NN, "death", None),
    ({**DIED_NO_ABUSE, LOOKED_AFTER: "no"}, NN, "death", None),
    ({**NO_ABUSE, HARM: "serious_harm"}, NN, "serious_harm", None),
    ({**NO_ABUSE, HARM: "neither"}, NN, "other", None),
    # Care leavers: only a death, and only for the authority with leaving care duties.
    ({**CARE_LEAVER, CARE_LEAVER_DIED: "yes", LEAVING_CARE_DUTIES: "yes"}, CLD, "death", None),
    ({**CARE_LEAVER, CARE_LEAVER_DIED: "yes", LEAVING_CARE_DUTIES: "no"}, NN, "death", None),
    ({**CARE_LEAVER, CARE_LEAVER_DIED: "no"}, NN, None, None),
]


def path_id(path) -> str:
    return "/".join(str(answer) for answer in path[0].values())


def every_route(answers=None):
    """Every complete set of answers the rules allow (one impairment answer stands for all of them)."""
    answers = answers or {}
    code = rules.next_question(answers)
    if code is None:
        yield answers
        return
    question = rules.QUESTIONS[code]
    options = [["physical_health"]] if question.multiple else question.codes
    for option in options:
        yield from every_route({**answers, code: option})


@pytest.mark.parametrize("path", PATHS, ids=path_id)
def test_every_path_leads_to_its_outcome(path):
    answers, outcome, nature, place = path
    decision = rules.decide(answers)
    assert decision.outcome == outcome
    assert decision.nature == nature
    assert decision.place == place
    assert decision.reasons[-len(decision.conclusions) :] == decision.conclusions


@pytest.mark.parametrize("path", PATHS, ids=path_id)
def test_every_path_asks_its_questions_in_order(path):
    answers = path[0]
    codes = list(answers)
    for asked in range(len(codes)):
        so_far = dict(itertools.islice(answers.items(), asked))
        assert rules.next_question(so_far) == codes[asked]
        assert rules.route(so_far) == codes[: asked + 1]
        assert rules.previous_question(so_far, codes[asked]) == (codes[asked - 1] if asked else None)
        with pytest.raises(rules.IncompleteScreening, match=f"Answer question '{codes[asked]}'"):
            rules.decide(so_far)
    assert rules.next_question(answers) is None
    assert rules.is_complete(answers)
    assert rules.answered_route(answers) == codes


def test_paths_cover_every_route():
    listed = sorted(repr(path[0]) for path in PATHS)
    assert sorted(repr(answers) for answers in every_route()) == listed


@pytest.mark.parametrize(
    "kinds",
    [
        list(kinds)
        for size in range(1, 5)
        for kinds in itertools.combinations(rules.QUESTIONS[IMPAIRMENT].codes, size)
    ],
    ids="+".join,
)
def test_every_combination_of_impairments_is_notifiable_and_named_in_the_reasons(kinds):
    decision = rules.decide({**HARMED, IMPAIRMENT: kinds, PLACE: "in_area"})
    assert decision.outcome == N
    reason = next(text for text in decision.findings if text.startswith("The harm is"))
    for kind in kinds:
        label = (
            "other serious harm" if kind == "other" else rules.QUESTIONS[IMPAIRMENT].describe([kind]).lower()
        )
        assert label in reason


def test_impairments_are_stored_in_the_order_of_the_question():
    assert rules.QUESTIONS[IMPAIRMENT].clean(["other", "mental_health"]) == ["mental_health", "other"]


def test_notifiable_case_tells_the_panel_within_5_working_days():
    decision = rules.decide({**HARMED, PLACE: "in_area"})
    assert decision.notify == (rules.PANEL, rules.SAFEGUARDING_PARTNERS)
    assert "within 5 working days of becoming aware" in decision.reasons_text
    assert "The child has been seriously harmed." in decision.reasons_text
    assert "impairment of physical health" in decision.reasons_text


def test_death_of_our_looked_after_child_from_abuse_also_goes_to_secretary_of_state_and_ofsted():
    decision = rules.decide({**DIED, PLACE: "in_area", LOOKED_AFTER: "this_authority"})
    assert decision.notify == (
        rules.PANEL,
        rules.SAFEGUARDING_PARTNERS,
        rules.SECRETARY_OF_STATE,
        rules.OFSTED,
    )
    assert "must also notify the Secretary of State and Ofsted" in decision.reasons_text


def test_another_authoritys_looked_after_child_is_notified_to_the_panel_only_by_us():
    decision = rules.decide({**DIED, PLACE: "in_area", LOOKED_AFTER: "other_authority"})
    assert rules.SECRETARY_OF_STATE not in decision.notify
    assert "The local authority that looked after the child notifies the Secretary of State" in (
        decision.reasons_text
    )


def test_looked_after_death_without_abuse_is_not_for_the_panel():
    decision = rules.decide({**DIED_NO_ABUSE, LOOKED_AFTER: "this_authority"})
    assert decision.notify == (rules.SECRETARY_OF_STATE, rules.OFSTED)
    assert "The Panel does not consider it" in decision.reasons_text


def test_looked_after_death_elsewhere_in_england_says_the_other_authority_notifies_the_panel():
    decision = rules.decide({**DIED, PLACE: "elsewhere_england", LOOKED_AFTER: "this_authority"})
    assert (
        "notification to the Panel is for the local authority where the child died" in decision.reasons_text
    )


def test_elsewhere_in_england_says_that_authority_notifies():
    decision = rules.decide({**HARMED, PLACE: "elsewhere_england"})
    assert decision.notify == ()
    assert "the local authority for that area notifies the Panel, not this one" in decision.reasons_text


def test_care_leaver_death_needs_no_rapid_review():
    decision = rules.decide({**CARE_LEAVER, CARE_LEAVER_DIED: "yes", LEAVING_CARE_DUTIES: "yes"})
    assert decision.notify == (rules.DFE, rules.OFSTED)
    assert "No rapid review or practice review is required" in decision.reasons_text


def test_someone_else_is_outside_the_statutory_tests():
    decision = rules.decide({WHO: "neither"})
    assert "the statutory tests for a serious child safeguarding case do not apply" in decision.reasons_text
    assert "may still go to another learning review" in decision.reasons_text


def test_reasons_text_is_findings_then_each_conclusion_as_a_paragraph():
    decision = rules.decide({**DIED, PLACE: "in_area", LOOKED_AFTER: "this_authority"})
    paragraphs = decision.reasons_text.split("\n\n")
    assert paragraphs[0] == " ".join(decision.findings)
    assert paragraphs[1:] == list(decision.conclusions)


def test_natures_and_places_are_the_incident_choices():
    for path in PATHS:
        decision = rules.decide(path[0])
        assert decision.nature is None or decision.nature in IncidentNature.values
        assert decision.place is None or decision.place in IncidentPlace.values


def test_every_outcome_has_a_title():
    assert {outcome.label for outcome in Outcome} == set(rules.OUTCOME_TITLES.values())
    assert Outcome("looked_after_death").label.startswith("Death of a looked-after child")


def test_every_question_has_a_select_error_and_describes_each_answer():
    for question in rules.QUESTIONS.values():
        assert question.error.startswith("Select ")
        for choice in question.choices:
            answer = [choice.code] if question.multiple else choice.code
            assert question.describe(answer) == choice.label


# Changing an answer


def test_changing_an_answer_drops_answers_no_longer_on_the_route():
    answers = {**HARMED, PLACE: "in_area"}
    changed = rules.record_answer(answers, ABUSE_OR_NEGLECT, "no")
    assert changed == {**NO_ABUSE, HARM: "serious_harm"}
    assert rules.decide(changed).outcome == NN


def test_changing_an_answer_keeps_later_answers_still_on_the_route():
    answers = {**DIED, PLACE: "in_area", LOOKED_AFTER: "no"}
    changed = rules.record_answer(answers, PLACE, "outside_england")
    assert changed == {**DIED, PLACE: "outside_england", LOOKED_AFTER: "no"}


def test_recording_an_answer_does_not_change_the_answers_given():
    answers = dict(CHILD)
    rules.record_answer(answers, ABUSE_OR_NEGLECT, "yes")
    assert answers == CHILD


def test_a_question_not_yet_reached_cannot_be_answered():
    with pytest.raises(rules.InvalidAnswer, match="'harm' is not asked after these answers: next is 'who'"):
        rules.record_answer({}, HARM, "died")
    with pytest.raises(rules.InvalidAnswer, match="not asked"):
        rules.record_answer({WHO: "neither"}, ABUSE_OR_NEGLECT, "yes")
    assert not rules.is_reachable(CHILD, HARM)
    assert rules.is_reachable(CHILD, ABUSE_OR_NEGLECT)


def test_previous_question_of_a_question_off_the_route_is_an_error():
    with pytest.raises(rules.InvalidAnswer, match="not asked"):
        rules.previous_question({WHO: "care_leaver"}, HARM)


# Invalid answers: programming or tampering errors, each with a clear message


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"age": "17"}, "There is no screening question 'age'"),
        ({WHO: "adult"}, "Question 'who' has no answer 'adult'"),
        ({WHO: ["child"]}, "Question 'who' takes one answer, not \\['child'\\]"),
        ({WHO: None}, "Question 'who' takes one answer, not None"),
        ({**HARMED, IMPAIRMENT: "physical_health"}, "Question 'impairment' takes a list of answers"),
        ({**HARMED, IMPAIRMENT: []}, "Question 'impairment' takes a list of answers, not \\[\\]"),
        ({**HARMED, IMPAIRMENT: ["limbs"]}, "Question 'impairment' has no answer 'limbs'"),
        ({**HARMED, IMPAIRMENT: ["other", "other"]}, "given the same answer twice"),
        (["who", "child"], "Screening answers must map question codes to answers"),
    ],
)
def test_invalid_answers_raise_a_clear_error(answers, message):
    for check in (rules.decide, rules.next_question, rules.clean_answers):
        with pytest.raises(rules.InvalidAnswer, match=message):
            check(answers)


def test_recording_an_invalid_answer_raises():
    with pytest.raises(rules.InvalidAnswer, match="Question 'who' has no answer 'adult'"):
        rules.record_answer({}, WHO, "adult")
    with pytest.raises(rules.InvalidAnswer, match="There is no screening question 'age'"):
        rules.record_answer({}, "age", "17")


def test_invalid_answer_is_a_value_error():
    assert issubclass(rules.InvalidAnswer, ValueError)
    assert issubclass(rules.IncompleteScreening, ValueError)


# The reason for another learning review, kept as the reasons' last paragraph


@pytest.mark.parametrize(
    ("reasons", "learning_review_reason", "stored"),
    [
        ("Not a child.", "", "Not a child."),
        (
            "Not a child.",
            "Learning about transition.",
            "Not a child.\n\nAnother learning review: Learning about transition.",
        ),
        ("First.\n\nSecond.", "Why.", "First.\n\nSecond.\n\nAnother learning review: Why."),
        ("", "Why.", "Another learning review: Why."),
    ],
)
def test_learning_review_reason_round_trips(reasons, learning_review_reason, stored):
    assert rules.join_learning_review_reason(reasons, learning_review_reason) == stored
    assert rules.split_learning_review_reason(stored) == (reasons, learning_review_reason)
