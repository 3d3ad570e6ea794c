"""Street addresses and postcodes: found however they are written, and never confused with courts, GP
practices, key stages or the turns of phrase that end in a street word."""

import pytest

from cspr.publication.anonymisation.engine import engine
from cspr.publication.anonymisation.recognisers import addresses

from .structured_helpers import found_by, found_by_check

OURS = addresses.recognisers()


@pytest.fixture(scope="module")
def analyser():
    return engine()


@pytest.mark.parametrize(
    "text, postcode",
    [
        ("The family moved to LS6 2AB in May.", "LS6 2AB"),
        ("written ls62ab on the form", "ls62ab"),
        ("A flat in SW1A 1AA was offered.", "SW1A 1AA"),
        ("Manchester M1 1AE.", "M1 1AE"),
        ("lower case ls11 5wx too", "ls11 5wx"),
        ("Address: DN55 1PT", "DN55 1PT"),
        ("The postcode district LS6 was all she gave.", "LS6"),
    ],
)
def test_postcodes_are_found(analyser, text, postcode):
    assert found_by(OURS, text, "postcode") == [postcode]
    assert found_by_check(analyser, text, "postcode") == [postcode]


@pytest.mark.parametrize(
    "text",
    [
        "Children in KS2 1st year and Y6 3rd term.",
        "The M62 and A64 roads; the LS6 area.",
        "Section 47 and s.17 of the Children Act 1989.",
        "Meeting on 12/03/2021 at 10:30; CSPR 2023/01.",
        "Covid-19 and NG76 guidance.",
    ],
)
def test_key_stages_roads_and_codes_are_not_postcodes(analyser, text):
    assert found_by_check(analyser, text, "postcode") == []


@pytest.mark.parametrize(
    "text, address",
    [
        ("The family lived at 14 Acacia Road.", "14 Acacia Road"),
        ("Mother moved to Flat 3, 22 Mill Lane in 2020.", "Flat 3, 22 Mill Lane"),
        ("A visit to 22a Church Street, Leeds, found no one in.", "22a Church Street"),
        ("at 22a Church Street, Leeds, LS6 2AB.", "22a Church Street, Leeds, LS6 2AB"),
        ("Grandmother lives at 7 St Mary's Road.", "7 St Mary's Road"),
        ("They were rehoused at 5-7 Oak Tree Close.", "5-7 Oak Tree Close"),
        ("Child K lived on Acacia Road with Mother.", "Acacia Road"),
        ("He walked down Harehills Lane.", "Harehills Lane"),
        ("The house at 41 Primrose Crescent was cold.", "41 Primrose Crescent"),
        ("Staying at 12 Kirkstall Park.", "12 Kirkstall Park"),
        ("18 Beech Grove Terrace", "18 Beech Grove Terrace"),
        ("27 Queen's Drive was searched.", "27 Queen's Drive"),
        ("He lived at 9 High Street.", "9 High Street"),
        ("She lived at number 14 Acacia Road.", "14 Acacia Road"),
        ("The family moved from Thornhill Mount in 2020.", "Thornhill Mount"),
        ("Neighbours on Hawthorn Mount heard shouting.", "Hawthorn Mount"),
        ("They had a flat at 4 Willow Dene.", "4 Willow Dene"),
        ("She lived on Meanwood Park with her aunt.", "Meanwood Park"),
        ("The house off Kirkstall Green was empty.", "Kirkstall Green"),
        ("A PDF line break: lived at 22 Mill\nLane for a year.", "22 Mill\nLane"),
    ],
)
def test_street_addresses_are_found(analyser, text, address):
    assert found_by(OURS, text, "street_address") == [address]
    assert found_by_check(analyser, text, "street_address") == [address]


@pytest.mark.parametrize(
    "text",
    [
        "The hearing was at Leeds Crown Court and later at the Family Court.",
        "Mother attended 2 Youth Court hearings and 3 County Court reviews.",
        "Staff at Park Road Medical Centre were interviewed.",  # a GP practice: the places recogniser's
        "In This Way the review adds to learning; a Safe Place was found.",
        "Recommendation 3 Leeds Way of working; Ward 12 Park View; Finding 2: Rose Hill.",
        "In 2019 Church Road was closed.",
        "Section 4.2 Park Lane is a heading.",
        "Children Act 1989 Section 47 and Working Together 2023.",
        "She was on the Roundhay Park committee.",
        "The Child Protection Conference was on 3 May 2021.",
        "Mother met friends at Roundhay Park and the Leeds Food Bank.",  # a park and a charity
        "She banked at Barclays Bank and walked in Temple Newsam Park.",
        "Staff from the West End visited.",
    ],
)
def test_courts_practices_and_phrases_are_not_addresses(text):
    assert found_by(OURS, text, "street_address") == []
