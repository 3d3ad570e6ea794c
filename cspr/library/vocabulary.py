"""The learning library's fixed vocabulary: review types, the child's age band and the harm, as the
national case review repository and the Panel's annual report count them. Plain Python so that the
tagger, the importer's guesses and the analytics share one list without importing Django."""

CSPR = "cspr"
SCR = "scr"
RAPID_REVIEW_LEARNING = "rapid_review"
THEMATIC = "thematic"
NATIONAL = "national"
OTHER_LEARNING_REVIEW = "other"

REVIEW_TYPES = {
    CSPR: "Local child safeguarding practice review",
    SCR: "Serious case review",
    RAPID_REVIEW_LEARNING: "Rapid review learning",
    THEMATIC: "Thematic review",
    NATIONAL: "National review",
    OTHER_LEARNING_REVIEW: "Other learning review",
}

UNDER_1 = "under_1"
AGE_1_TO_4 = "1_4"
AGE_5_TO_10 = "5_10"
AGE_11_TO_15 = "11_15"
AGE_16_TO_17 = "16_17"

AGE_BANDS = {
    UNDER_1: "Under 1",
    AGE_1_TO_4: "1 to 4",
    AGE_5_TO_10: "5 to 10",
    AGE_11_TO_15: "11 to 15",
    AGE_16_TO_17: "16 to 17",
}

DEATH = "death"
SERIOUS_HARM = "serious_harm"

HARMS = {DEATH: "Death", SERIOUS_HARM: "Serious harm"}


def age_band_for(age_in_years: int) -> str | None:
    """The band of a child's age in whole years; None for an adult or a negative age."""
    if age_in_years < 0 or age_in_years > 17:
        return None
    if age_in_years < 1:
        return UNDER_1
    if age_in_years <= 4:
        return AGE_1_TO_4
    if age_in_years <= 10:
        return AGE_5_TO_10
    if age_in_years <= 15:
        return AGE_11_TO_15
    return AGE_16_TO_17
