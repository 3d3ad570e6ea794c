"""Rendering shared page templates, so each view passes only what differs."""

from django.shortcuts import render


def form_page(request, form, *, title: str, button: str, back_url: str = ""):
    """A page with one form: error summary, heading, every field in order, one button, a back link."""
    context = {"form": form, "title": title, "button": button, "back_url": back_url}
    return render(request, "form_page.html", context)
