"""The user guide: Markdown pages in docs/ served as the service's help pages, so there is one copy."""

import re
from dataclasses import dataclass
from pathlib import Path

import markdown
from django.conf import settings

HELP_DIR = settings.PROJECT_DIR / "docs"
PAGE_NAME = re.compile(r"^[a-z0-9-]+$")
# Pages for the council's IT team; every other page is a guide for one role. docs/development/ is not served.
IT_PAGES = ("install", "operations")


@dataclass(frozen=True)
class HelpPage:
    slug: str
    title: str
    path: Path

    @property
    def for_it(self) -> bool:
        return self.slug in IT_PAGES

    def html(self) -> str:
        """Markdown to HTML with GOV.UK typography classes; the guide is our own text, not user input."""
        body = markdown.markdown(self.path.read_text(encoding="utf-8"), extensions=["tables", "toc"])
        body = re.sub(r"^<h1[^>]*>.*?</h1>\n?", "", body, count=1, flags=re.S)
        for tag, css in GOVUK_CLASSES.items():
            body = body.replace(f"<{tag}>", f'<{tag} class="{css}">').replace(
                f"<{tag} id=", f'<{tag} class="{css}" id='
            )
        return body


GOVUK_CLASSES = {
    "h2": "govuk-heading-m",
    "h3": "govuk-heading-s",
    "p": "govuk-body",
    "ul": "govuk-list govuk-list--bullet",
    "ol": "govuk-list govuk-list--number",
    "table": "govuk-table",
    "th": "govuk-table__header",
    "td": "govuk-table__cell",
    "a": "govuk-link",
    "pre": "app-code",
}


def _title(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return path.stem.replace("-", " ").capitalize()


def help_pages() -> list[HelpPage]:
    paths = sorted(p for p in HELP_DIR.glob("*.md") if PAGE_NAME.match(p.stem) and p.stem != "index")
    return [HelpPage(p.stem, _title(p), p) for p in paths]


def help_page(slug: str) -> HelpPage | None:
    if not PAGE_NAME.match(slug):
        return None
    return next((page for page in help_pages() if page.slug == slug), None)
