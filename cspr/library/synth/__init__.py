"""Clearly synthetic case review reports, for benchmarking the library's import and search at scale.

Each report is built from practitioner phrasing (a summary, the background to the review, the child's
story as a dated narrative, an analysis section per theme, numbered recommendations) so that the words a
search meets, and the tagger's cues, occur where a real review would put them. Metadata are drawn from
weighted distributions in the spirit of the Panel's annual report (most reviews concern babies or
adolescents; safe sleep and bruising come with babies, exploitation with teenagers; SUDI means a death;
covid-19 only in 2020-2023), so that facet counts look like a real library's rather than a flat spread.

Every file begins with `BANNER`: nothing here may ever be mistaken for a real review. Reports are
deterministic: report n of seed s is drawn from its own `random.Random(f"{s}:{n}")`, whatever else is made.
Plain Python (python-docx only for `--format docx`) so that it runs without a database.
"""

import json
import random
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from cspr.library import vocabulary

from .phrases import (
    AGE_THEME_WEIGHTS,
    AGE_WEIGHTS,
    AGENCIES,
    ANALYSIS_OPENERS,
    AREA_WEIGHTS,
    AREAS,
    BACKGROUND_SENTENCES,
    BASE_THEME_WEIGHTS,
    CARERS,
    DEATH_SHARE,
    DETAILS,
    GENERAL_SENTENCES,
    GOOD_PRACTICE_SENTENCES,
    LETTERS,
    MONTHS,
    NATIONAL_AREA,
    RECOMMENDATION_TEMPLATES,
    THEME_COUNT_WEIGHTS,
    THEME_COUNTS,
    THEME_SENTENCES,
    TITLES,
    YEAR_WEIGHTS,
    YEARS,
)

BANNER = "SYNTHETIC TEST REPORT — NOT A REAL REVIEW"
# Changed whenever the same seed would write different reports, so that a kept set is not reused wrongly.
GENERATOR_VERSION = 2
FORMATS = ("txt", "docx")


@dataclass
class SyntheticReport:
    """One synthetic report: its true metadata (what the bench treats as a person's checked answers) and
    its pages of paragraphs."""

    number: int
    title: str
    area: str
    year: int
    review_type: str
    age_band: str
    harm: str
    themes: list[str]
    recommendations: list[str]
    pages: list[list[str]]

    @property
    def file_stem(self) -> str:
        return f"synthetic-{self.number:05d}-{self.year}"

    def text(self) -> str:
        """Paragraphs separated by blank lines, pages by form feeds."""
        return "\f".join("\n\n".join(paragraphs) + "\n" for paragraphs in self.pages)

    def word_count(self) -> int:
        return sum(len(paragraph.split()) for page in self.pages for paragraph in page)

    def manifest_row(self, file_name: str) -> dict:
        row = asdict(self)
        del row["pages"], row["number"]
        return {"file": file_name, **row, "page_count": len(self.pages), "words": self.word_count()}


def draw_metadata(rng: random.Random) -> dict:
    """Year, type, age band, harm, area and themes, each conditioned on what was drawn before it."""
    year = rng.choices(YEARS, YEAR_WEIGHTS)[0]
    if year < 2019:
        types, weights = [vocabulary.SCR, vocabulary.THEMATIC, vocabulary.OTHER_LEARNING_REVIEW], [80, 7, 13]
    else:
        types = [
            vocabulary.CSPR,
            vocabulary.RAPID_REVIEW_LEARNING,
            vocabulary.THEMATIC,
            vocabulary.NATIONAL,
            vocabulary.OTHER_LEARNING_REVIEW,
        ]
        weights = [60, 15, 8, 3, 14]
    review_type = rng.choices(types, weights)[0]
    age_band = rng.choices(list(AGE_WEIGHTS), list(AGE_WEIGHTS.values()))[0]
    harm = vocabulary.DEATH if rng.random() < DEATH_SHARE[age_band] else vocabulary.SERIOUS_HARM
    weights = {**BASE_THEME_WEIGHTS, **AGE_THEME_WEIGHTS[age_band]}
    if not 2020 <= year <= 2023:
        weights.pop("covid-19")
    if harm != vocabulary.DEATH:
        weights.pop("sudden unexpected infant death", None)
    themes = []
    for _ in range(rng.choices(THEME_COUNTS, THEME_COUNT_WEIGHTS)[0]):
        label = rng.choices(list(weights), list(weights.values()))[0]
        themes.append(label)
        del weights[label]
    area = NATIONAL_AREA if review_type == vocabulary.NATIONAL else rng.choices(AREAS, AREA_WEIGHTS)[0]
    return {
        "year": year,
        "review_type": review_type,
        "age_band": age_band,
        "harm": harm,
        "area": area,
        "themes": themes,
    }


