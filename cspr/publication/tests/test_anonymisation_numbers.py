"""NHS and National Insurance numbers, case and crime references, vehicle registrations: found in the forms
reports use, and never mistaken for the dates, money, section numbers and review numbers around them."""

import pytest

from cspr.publication.anonymisation.engine import engine
from cspr.publication.anonymisation.recognisers import numbers
from cspr.publication.anonymisation.recognisers.numbers import nhs_check_digit_valid

from .structured_helpers import found_by, found_by_check

OURS = numbers.recognisers()


@pytest.fixture(scope="module")
def analyser():
    return engine()


# --- NHS numbers -------------------------------------------------------------------------------------------


def test_nhs_check_digit():
    assert nhs_check_digit_valid("9434765919")
    assert nhs_check_digit_valid("4010232137")
    assert not nhs_check_digit_valid("9434765918")
    assert not nhs_check_digit_valid("943476591")
    # Remainder 1 gives check digit 10: no NHS number is ever issued with these nine digits.
    assert not nhs_check_digit_valid("1000000040")


@pytest.mark.parametrize(
    "text, number",
    [
        ("Child K's NHS number is 943 476 5919.", "943 476 5919"),
        ("NHS No: 9434765919", "9434765919"),
        ("Records under 943-476-5919 were merged.", "943-476-5919"),
        ("Baby Eva (401 023 2137) was weighed.", "401 023 2137"),
        ("NHS number\u00a0943\u00a0476\u00a05919 on the discharge letter", "943\u00a0476\u00a05919"),
    ],
)
def test_nhs_numbers_are_found(analyser, text, number):
    assert found_by(OURS, text, "nhs_number") == [number]
    assert found_by_check(analyser, text, "nhs_number") == [number]


@pytest.mark.parametrize(
    "text",
    [
        "NHS number 943 476 5918 was mistyped.",  # wrong check digit
        "Tel +44 113 496 0018 (the health visitor's office).",  # the tail of a phone number
        "The trust spent 1234567890 pence.",  # passes no check
        "Mother's mobile 07700 900123.",
        "Between 12/03/2021 and 10/04/2021.",
    ],
)
def test_numbers_that_are_not_nhs_numbers(text):
    assert found_by(OURS, text, "nhs_number") == []


def test_a_leading_zero_needs_nhs_context():
    # 0123456789 is a valid CHI-style number, but a bare one is far more likely a phone number.
    assert found_by(OURS, "Call 0123456789 today", "nhs_number") == []
    assert found_by(OURS, "CHI number 0123456789", "nhs_number") == ["0123456789"]


# --- National Insurance numbers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, number",
    [
        ("Father's National Insurance number was AB 12 34 56 C.", "AB 12 34 56 C"),
        ("The claim used AB123456C.", "AB123456C"),
        ("JK-12-34-56-D was on the form", "JK-12-34-56-D"),
        ("NI number: ab123456c", "ab123456c"),
        ("NI number AB123456 (no suffix on the old record)", "AB123456"),
    ],
)
def test_ni_numbers_are_found(analyser, text, number):
    assert found_by(OURS, text, "ni_number") == [number]
    assert found_by_check(analyser, text, "ni_number") == [number]


@pytest.mark.parametrize(
    "text",
    [
        "HMRC's example QQ123456C is not issued.",  # Q is never a prefix letter
        "The prefix GB123456A is administrative.",
        "Temporary TN 12 34 56 A numbers were used.",
        "DA123456A and AO123456B cannot be issued.",  # D first, O second
        "Code AB123456 without a suffix or context.",
        "lower case ab123456c without context",
    ],
)
def test_invalid_or_unsupported_ni_numbers_are_not_found(text):
    assert found_by(OURS, text, "ni_number") == []


