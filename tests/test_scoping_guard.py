"""Views reach partnership records only through `visible_to(user)`: forgetting it fails this test.

It reads every views module (views.py, *_views.py, views/*.py) and finds `<Model>.objects.` for each
PartnershipRecord model that is not followed by `visible_to(`. Access helpers and actions that need
an unscoped query live outside views modules, where review can see why.
"""

import re
from pathlib import Path

from django.apps import apps

from cspr.partnerships.models import PartnershipRecord

PACKAGE = Path(__file__).resolve().parents[1] / "cspr"


def partnership_record_models() -> list[str]:
    return [model.__name__ for model in apps.get_models() if issubclass(model, PartnershipRecord)]


def view_modules() -> list[Path]:
    paths = (
        set(PACKAGE.rglob("views.py")) | set(PACKAGE.rglob("*_views.py")) | set(PACKAGE.rglob("views/*.py"))
    )
    return sorted(path for path in paths if "tests" not in path.parts)


def unscoped_uses(source: str, models: list[str]) -> list[tuple[int, str]]:
    pattern = re.compile(rf"\b({'|'.join(models)})\.objects\.(?!visible_to\()")
    return [
        (number, line.strip()) for number, line in enumerate(source.splitlines(), 1) if pattern.search(line)
    ]


def test_guard_finds_an_unscoped_query():
    assert unscoped_uses("x = Agency.objects.get(pk=1)", ["Agency"]) == [(1, "x = Agency.objects.get(pk=1)")]
    assert unscoped_uses("x = Agency.objects.visible_to(user).get(pk=1)", ["Agency"]) == []


def test_views_reach_partnership_records_only_through_visible_to():
    models = partnership_record_models()
    assert "Agency" in models
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{number}: {line}"
        for path in view_modules()
        for number, line in unscoped_uses(path.read_text(), models)
    ]
    assert found == [], "unscoped queries in views:\n" + "\n".join(found)
