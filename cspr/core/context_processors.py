from django.conf import settings

from cspr.core.navigation import nav_items_for


def navigation(request):
    """The navigation items, with the one whose address is the longest prefix of this page marked active.

    Only one is active: on /incidents/refer/ that is "Refer a case", not "Incidents" as well.
    """
    user = getattr(request, "user", None)
    items = nav_items_for(user)
    path = request.path
    matches = [
        item.url for item in items if path == item.url or (item.url != "/" and path.startswith(item.url))
    ]
    active = max(matches, key=len, default=None)
    nav = [{"label": item.label, "url": item.url, "active": item.url == active} for item in items]
    return {"nav_items": nav, "service_name": settings.SERVICE_NAME}