# --- Case, crime and police references ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, reference",
    [
        ("Crime ref 13/123456/21 was recorded.", "13/123456/21"),
        ("Police reference: WY-2021-004512.", "WY-2021-004512"),
        ("The case number LCC/CS/004512 was given.", "LCC/CS/004512"),
        ("Crime number 1321004512 for the assault.", "1321004512"),
        ("Police log 1234 of that night.", "1234"),
        ("It was held on Mosaic 5523411.", "5523411"),
        ("Incident number 0412 of 3 May.", "0412"),
        ("The referral (ref: MASH-88213) was screened.", "MASH-88213"),
        ("Recorded under 13/123456/21 by the force.", "13/123456/21"),
        ("Recorded under WY-2021-004512.", "WY-2021-004512"),
        ("It is described in the police report 1320 1539 2522.", "1320 1539 2522"),
        ("The call was logged as PR1708000 that night.", "PR1708000"),
        ("The assault was crimed as 13218927796.", "13218927796"),
        ("Children's services opened CR/2021/091828.", "CR/2021/091828"),
        ("The plan, LCC/CP/2019/055, was reviewed.", "LCC/CP/2019/055"),
        ("Officers found 4621 0987 3345 on the system.", "4621 0987 3345"),
    ],
)
def test_case_references_are_found(analyser, text, reference):
    assert found_by_check(analyser, text, "case_reference") == [reference]


@pytest.mark.parametrize(
    "text",
    [
        "This review (CSPR 2023/01) was commissioned in 2023.",
        "Review reference: CSPR 2023/01.",
        "Reference LSCP/2023/01 in the partnership's log.",
        "Reference 2023/01 is the partnership's.",
        "Operation Encompass notifications were shared.",
        "Under Working Together 2023, Section 47 and the Children Act 1989 s.17.",
        "See paragraph 4.2.1 and reference 4.2.1.",
        "The case was discussed on 12/03/2021 at 10:30.",
        "The case conference on 17 June 2021 agreed a plan.",
        "The incident on 3 May 2021 cost £1,200.",
        "The police log for 2021-22 showed 45% more calls.",
        "Case 2 in the thematic review.",
        "Log in to the system.",
        "Her contact number 0113 496 0000 was out of date.",  # a phone number, not a reference
        "She rang 44 113 496 0000 from abroad.",  # +44 and a national number, the + left off
        "Referrals for 2019 2020 2021 are in the table.",
        "The police report was late and logged as a concern.",
        "The CSPR/2023/001 review and DHR/2021/004.",
    ],
)
def test_review_numbers_dates_and_statutes_are_not_case_references(analyser, text):
    assert found_by_check(analyser, text, "case_reference") == []


# --- Vehicle registrations ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, registration",
    [
        ("His car, AB12 CDE, was seen outside.", "AB12 CDE"),
        ("A van (YR68KLM) was parked there.", "YR68KLM"),
        ("The vehicle, registration A123 BCD, was stopped.", "A123 BCD"),
        ("He drove a red Fiesta, reg P456 XYZ.", "P456 XYZ"),
        ("The old car ABC 123D was scrapped.", "ABC 123D"),
        ("reg ab12cde", "ab12cde"),
        ("a blue Vauxhall Corsa, rw04 tuu, outside", "rw04 tuu"),
        ("a Ford Escort, V599 UTD, was seen", "V599 UTD"),
        ("His old Land Rover GRW 759A was towed.", "GRW 759A"),
        ("A car with Northern Ireland plates, KAZ 3921, was seen.", "KAZ 3921"),
    ],
)
def test_vehicle_registrations_are_found(analyser, text, registration):
    assert found_by(OURS, text, "vehicle_registration") == [registration]
    assert found_by_check(analyser, text, "vehicle_registration") == [registration]


@pytest.mark.parametrize(
    "text",
    [
        "Codes B123 AND and A456 BCD in the appendix.",  # older shapes need a vehicle word
        "The car was 12 weeks old.",
        "The car AB00 CDE has no such age identifier.",
        "NICE guideline NG76 and CG89.",
        "He drove the A64 and then the M62.",
        "The car OYB 193U: U was never a year letter.",
        "Mother drove to the NHS 111 service and Part IV 3 of the plan.",
        "The form code ab12 cde in the appendix.",  # lower case is taken only near a word about a vehicle
    ],
)
def test_things_that_are_not_registrations(text):
    assert found_by(OURS, text, "vehicle_registration") == []


# --- A passage as reports are written ----------------------------------------------------------------------