def age_phrase(rng: random.Random, band: str) -> str:
    if band == vocabulary.UNDER_1:
        return rng.choice(
            [f"a {rng.randint(3, 20)}-week-old baby", f"a baby aged {rng.randint(2, 11)} months"]
        )
    if band == vocabulary.AGE_1_TO_4:
        return rng.choice([f"a toddler aged {rng.randint(1, 3)}", f"a child aged {rng.randint(1, 4)}"])
    low, high = {"5_10": (5, 10), "11_15": (11, 15), "16_17": (16, 17)}[band]
    age = rng.randint(low, high)
    if age <= 15 and rng.random() < 0.4:
        return f"a Year {age - 4} pupil aged {age}"
    return f"a young person aged {age}" if age >= 13 else f"a child aged {age}"


class _Writer:
    """Draws one report's sentences with its own generator, filling the placeholders as it goes."""

    def __init__(self, rng: random.Random, metadata: dict, child: str):
        self.rng, self.metadata, self.child = rng, metadata, child
        self.year_of_events = metadata["year"] - 2

    def fill(self, template: str, **extra) -> str:
        rng = self.rng
        agency, other = rng.sample(AGENCIES, 2)
        when = f"in {rng.choice(MONTHS)} {self.year_of_events - rng.randint(0, 1)}"
        text = template.format(
            child=self.child,
            carer=rng.choice(CARERS),
            agency=agency,
            Agency=agency[0].upper() + agency[1:],
            other_agency=other,
            detail=rng.choice(DETAILS),
            detail2=rng.choice(DETAILS),
            when=when,
            area=self.metadata["area"],
            **extra,
        )
        return text[0].upper() + text[1:]

    def paragraph(self, bank: list[str], *, themed: float = 0.0, theme_bank: list[str] | None = None) -> str:
        """Three to six different sentences from `bank`, a `themed` share of them from `theme_bank` (by
        default the bank of one of the report's own themes)."""
        rng, chosen = self.rng, {}  # a dict keeps the order drawn and drops a sentence drawn twice
        for _ in range(rng.randint(3, 6)):
            if rng.random() < themed:
                pool = theme_bank or THEME_SENTENCES[rng.choice(self.metadata["themes"])]
            else:
                pool = bank
            chosen[rng.choice(pool)] = None
        return " ".join(self.fill(template) for template in chosen)


def page_plan(pages: int) -> list[str]:
    """The section each page belongs to: front matter first, recommendations last, the narrative and the
    analysis by theme taking most of the middle."""
    plan = []
    for index in range(pages):
        share = index / pages
        if index == 0:
            plan.append("summary")
        elif index == pages - 1:
            plan.append("recommendations")
        elif share < 0.12:
            plan.append("background")
        elif share < 0.5:
            plan.append("chronology")
        elif share < 0.9 or index < pages - 2:
            plan.append("analysis")
        else:
            plan.append("conclusions")
    return plan


