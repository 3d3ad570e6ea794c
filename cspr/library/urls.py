from .views import adopting, analytics, entries, importing, search, themes

app_name = "library"
urlpatterns = [
    *search.urlpatterns,
    *importing.urlpatterns,
    *analytics.urlpatterns,
    *themes.urlpatterns,
    *entries.urlpatterns,
    *adopting.urlpatterns,
]
