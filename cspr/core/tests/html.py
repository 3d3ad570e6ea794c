"""Reading rendered HTML in component tests: elements by tag and class, and rendering a tag."""

from html.parser import HTMLParser

from django.template import Context, Template


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {name: value or "" for name, value in attrs}))


def elements(html: str, tag: str | None = None, css_class: str | None = None) -> list[dict]:
    parser = _Elements()
    parser.feed(html)
    return [
        attrs
        for name, attrs in parser.elements
        if (tag is None or name == tag) and (css_class is None or css_class in attrs.get("class", "").split())
    ]


def by_id(html: str, element_id: str) -> dict:
    [attrs] = [attrs for attrs in elements(html) if attrs.get("id") == element_id]
    return attrs


def classes(attrs: dict) -> set[str]:
    return set(attrs.get("class", "").split())


def render(source: str, **context) -> str:
    return Template("{% load govuk %}" + source).render(Context(context))


def field_html(bound_field, **kwargs) -> str:
    args = "".join(f" {name}={name}" for name in kwargs)
    return render(f"{{% govuk_field field{args} %}}", field=bound_field, **kwargs)
