"""The duplicate rules: which incidents look like the same case, and which never do."""

import datetime as dt

import pytest

from conftest import make_incident
from cspr.incidents import duplicates
from cspr.incidents.duplicates import (
    SAME_BIRTH,
    SAME_NAME,
    SAME_NAME_AND_BIRTH,
    SAME_PSEUDONYM,
    CaseFacts,
    ChildFacts,
    child_match_reasons,
    close_in_time,
    find_duplicates,
    is_generic_pseudonym,
    match_reasons,
    normalise_name,
    possible_duplicates,
)
from cspr.incidents.models import Child, IncidentLink, LinkKind

BORN = dt.date(2026, 5, 2)
DAY = dt.date(2026, 11, 21)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("Kai Testchild", "kai testchild"),
        ("  KAI   testchild ", "kai testchild"),
        ("Mary-Jane O'Neill", "mary jane o neill"),
        ("Zoë", "zoë"),
        ("ZOË", "zoë"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_names_compare_without_case_punctuation_or_spacing(given, expected):
    assert normalise_name(given) == expected


@pytest.mark.parametrize(
    ("pseudonym", "generic"),
    [
        ("Child A", True),
        ("child k", True),
        ("Child AB", True),
        ("", True),
        ("Baby Eva", False),
        ("Child Kai", False),
    ],
)
def test_default_pseudonyms_are_generic(pseudonym, generic):
    assert is_generic_pseudonym(pseudonym) is generic


@pytest.mark.parametrize(
    ("days", "close"), [(0, True), (13, True), (14, True), (15, False), (-14, True), (-15, False)]
)
def test_the_window_is_fourteen_days_either_way(days, close):
    assert close_in_time(DAY, DAY + dt.timedelta(days=days)) is close


@pytest.mark.parametrize(
    ("new", "known", "close", "reasons"),
    [
        # The same child: name and date of birth, whenever.
        (ChildFacts("Kai Testchild", BORN), ChildFacts("kai  TESTCHILD", BORN), False, [SAME_NAME_AND_BIRTH]),
        (ChildFacts("Kai Testchild", BORN), ChildFacts("Kai Testchild", BORN), True, [SAME_NAME_AND_BIRTH]),
        # The same name close in time, a date of birth missing on one side.
        (ChildFacts("Kai Testchild"), ChildFacts("Kai Testchild", BORN), True, [SAME_NAME]),
        (ChildFacts("Kai Testchild", BORN), ChildFacts("Kai Testchild"), True, [SAME_NAME]),
        (ChildFacts("Kai Testchild"), ChildFacts("Kai Testchild"), False, []),
        # Two children who share a name but not a birthday are two children.
        (ChildFacts("Kai Testchild", BORN), ChildFacts("Kai Testchild", dt.date(2019, 1, 1)), True, []),
        # The same date of birth close in time (a misspelt name, or twins).
        (ChildFacts("Kai Testchild", BORN), ChildFacts("Kye Testchild", BORN), True, [SAME_BIRTH]),
        (ChildFacts("", BORN), ChildFacts("Kai Testchild", BORN), True, [SAME_BIRTH]),
        (ChildFacts("", BORN), ChildFacts("", BORN), False, []),
        # Nothing to compare.
        (ChildFacts(""), ChildFacts(""), True, []),
        (ChildFacts("Kai"), ChildFacts("Ava"), True, []),
        # A pseudonym the partnership chose, whenever; never the default ones.
        (ChildFacts(pseudonym="Baby Eva"), ChildFacts(pseudonym="baby eva"), False, [SAME_PSEUDONYM]),
        (ChildFacts(pseudonym="Child A"), ChildFacts(pseudonym="Child A"), True, []),
        (
            ChildFacts("Eva Example", BORN, "Baby Eva"),
            ChildFacts("Eva Example", BORN, "Baby Eva"),
            True,
            [SAME_NAME_AND_BIRTH, SAME_PSEUDONYM],
        ),
    ],
)
def test_child_match_rules(new, known, close, reasons):
    assert child_match_reasons(new, known, close=close) == reasons


def test_case_reasons_are_listed_once_in_rule_order():
    new = CaseFacts(DAY, (ChildFacts("", BORN), ChildFacts("Ava Example")))
    known = CaseFacts(
        DAY + dt.timedelta(days=3),
        (ChildFacts("Ava Example"), ChildFacts("Other", BORN), ChildFacts("", BORN)),
    )
    assert match_reasons(new, known) == (SAME_NAME, SAME_BIRTH)


def test_case_without_children_matches_nothing():
    assert match_reasons(CaseFacts(DAY), CaseFacts(DAY, (ChildFacts("Kai"),))) == ()


def new_case(name="Kai Testchild", born=BORN, day=DAY) -> CaseFacts:
    return CaseFacts(day, (ChildFacts(name, born),))


def test_finds_the_fixture_incident_by_name_and_birth(incident):
    [match] = find_duplicates(incident.partnership, new_case(day=dt.date(2026, 1, 1)))
    assert match.incident == incident
    assert match.reasons == (SAME_NAME_AND_BIRTH,)


def test_finds_by_name_only_within_the_window(incident):
    assert find_duplicates(incident.partnership, new_case(born=None, day=DAY + dt.timedelta(days=14)))
    assert not find_duplicates(incident.partnership, new_case(born=None, day=DAY + dt.timedelta(days=15)))


def test_finds_by_birth_only_within_the_window(incident):
    assert find_duplicates(incident.partnership, new_case(name="", day=DAY - dt.timedelta(days=14)))
    assert not find_duplicates(incident.partnership, new_case(name="", day=DAY - dt.timedelta(days=15)))


def test_never_looks_in_another_partnership(incident, other_partnership):
    assert find_duplicates(other_partnership, new_case()) == []


def test_excluded_incidents_are_left_out(incident):
    assert find_duplicates(incident.partnership, new_case(), exclude=[incident]) == []


def test_finds_by_chosen_pseudonym_whenever(incident):
    Child.objects.filter(incident=incident).update(pseudonym="Baby Kai")
    case = CaseFacts(dt.date(2020, 1, 1), (ChildFacts(pseudonym="baby kai"),))
    [match] = find_duplicates(incident.partnership, case)
    assert match.reasons == (SAME_PSEUDONYM,)


def test_possible_duplicates_of_an_incident(partnership, incident):
    second = make_incident(partnership, reference="2026/002", incident_on=dt.date(2026, 11, 25))
    [match] = possible_duplicates(second)
    assert match.incident == incident
    assert [m.incident for m in possible_duplicates(incident)] == [second]


def test_linked_incidents_are_no_longer_possible_duplicates(partnership, incident):
    second = make_incident(partnership, reference="2026/002")
    IncidentLink.objects.create(
        partnership=partnership, from_incident=second, to_incident=incident, kind=LinkKind.OTHER
    )
    assert possible_duplicates(incident) == []
    assert possible_duplicates(second) == []


def test_most_recent_incident_first(partnership, incident):
    later = make_incident(partnership, reference="2026/002", incident_on=dt.date(2026, 11, 24))
    found = duplicates.find_duplicates(partnership, new_case())
    assert [match.incident for match in found] == [later, incident]
