"""A person's calendar feed: the page to create, replace or stop it, and the feed itself.

The feed is fetched by calendar programs, which cannot sign in: its secret address is the key. Only a hash
of the token is stored, so the address is shown once, when it is made; losing it means making a new one.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods, require_safe

from cspr import permissions
from cspr.deadlines import actions
from cspr.deadlines.feeds import calendar_for
from cspr.deadlines.models import CalendarFeed


@require_http_methods(["GET", "HEAD", "POST"])
def calendar_feed(request):
    user = request.user
    if not permissions.can_have_calendar_feed(user):
        raise PermissionDenied
    address = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "create":
            token = actions.do_create_calendar_feed(user, request=request)
            address = request.build_absolute_uri(reverse("deadlines:ics", args=[token]))
        elif action == "revoke":
            if actions.do_revoke_calendar_feed(user, request=request):
                messages.success(request, "Your calendar feed has stopped. Its address no longer works.")
            return redirect("deadlines:calendar-feed")
        else:
            return redirect("deadlines:calendar-feed")
    feed = CalendarFeed.objects.filter(user=user).first()
    response = render(request, "deadlines/calendar_feed.html", {"feed": feed, "address": address})
    if address:
        # The one time the secret address is shown: keep it out of every cache.
        response["Cache-Control"] = "private, no-store"
    return response


@login_not_required
@require_safe
def ics(request, token):
    """The feed: 404 for an unknown or stopped address, or an account that is no longer active."""
    feeds = CalendarFeed.objects.select_related("user")
    feed = feeds.filter(token_hash=CalendarFeed.hash_token(token)).first()
    if feed is None or not feed.user.is_active:
        raise Http404
    body = calendar_for(feed.user)
    actions.mark_feed_used(feed)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response


urlpatterns = [
    path("calendar/", calendar_feed, name="calendar-feed"),
    path("calendar/<str:token>.ics", ics, name="ics"),
]
