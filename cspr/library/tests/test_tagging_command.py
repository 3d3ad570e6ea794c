"""`cspr library tag FILE [--json]`: the themes, age band and harm the importer would suggest, with the
evidence sentences; exit code 2 for a file it cannot read. It stores nothing."""

import json

import pytest
from django.core.management import CommandError, call_command

from cspr.library.models import EntryTheme, LibraryEntry, Theme

REPORT = """Rapid review summary: Baby B

Baby B, a seven-week-old girl, died after co-sleeping on the sofa with her father.
Father had a long history of heavy drinking known to his GP.
There was no evidence of domestic abuse in the household.
"""


@pytest.fixture
def report(tmp_path):
    path = tmp_path / "baby-b.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


def run_tag(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("library", "tag", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_json_output_lists_themes_with_evidence_age_and_harm(report):
    result = json.loads(run_tag(str(report), "--json"))
    assert result["age_band"] == "under_1"
    assert result["harm"] == "death"
    assert "safe sleep" in result["themes"]
    assert "parental substance misuse" in result["themes"]
    assert "domestic abuse" not in result["themes"]
    assert result["evidence"]["safe sleep"] == [
        "Baby B, a seven-week-old girl, died after co-sleeping on the sofa with her father."
    ]
    assert set(result["evidence"]) == set(result["themes"])
    assert not LibraryEntry.objects.exists()
    assert not EntryTheme.objects.exists()


@pytest.mark.django_db
def test_readable_output(report):
    output = run_tag(str(report))
    assert "Age band: Under 1" in output
    assert "Harm: Death" in output
    assert "safe sleep\n  - Baby B, a seven-week-old girl" in output


@pytest.mark.django_db
def test_inactive_themes_are_not_suggested_and_administrators_cues_are(report):
    Theme.objects.filter(label="safe sleep").update(is_active=False)
    Theme.objects.create(label="alcohol and infants", cues="heavy drinking")
    result = json.loads(run_tag(str(report), "--json"))
    assert "safe sleep" not in result["themes"]
    assert "alcohol and infants" in result["themes"]


@pytest.mark.django_db
def test_unreadable_file_exits_with_code_2(tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"not a pdf at all")
    with pytest.raises(CommandError) as raised:
        run_tag(str(broken))
    assert raised.value.returncode == 2
    assert "broken.pdf" in str(raised.value)


@pytest.mark.django_db
def test_missing_file_exits_with_code_2(tmp_path):
    with pytest.raises(CommandError) as raised:
        run_tag(str(tmp_path / "nowhere.txt"))
    assert raised.value.returncode == 2
