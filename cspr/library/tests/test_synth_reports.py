"""The synthetic report generator: clearly marked, deterministic, shaped like a real review, and with
metadata spread the way a real library's facets are."""

import json
from collections import Counter

import pytest
from django.core.management import CommandError, call_command

from cspr.library import synth, vocabulary
from cspr.library.synth.phrases import THEME_SENTENCES


def reports(count=300, seed=7, pages=30):
    return [synth.make_report(number, seed=seed, pages=pages) for number in range(1, count + 1)]


def test_the_same_seed_writes_the_same_report_and_another_seed_does_not():
    first = synth.make_report(12, seed=4)
    assert first.text() == synth.make_report(12, seed=4).text()
    assert first.text() != synth.make_report(12, seed=5).text()
    assert first.text() != synth.make_report(13, seed=4).text()


def test_every_report_begins_with_the_banner_and_has_its_pages_of_350_to_450_words_or_so():
    report = synth.make_report(1, seed=2, pages=30)
    text = report.text()
    assert text.startswith("SYNTHETIC TEST REPORT — NOT A REAL REVIEW\n")
    assert text.count("\f") == 29
    words = [len(page.split()) for page in text.split("\f")]
    assert all(350 <= count <= 560 for count in words[:-1]), words
    assert words[-1] >= 40  # the recommendations page
    assert report.word_count() == sum(words)


def test_a_report_is_structured_like_a_review_with_numbered_recommendations():
    report = synth.make_report(3, seed=1, pages=30)
    paragraphs = [paragraph for page in report.pages for paragraph in page]
    for heading in ("Summary", "Background to the review", "Analysis", "Recommendations"):
        assert heading in paragraphs
    for theme in report.themes:
        assert f"Learning about {theme}" in paragraphs
    assert f"Published {report.pages[0][3].split()[1]} {report.year}" == report.pages[0][3]
    numbered = [paragraph for paragraph in report.pages[-1] if paragraph[0].isdigit()]
    assert numbered == [f"{number}. {text}" for number, text in enumerate(report.recommendations, 1)]
    assert 4 <= len(numbered) <= 8
    assert len(set(report.recommendations)) == len(report.recommendations)


def test_the_analysis_uses_the_words_of_the_reports_own_themes():
    report = synth.make_report(8, seed=3)
    text = report.text()
    for theme in report.themes:
        sentence_starts = [sentence.split("{")[0][:25] for sentence in THEME_SENTENCES[theme]]
        assert any(start and start in text for start in sentence_starts), theme


def test_a_one_page_report_still_has_its_summary_and_recommendations():
    report = synth.make_report(1, seed=9, pages=1)
    assert len(report.pages) == 1
    assert report.pages[0][0] == synth.BANNER
    assert "Recommendations" in report.pages[0]


def test_metadata_follow_realistic_weights_so_facets_look_like_a_real_library():
    made = reports()
    bands = Counter(report.age_band for report in made)
    assert set(bands) == set(vocabulary.AGE_BANDS)
    assert bands.most_common(1)[0][0] == vocabulary.UNDER_1
    assert len({report.area for report in made}) >= 30
    assert {report.harm for report in made} == set(vocabulary.HARMS)
    assert len({report.year for report in made}) >= 12
    for report in made:
        assert 2 <= len(report.themes) <= 5
        assert len(set(report.themes)) == len(report.themes)
        if "sudden unexpected infant death" in report.themes:
            assert report.harm == vocabulary.DEATH
        if "covid-19" in report.themes:
            assert 2020 <= report.year <= 2023
        if report.review_type == vocabulary.SCR:
            assert report.year < 2019
        if report.review_type == vocabulary.CSPR:
            assert report.year >= 2019
        assert (report.area == "National") == (report.review_type == vocabulary.NATIONAL)
    baby_themes = Counter(t for r in made if r.age_band == vocabulary.UNDER_1 for t in r.themes)
    teen_themes = Counter(t for r in made if r.age_band == vocabulary.AGE_16_TO_17 for t in r.themes)
    assert baby_themes["safe sleep"] > teen_themes["safe sleep"]
    assert teen_themes["criminal exploitation"] > baby_themes["criminal exploitation"]


def test_write_reports_writes_text_files_and_a_manifest_of_their_true_metadata(tmp_path):
    rows = synth.write_reports(tmp_path, 4, seed=11, pages=3)
    files = sorted(tmp_path.glob("*.txt"))
    assert [path.name for path in files] == sorted(row["file"] for row in rows)
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["seed"] == 11 and manifest["reports"] == rows
    first = synth.make_report(1, seed=11, pages=3)
    assert (tmp_path / rows[0]["file"]).read_text(encoding="utf-8") == first.text()
    assert rows[0]["themes"] == first.themes and rows[0]["page_count"] == 3


def test_docx_reports_begin_with_the_banner_and_break_pages(tmp_path):
    from docx import Document

    rows = synth.write_reports(tmp_path, 1, seed=1, pages=3, file_format="docx")
    document = Document(tmp_path / rows[0]["file"])
    assert document.paragraphs[0].text == synth.BANNER
    assert document.paragraphs[1].style.name == "Heading 1"
    breaks = document.element.body.xml.count('w:type="page"')
    assert breaks == 2


def test_the_command_writes_the_reports_and_says_how_many(tmp_path, capsys):
    out_dir = tmp_path / "reports"
    call_command("library", "synth", "--reports", "3", "--pages", "2", "--out", str(out_dir), "--seed", "5")
    assert len(list(out_dir.glob("synthetic-*.txt"))) == 3
    captured = capsys.readouterr()
    assert "Wrote 3 synthetic reports (6 pages)" in captured.out
    assert "[3/3] synthetic reports written" in captured.err


@pytest.mark.parametrize("argument", ["--reports", "--pages"])
def test_the_command_refuses_nothing_to_write(tmp_path, argument):
    with pytest.raises(CommandError, match=f"{argument} must be at least 1"):
        call_command("library", "synth", argument, "0", "--out", str(tmp_path))


def test_the_importer_reads_a_report_as_its_pages_of_paragraphs():
    from cspr.library.extract import extract_bytes

    report = synth.make_report(5, seed=1, pages=30)
    extracted = extract_bytes(report.text().encode("utf-8"), f"{report.file_stem}.txt")
    assert extracted.page_count == 30
    paragraphs = extracted.paragraphs()
    assert paragraphs[0] == (1, synth.BANNER)
    assert len(paragraphs) == sum(len(page) for page in report.pages)
    assert 150 <= len(paragraphs) <= 300  # about 240 passages a report, as the bench target assumes
    assert paragraphs[-1][0] == 30
