"""Pages that belong to no stage of the review lifecycle: home, help, legal pages and errors."""

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import Http404, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from cspr.core import help
from cspr.core.navigation import nav_items_for


def home(request):
    items = [item for item in nav_items_for(request.user) if item.description]
    return render(request, "core/home.html", {"items": items})


@login_not_required
def help_index(request):
    pages = help.help_pages()
    context = {
        "role_pages": [page for page in pages if not page.for_it],
        "it_pages": [page for page in pages if page.for_it],
    }
    return render(request, "core/help_index.html", context)


@login_not_required
def help_page(request, slug):
    page = help.help_page(slug)
    if page is None:
        raise Http404
    return render(request, "core/help_page.html", {"page": page, "body": page.html()})


@login_not_required
def accessibility(request):
    return render(request, "core/accessibility.html")


@login_not_required
def privacy(request):
    return render(request, "core/privacy.html")


@login_not_required
def health(request):
    """For load balancers and monitoring: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


def forbidden(request, exception=None):
    return render(request, "errors/403.html", status=403)


def not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def server_error(request):
    """No context processors: whatever failed must not fail again while we apologise."""
    return HttpResponseServerError(loader.get_template("errors/500.html").render({}))
