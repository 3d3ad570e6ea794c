"""The starting theme taxonomy (shared/themes.md), loaded as data so that administrators can add themes."""

import csv
from pathlib import Path

from django.db import migrations

THEMES_CSV = Path(__file__).resolve().parent.parent / "data" / "themes.csv"


def load_themes(apps, schema_editor):
    Theme = apps.get_model("library", "Theme")
    with THEMES_CSV.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            Theme.objects.get_or_create(label=row["label"], defaults={"description": row["description"]})


class Migration(migrations.Migration):
    dependencies = [("library", "0002_initial")]

    operations = [migrations.RunPython(load_themes, migrations.RunPython.noop)]