def make_report(number: int, *, seed: int = 0, pages: int = 30) -> SyntheticReport:
    """Report `number` of the set made with `seed`: the same every time."""
    rng = random.Random(f"{seed}:{number}")  # noqa: S311 - synthetic test data, not security
    metadata = draw_metadata(rng)
    child = f"{'Baby' if metadata['age_band'] == vocabulary.UNDER_1 else 'Child'} {rng.choice(LETTERS)}"
    writer = _Writer(rng, metadata, child)
    themes = metadata["themes"]
    title = rng.choice(TITLES[metadata["review_type"]]).format(
        who=child, theme=themes[0], area=metadata["area"]
    )
    pairs = [(template, theme) for template in RECOMMENDATION_TEMPLATES for theme in themes]
    recommendations = [
        writer.fill(template, theme=theme)
        for template, theme in rng.sample(pairs, min(len(pairs), rng.randint(4, 8)))
    ]
    plan = page_plan(pages)
    analysis_pages = max(1, plan.count("analysis"))
    result, section, analysis_index = [], None, 0
    for kind in plan:
        # The recommendations page ends the report and is as long as the recommendations.
        target = 0 if kind == "recommendations" and len(plan) > 1 else rng.randint(350, 450)
        paragraphs = []
        if kind == "summary":
            outcome = (
                f"{child} died in {rng.choice(MONTHS)} {metadata['year'] - 1}."
                if metadata["harm"] == vocabulary.DEATH
                else f"{child} suffered serious injuries in {rng.choice(MONTHS)} {metadata['year'] - 1}."
            )
            paragraphs += [
                BANNER,
                title,
                f"{metadata['area']} Safeguarding Children Partnership",
                f"Published {rng.choice(MONTHS)} {metadata['year']}",
                "Summary",
                f"This review concerns {child}, {age_phrase(rng, metadata['age_band'])}. {outcome} "
                f"The review found learning about {', '.join(themes[:-1])} and {themes[-1]}.",
            ]
        if kind == "recommendations" or len(plan) == 1:
            paragraphs += ["Recommendations", "The review makes the following recommendations."]
            paragraphs += [f"{index}. {text}" for index, text in enumerate(recommendations, start=1)]
        if kind != section and kind not in ("summary", "recommendations"):
            heading = {
                "background": "Background to the review",
                "chronology": f"The story of {child}",
                "conclusions": "Good practice and conclusions",
            }.get(kind)
            if heading:
                paragraphs.append(heading)
        if kind == "analysis":
            theme = themes[min(len(themes) - 1, analysis_index * len(themes) // analysis_pages)]
            if analysis_index == 0:
                paragraphs.append("Analysis")
            if (
                analysis_index == 0
                or theme != themes[min(len(themes) - 1, (analysis_index - 1) * len(themes) // analysis_pages)]
            ):
                paragraphs += [
                    f"Learning about {theme}",
                    writer.fill(rng.choice(ANALYSIS_OPENERS), theme=theme),
                ]
            analysis_index += 1
        section = kind
        words = sum(len(paragraph.split()) for paragraph in paragraphs)
        while words < target:
            if kind == "analysis":
                paragraph = writer.paragraph(GENERAL_SENTENCES, themed=0.6, theme_bank=THEME_SENTENCES[theme])
            elif kind == "background":
                paragraph = writer.paragraph(BACKGROUND_SENTENCES)
            elif kind == "conclusions":
                paragraph = writer.paragraph(GOOD_PRACTICE_SENTENCES + GENERAL_SENTENCES)
            else:
                paragraph = writer.paragraph(GENERAL_SENTENCES, themed=0.3)
            paragraphs.append(paragraph)
            words += len(paragraph.split())
        result.append(paragraphs)
    return SyntheticReport(number, title, recommendations=recommendations, pages=result, **metadata)


def write_docx(report: SyntheticReport, path: Path) -> None:
    """The report as Word: short lines become headings, pages end with page breaks."""
    from docx import Document

    document = Document()
    for index, paragraphs in enumerate(report.pages):
        for paragraph in paragraphs:
            if len(paragraph) < 80 and not paragraph[0].isdigit() and paragraph != BANNER:
                document.add_heading(paragraph, level=1 if paragraph == report.title else 2)
            else:
                document.add_paragraph(paragraph)
        if index < len(report.pages) - 1:
            document.add_page_break()
    document.save(path)


def write_reports(
    out_dir: Path,
    count: int,
    *,
    seed: int = 0,
    pages: int = 30,
    file_format: str = "txt",
    progress: Callable[[int, int], None] | None = None,
) -> list[dict]:
    """Write `count` reports into `out_dir` plus `manifest.json` (each file's true metadata, for benches
    that need a person's checked answers); returns the manifest rows."""
    out_dir.mkdir(parents=True, exist_ok=True)
    rows = []
    for number in range(1, count + 1):
        report = make_report(number, seed=seed, pages=pages)
        path = out_dir / f"{report.file_stem}.{file_format}"
        if file_format == "docx":
            write_docx(report, path)
        else:
            path.write_text(report.text(), encoding="utf-8")
        rows.append(report.manifest_row(path.name))
        if progress:
            progress(number, count)
    manifest = {
        "banner": BANNER,
        "generator": GENERATOR_VERSION,
        "seed": seed,
        "pages": pages,
        "format": file_format,
        "reports": rows,
    }
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return rows
