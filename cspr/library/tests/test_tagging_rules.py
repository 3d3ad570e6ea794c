"""The tagger: a strong cue is enough, weak ones need a second different clue, negated harms do not count,
practice themes are not negated, administrators' cues work, and the evidence is the sentences themselves."""

from dataclasses import dataclass

from cspr.library.tagging import (
    ThemeRule,
    default_rules,
    phrase_cue,
    rules_for,
    split_sentences,
    suggest_themes,
)
from cspr.library.tagging_cues import BUILT_IN_CUES


@dataclass
class FakeTheme:
    label: str
    cues: str = ""

    def cue_list(self):
        return [line.strip() for line in self.cues.splitlines() if line.strip()]


def themes_of(text):
    return suggest_themes(text, default_rules())


def test_there_are_rules_for_every_starting_theme():
    labels = {rule.label for rule in default_rules()}
    assert len(labels) == 29
    assert {"neglect", "safe sleep", "covid-19", "fabricated or induced illness"} <= labels


def test_one_strong_cue_suggests_the_theme_with_its_sentence_as_evidence():
    text = "Background. Child E was found by police running drugs on a county line. He was 15."
    suggestions = themes_of(text)
    assert suggestions["criminal exploitation"] == [
        "Child E was found by police running drugs on a county line."
    ]


def test_one_weak_cue_is_not_enough_but_two_different_ones_are():
    assert "covid-19" not in themes_of("The family had video calls with the social worker.")
    both = "The family had video calls with the social worker. Restrictions meant the nursery closed."
    assert "covid-19" in themes_of(both)


def test_the_same_weak_word_repeated_is_still_one_clue():
    text = "Her father visited. The father was kind. Father worked nights."
    assert "fathers and male carers" not in themes_of(text)


def test_negated_harm_is_not_suggested():
    text = "There was no evidence of domestic abuse in the household. The baby was well cared for."
    assert "domestic abuse" not in themes_of(text)
    assert "domestic abuse" in themes_of("Domestic abuse was a feature of the household for years.")


def test_negation_after_the_cue_counts_too():
    assert "covid-19" not in themes_of("The pandemic did not affect the period under review.")


def test_negation_does_not_reach_into_the_next_clause():
    text = "The school did not notice, but the health visitor recorded domestic abuse at the home."
    assert "domestic abuse" in themes_of(text)


def test_practice_themes_are_not_negated_since_the_failure_is_the_finding():
    suggestions = themes_of("The police did not share information with the school about the incident.")
    assert "information sharing" in suggestions


def test_abuse_or_neglect_in_the_statutory_criteria_is_not_neglect():
    assert "neglect" not in themes_of(
        "A review is needed when abuse or neglect of a child is known or suspected."
    )


def test_acronyms_match_only_in_capitals():
    assert "children with disabilities" not in themes_of("He was persuaded to send an image to them.")
    assert "children with disabilities" in themes_of("He had SEND support at school.")


def test_evidence_is_at_most_three_sentences_strong_first():
    text = " ".join(f"Mother's partner number {n} was never assessed." for n in range(5))
    evidence = themes_of("He had a dad. " + text)["fathers and male carers"]
    assert len(evidence) == 3
    assert all("never assessed" in sentence for sentence in evidence)


def test_long_reports_need_more_than_one_passing_mention():
    filler = "The review met practitioners and read the records of every agency involved. " * 600
    assert "radicalisation" not in themes_of(filler + "A Prevent referral had been made once.")
    assert "radicalisation" in themes_of(filler + "A Prevent referral was made. Extremism was discussed.")


def test_headings_are_sentences_of_their_own():
    assert split_sentences("Neglect\nThe home was clean.\n\nNext part.") == [
        "Neglect",
        "The home was clean.",
        "Next part.",
    ]


def test_rules_for_themes_adds_built_in_cues_and_administrators_phrases():
    rules = rules_for([FakeTheme("neglect"), FakeTheme("young carers", "young carer*\ncaring for mum")])
    by_label = {rule.label: rule for rule in rules}
    assert by_label["neglect"].cues[: len(BUILT_IN_CUES["neglect"]["strong"])] == tuple(
        BUILT_IN_CUES["neglect"]["strong"]
    )
    suggestions = suggest_themes("T was one of many Young Carers in the school.", rules)
    assert suggestions == {"young carers": ["T was one of many Young Carers in the school."]}


def test_a_theme_without_any_cues_is_skipped():
    assert rules_for([FakeTheme("something new")]) == []


def test_administrators_phrases_are_not_regular_expressions():
    rule = ThemeRule("odd", (phrase_cue("a+b (c)"),))
    assert suggest_themes("We saw a+b (c) here.", [rule]) == {"odd": ["We saw a+b (c) here."]}
    assert suggest_themes("We saw aab c here.", [rule]) == {}
