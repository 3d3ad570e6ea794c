from django.conf import settings

from cspr.core.navigation import nav_items_for


def navigation(request):
    user = getattr(request, "user", None)
    items = nav_items_for(user)
    path = request.path
    nav = [
        {
            "label": item.label,
            "url": item.url,
            "active": path == item.url or (item.url != "/" and path.startswith(item.url)),
        }
        for item in items
    ]
    return {"nav_items": nav, "service_name": settings.SERVICE_NAME}