PASSAGE = """\
1.1 This review (CSPR 2023/01) was commissioned under Working Together 2023. The rapid review met on
12/03/2021 at 10:30; Section 47 enquiries under the Children Act 1989 s.17 and 4.2.1 followed.

2.1 Child K (NHS number 943 476 5919) lived with Mother at Flat 3, 22 Mill Lane, Leeds LS6 2AB. Mother's
mobile was 07700 900123 and the landline +44 (0)113 496 0000; she emailed from kay.d@example.com and used
Snapchat: kay.d. Father (National Insurance number AB 12 34 56 C) drove a car, AB12 CDE. Police reference:
WY-2021-004512 and crime ref 13/123456/21 were recorded. Costs were £1,200, up 12%. Operation Encompass
notifications reached the school.
"""
EXPECTED = {
    ("nhs_number", "943 476 5919"),
    ("street_address", "Flat 3, 22 Mill Lane, Leeds LS6 2AB"),
    ("postcode", "LS6 2AB"),
    ("phone_number", "07700 900123"),
    ("phone_number", "+44 (0)113 496 0000"),
    ("email_address", "kay.d@example.com"),
    ("social_media_handle", "kay.d"),
    ("ni_number", "AB 12 34 56 C"),
    ("vehicle_registration", "AB12 CDE"),
    ("case_reference", "WY-2021-004512"),
    ("case_reference", "13/123456/21"),
}


def test_a_report_passage_gives_every_identifier_and_nothing_else(analyser):
    """Every structured identifier in the passage, and none of its dates, times, money, statutes, review
    number or helpline (person names, the other recognisers' business, are left out of the comparison)."""
    from cspr.publication.anonymisation.checker import check_text

    structured = {kind for kind, _ in EXPECTED}
    found = {
        (finding.type.value, finding.text)
        for finding in check_text(PASSAGE, engine=analyser).findings
        if finding.type.value in structured
    }
    assert found == EXPECTED


# Written for these tests after the rules, in forms the benchmark corpus does not use: the rules are about
# how references, registrations and streets are written, not about particular strings.
HELD_OUT = """\
3.4 On 14 February 2022 Father was stopped driving a silver Toyota Yaris, registration ke19 wxt, and a
second vehicle, a Land Rover (M742 HJN), was seized. A Honda moped, GHB 112K, was found at his sister's
home, and a car with a Northern Ireland plate, KAZ 3921, had been seen there. Merseyside Police recorded the
assault under 5522 0098 1123; the domestic abuse report DA/2022/00871 and the council's file
SCC/EH/2021/1187 followed, and the MARAC referral MR4412087 was heard on 3 March 2022.

3.5 The family lived on Moorland Mount, later at 7 Hollybush Dene, then stayed with Grandmother off Cragg
Park. Mother met friends at Roundhay Park and the Leeds Food Bank. The review (CSPR 2022/03, paragraph
4.12) cost \u00a312,400; the helpline 0800 1111 and the figures for 2019 2020 2021 are public. Father was
remanded under section 47 of the Children Act 1989 on 12/03/2022, and the A64 and M62 were closed.
"""
HELD_OUT_EXPECTED = {
    ("vehicle_registration", "ke19 wxt"),
    ("vehicle_registration", "M742 HJN"),
    ("vehicle_registration", "GHB 112K"),
    ("vehicle_registration", "KAZ 3921"),
    ("case_reference", "5522 0098 1123"),
    ("case_reference", "DA/2022/00871"),
    ("case_reference", "SCC/EH/2021/1187"),
    ("case_reference", "MR4412087"),
    ("street_address", "Moorland Mount"),
    ("street_address", "7 Hollybush Dene"),
    ("street_address", "Cragg\nPark"),
}


def test_a_held_out_passage_gives_every_identifier_and_nothing_else(analyser):
    """The park, the food bank, the review number, money, helpline, years, statute, date and roads stay."""
    from cspr.publication.anonymisation.checker import check_text

    found = {
        (finding.type.value, finding.text)
        for finding in check_text(HELD_OUT, engine=analyser).findings
        if finding.type.value not in ("person_name", "health_setting", "school", "date_of_birth")
    }
    assert found == HELD_OUT_EXPECTED
