"""`cspr library tag FILE [--json]`: what the importer would suggest for one report (themes with their
evidence sentences, the child's age band, the harm), without storing anything. Useful to check a theme's
cues against a real report before changing them. Exit code 2 when the file cannot be read."""

import json

from django.core.management import CommandError

from cspr.library.extract import ExtractionError, extract_file
from cspr.library.guessing import guess_age_band, guess_harm
from cspr.library.models import Theme
from cspr.library.tagging import rules_for, suggest_themes
from cspr.library.vocabulary import AGE_BANDS, HARMS

UNREADABLE = 2


def add_arguments(parser):
    parser.add_argument("file", help="A PDF, DOCX, HTML, TXT or Markdown report")
    parser.add_argument("--json", action="store_true", help="Print JSON instead of a readable summary")


def tag_text(text: str) -> dict:
    """Themes (with the active themes' cues), age band and harm for a text, as the command prints them."""
    rules = rules_for(Theme.objects.filter(is_active=True))
    evidence = suggest_themes(text, rules)
    age_band, harm = guess_age_band(text), guess_harm(text)
    return {
        "themes": sorted(evidence),
        "age_band": age_band.value if age_band else None,
        "harm": harm.value if harm else None,
        "evidence": {label: evidence[label] for label in sorted(evidence)},
    }


def run(options, out):
    try:
        extracted = extract_file(options["file"])
    except (ExtractionError, OSError) as error:
        raise CommandError(f"Cannot read {options['file']}: {error}", returncode=UNREADABLE) from error
    result = tag_text(extracted.text)
    if options["json"]:
        out.write(json.dumps(result, indent=2, ensure_ascii=False))
        return
    out.write(f"Age band: {AGE_BANDS.get(result['age_band'], 'not found')}")
    out.write(f"Harm: {HARMS.get(result['harm'], 'not found')}")
    if not result["themes"]:
        out.write("No themes suggested")
    for label in result["themes"]:
        out.write(f"\n{label}")
        for sentence in result["evidence"][label]:
            out.write(f"  - {sentence}")
