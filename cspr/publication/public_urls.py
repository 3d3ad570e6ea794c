"""The public pages: no sign-in, only what partnerships have published (reviews, documents, briefings)."""

from cspr.briefings import public as briefings_public

from .views import public

app_name = "public"
urlpatterns = [*public.urlpatterns, *briefings_public.urlpatterns]
