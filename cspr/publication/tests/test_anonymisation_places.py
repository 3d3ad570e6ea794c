"""Named schools, nurseries and health settings are found; agencies, trusts and settings described but not
named ("the school", "the Emergency Department") are not."""

import pytest

from cspr.publication.anonymisation.checker import check_text
from cspr.publication.anonymisation.findings import IdentifierType
from cspr.publication.anonymisation.recognisers import places
from cspr.publication.tests.passage_dates_places import passage

PLACE_TYPES = {IdentifierType.SCHOOL, IdentifierType.HEALTH_SETTING}


@pytest.fixture(scope="module")
def place_findings():
    """The checker's setting findings for a text (the first call loads the engine, about 4 s)."""

    def found(text: str) -> list[tuple[str, str]]:
        return [(f.type.value, f.text) for f in check_text(text).findings if f.type in PLACE_TYPES]

    return found


def recognised(text: str) -> list[tuple[str, str]]:
    return [
        (result.entity_type, text[result.start : result.end])
        for recogniser in places.recognisers()
        for result in recogniser.analyze(text, None)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Child K attended Oakfield Primary School from 2019.", "Oakfield Primary School"),
        ("She went to Little Acorns Nursery three days a week.", "Little Acorns Nursery"),
        ("St Mary's C of E Academy made a referral.", "St Mary's C of E Academy"),
        ("Staff at St Mary’s Catholic Primary School said.", "St Mary’s Catholic Primary School"),
        ("He moved to Kingsway High in Year 7.", "Kingsway High"),
        ("Kingsway Primary staff were worried.", "Kingsway Primary"),
        ("Brightstart Pre-school raised concerns.", "Brightstart Pre-school"),
        ("Hillside Children's Centre offered a place.", "Hillside Children's Centre"),
        ("Oakfield Junior and Infant School said.", "Oakfield Junior and Infant School"),
        ("The Head of Oakfield Primary School attended.", "Oakfield Primary School"),
        ("West Yorkshire Police and Oakfield Academy shared information.", "Oakfield Academy"),
        (
            "Our Lady of Lourdes Catholic Primary School made a referral.",
            "Our Lady of Lourdes Catholic Primary School",
        ),
        ("Child K was at Oakfield primary school.", "Oakfield primary school"),
        (
            "Sibling 1 went to Beckside\nCommunity College (a line wrapped in a PDF).",
            "Beckside\nCommunity College",
        ),
    ],
)
def test_named_schools_and_nurseries(text, expected):
    assert recognised(text) == [("school", expected)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He was taken to St James's University Hospital.", "St James's University Hospital"),
        ("Leeds General Infirmary staff noted bruising.", "Leeds General Infirmary"),
        ("Child K was admitted to Ward 12 overnight.", "Ward 12"),
        ("Child K was moved to ward L52.", "ward L52"),
        ("She was transferred to Larch Ward at the hospital.", "Larch Ward"),
        ("The family were registered at Hillside Surgery.", "Hillside Surgery"),
        ("Park Road Medical Centre saw Mother.", "Park Road Medical Centre"),
        ("She attended the Oaks Health Centre.", "Oaks Health Centre"),
        ("Dr Shah's practice did not follow up.", "Dr Shah's practice"),
        ("The Beckside Medical Practice and the Tavistock Clinic.", "Beckside Medical Practice"),
        ("She was taken to Birmingham Children's Hospital by ambulance.", "Birmingham Children's Hospital"),
        ("Martin House Hospice offered respite.", "Martin House Hospice"),
    ],
)
def test_named_health_settings(text, expected):
    assert recognised(text)[0] == ("health_setting", expected)


@pytest.mark.parametrize(
    "text",
    [
        # Agencies: a trust runs the hospital; a review names it on purpose.
        "Leeds Teaching Hospitals NHS Trust contributed a report.",
        "Birmingham Children's Hospital NHS Foundation Trust contributed a chronology.",
        "Oak Multi Academy Trust runs the school.",
        "Children's Social Care and Early Help were involved; Ofsted were told.",
        "The Designated Safeguarding Lead and the Virtual School Head attended; so did Leeds Virtual School.",
        "The Royal College of Paediatrics and Child Health guidance applies.",
        "The Leeds Child Safeguarding Practice Review Panel met.",
        "Good practice and Reflective Practice were noted.",
        # Settings described, not named.
        "The school said that the hospital and a nursery were involved.",
        "Child K started primary school in September at a Leeds primary school.",
        "She attended the Emergency Department and the neonatal unit, then the Children's Hospital.",
        "Child K's School reported absences; Mother's GP Surgery did not.",
        "She had Paediatric Surgery and went to the Sexual Health Clinic.",
        "The Local Authority Day Nursery and the Sure Start Children's Centre closed.",
        "Primary School staff knew; the School Nurse did not.",
        # Ward is a surname; capitalised headings and risk levels are not places.
        "Sarah Ward, the nurse, saw Child K on the ward.",
        "Mrs Ward from the hospital called.",
        "Risk level: Very High. Kingsway High Street was busy.",
        "Section 3: Health Visiting And GP Surgery",
    ],
)
def test_agencies_and_unnamed_settings_are_not_flagged(text):
    assert recognised(text) == []


def test_findings_name_the_recogniser_and_say_why():
    school, health, wards = places.recognisers()
    [result] = school.analyze("Oakfield Primary School", ["school"])
    assert result.recognition_metadata["recognizer_name"] == "cspr named schools"
    assert "school" in result.analysis_explanation.textual_explanation
    assert health.analyze("Hillside Surgery", ["school"]) == []
    assert wards.analyze("Ward 12", ["health_setting"])[0].recognition_metadata["recognizer_name"] == (
        "cspr wards and practices"
    )


def test_the_checker_finds_settings_but_not_agencies(place_findings):
    found = place_findings(
        "Leeds Teaching Hospitals NHS Trust and West Yorkshire Police contributed. Child K was taken to "
        "Leeds General Infirmary and later attended Oakfield Primary School."
    )
    assert found == [("health_setting", "Leeds General Infirmary"), ("school", "Oakfield Primary School")]


def test_a_realistic_passage_every_setting_found_and_no_false_alarm(place_findings):
    """The measured figures for the round report: on the passage (about 940 words, with agency, team and
    trust names throughout), every named setting is found and nothing else."""
    text, marks = passage()
    expected = [
        (kind, text[start:end]) for kind, start, end in marks if kind in {t.value for t in PLACE_TYPES}
    ]
    found = place_findings(text)
    assert len(expected) == 12
    for kind, span in expected:
        assert any(kind == found_kind and found_span in span for found_kind, found_span in found), span
    assert len(found) == len(expected)
