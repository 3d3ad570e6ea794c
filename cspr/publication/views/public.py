"""The public pages (no sign-in): partnerships' published reviews, as on their own websites.

A partnership's page lists, newest year first, each review on its website with its themes, date, reviewer
and links to the full report, executive summary, briefings and slides; the improvements statement of a
review whose report is not published; and the reviews past their 12 months as "available on request" with
the partnership's email, without documents. Nothing here is read without `public_records`.
"""

from itertools import groupby
from pathlib import PurePath

from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from ..models import DocumentKind
from ..public_records import partnership_reviews, partnerships_publishing, public_document, public_review


def review_links(review) -> list[dict]:
    """The public links of a review on the website, in the order the seeds' pages list them."""
    if review.publication_decision != "publish_report":
        return []
    if review.panel_publication_url:
        return [{"text": "Full report (published by the Panel)", "url": review.panel_publication_url}]
    address = [review.partnership.slug, review.public_slug]
    documents = {document.kind: document for document in review.documents.all()}
    links = []
    for kind in (DocumentKind.FULL_REPORT, DocumentKind.EXECUTIVE_SUMMARY):
        if kind in documents:
            links.append(_document_link(review, address, documents[kind], kind.label))
    for briefing in review.briefings.all():
        url = reverse("public:briefing", args=[*address, briefing.format])
        links.append({"text": briefing.get_format_display().capitalize(), "url": url})
    if DocumentKind.SLIDES in documents:
        links.append(
            _document_link(
                review,
                address,
                documents[DocumentKind.SLIDES],
                "Slides for using to share the learning in your organisation",
            )
        )
    return links


def _document_link(review, address, document, label) -> dict:
    suffix = PurePath(document.original_name).suffix.upper().lstrip(".")
    return {
        "text": f"{label} ({suffix})" if suffix else label,
        "url": reverse("public:document", args=[*address, document.kind]),
    }


def _described(reviews) -> list[dict]:
    rows = []
    for review in reviews:
        lead = next((a for a in review.reviewer_assignments.all() if a.is_lead and a.ended_on is None), None)
        rows.append(
            {
                "review": review,
                "themes": [theme.label for theme in review.themes.all()],
                "reviewer": lead.published_name if lead else "",
                "links": review_links(review),
                "url": reverse("public:review", args=[review.partnership.slug, review.public_slug]),
            }
        )
    return rows


@login_not_required
@require_safe
def index(request):
    context = {"partnerships": partnerships_publishing(timezone.localdate())}
    return render(request, "publication/public/index.html", context)


@login_not_required
@require_safe
def partnership(request, partnership):
    found = partnership_reviews(partnership, timezone.localdate())
    rows = _described(found.published)
    years = [
        (year, list(group)) for year, group in groupby(rows, key=lambda row: row["review"].published_on.year)
    ]
    context = {"partnership": found.partnership, "years": years, "on_request": found.on_request}
    return render(request, "publication/public/partnership.html", context)


@login_not_required
@require_safe
def review(request, partnership, review):
    found = public_review(partnership, review, timezone.localdate())
    context = {"row": _described([found])[0], "partnership": found.partnership}
    return render(request, "publication/public/review.html", context)


@login_not_required
@require_safe
def document(request, partnership, review, kind):
    """The file under a name made from the published title, never the name it was uploaded with."""
    found = public_review(partnership, review, timezone.localdate())
    published = public_document(found, kind)
    try:
        handle = published.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    suffix = PurePath(published.original_name).suffix.lower()
    name = f"{found.public_slug}-{kind.replace('_', '-')}{suffix}"
    return FileResponse(handle, as_attachment=suffix != ".pdf", filename=name)


urlpatterns = [
    path("", index, name="index"),
    path("<slug:partnership>/", partnership, name="partnership"),
    path("<slug:partnership>/<slug:review>/", review, name="review"),
    path("<slug:partnership>/<slug:review>/<str:kind>", document, name="document"),
]
