"""Finding recommendations in the layouts real reports use: numbered lists under a heading, "Recommendation
2:" and "R3" labels, a number alone in a table cell, titles before the wording, wrapped lines, and
"should" sentences in the prose; hindsight and description are not recommendations."""

from cspr.library.recommendations import FoundRecommendation, find_recommendations


def found(text):
    return [(item.number, item.text) for item in find_recommendations(text)]


def test_numbered_list_under_a_numbered_heading_with_wrapped_lines_ends_at_the_next_section():
    text = """4. Analysis

4.1 The GP saw the baby twice in the month before.

5. Recommendations

The review makes the following recommendations:

1. The partnership should ensure that learning about unseen men is shared with all agencies,
through briefings and practitioner events.
2. Health visitors should ask at every contact who lives in the home.

3) Children's social care should review its
threshold guidance for bruising in babies.

6. Conclusion

Practitioners worked hard to support the family.
"""
    assert found(text) == [
        (
            "1",
            "The partnership should ensure that learning about unseen men is shared with all agencies, "
            "through briefings and practitioner events.",
        ),
        ("2", "Health visitors should ask at every contact who lives in the home."),
        ("3", "Children's social care should review its threshold guidance for bruising in babies."),
    ]


def test_labelled_recommendations_with_titles_and_an_appendix_after_them():
    text = """RECOMMENDATIONS

Recommendation 1: Information sharing

The LSCP should seek assurance that agencies share information about babies.

Recommendation 2 - The ICB should audit GP records of fathers and male carers.

R3. Schools should raise awareness of county lines among staff.

Recommendation four: Housing should tell children's social care when a family with a baby is evicted.

APPENDIX 1

1 Terms of reference were agreed by the executive in March.
"""
    assert found(text) == [
        ("1", "The LSCP should seek assurance that agencies share information about babies."),
        ("2", "The ICB should audit GP records of fathers and male carers."),
        ("3", "Schools should raise awareness of county lines among staff."),
        ("4", "Housing should tell children's social care when a family with a baby is evicted."),
    ]


def test_dotted_numbers_stop_at_another_sections_numbering_and_bullets_belong_to_their_item():
    text = """## Recommendations

5.1 The partnership should commission multi-agency training on safer sleep.
5.2 Midwifery services should ensure that:
- both parents are given safer sleep advice;
- the advice and who received it are recorded.

6.1 The review found that the family moved three times in a year.
"""
    assert found(text) == [
        ("5.1", "The partnership should commission multi-agency training on safer sleep."),
        (
            "5.2",
            "Midwifery services should ensure that: both parents are given safer sleep advice; the advice "
            "and who received it are recorded.",
        ),
    ]


def test_a_table_of_numbers_recommendations_and_agencies():
    text = """Summary of recommendations
1
The partnership should develop a pre-birth protocol for families known to services.
Children's social care
2
GPs should record who has parental responsibility for children registered with the practice.
Primary care
"""
    assert found(text) == [
        ("1", "The partnership should develop a pre-birth protocol for families known to services."),
        ("2", "GPs should record who has parental responsibility for children registered with the practice."),
    ]


def test_prose_recommendations_elsewhere_but_not_hindsight_or_description():
    text = """Learning from Child M

The health visitor should have asked who else lived in the home. It should be noted that the mother
engaged well. Dad should take his medication. The partnership should write to the Department for
Education about the gap in guidance. Health visitors should ensure fathers are invited to the new birth
visit. The review recommends that the LSCP seeks assurance about bruising protocols in emergency
departments.
"""
    assert found(text) == [
        ("", "The partnership should write to the Department for Education about the gap in guidance."),
        ("", "Health visitors should ensure fathers are invited to the new birth visit."),
        (
            "",
            "The review recommends that the LSCP seeks assurance about bruising protocols in emergency "
            "departments.",
        ),
    ]


def test_a_recommendation_in_the_summary_and_again_in_full_is_kept_once_in_its_longer_form():
    text = """Executive summary

The partnership should ensure that learning about unseen men is shared.

Recommendations

1. The partnership should ensure that learning about unseen men is shared with all agencies and schools.
2. The partnership should ensure that learning about unseen men is shared.
"""
    assert find_recommendations(text) == [
        FoundRecommendation(
            "1",
            "The partnership should ensure that learning about unseen men is shared with all agencies and "
            "schools.",
        )
    ]


def test_several_recommendation_headings_by_agency_and_pages_split_by_form_feeds():
    text = (
        "Recommendations for health agencies\n\n1. The ICB should review the GP safeguarding template.\n"
        "\fRecommendations for the police\n\n2. West Mercia Police should share domestic abuse "
        "notifications with\nhealth visiting the same day.\n\nReferences\n\n3. Working Together 2023."
    )
    assert found(text) == [
        ("1", "The ICB should review the GP safeguarding template."),
        (
            "2",
            "West Mercia Police should share domestic abuse notifications with health visiting the same day.",
        ),
    ]


def test_a_report_without_recommendations_gives_none_and_bad_input_does_not_raise():
    assert find_recommendations("") == []
    assert find_recommendations("Recommendations\n\n1.\n\n2) \n\n- \n\n#\n") == []
    assert found("The family moved to Leeds. Practitioners were curious and persistent.") == []
