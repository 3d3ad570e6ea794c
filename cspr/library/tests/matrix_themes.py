"""Permission matrix entries for the library theme administration pages: system administrators only (the
taxonomy is national); everyone else signed in is refused, anonymous visitors are sent to sign in."""

from cspr.core.tests.matrix_rules import only
from cspr.library.models import Theme

ADMINISTRATORS = only({"system_admin": 200}, 403)


def theme_kwargs(ctx) -> dict:
    return {"pk": Theme.objects.get(label="neglect").pk}


ENTRIES: dict = {
    "library:themes": ("get", None, ADMINISTRATORS),
    "library:new_theme": ("get", None, ADMINISTRATORS),
    "library:edit_theme": ("get", theme_kwargs, ADMINISTRATORS),
}
