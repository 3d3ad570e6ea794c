from .views import duplicates, entries, integrated

app_name = "chronology"
urlpatterns = [
    *entries.urlpatterns,
    *integrated.urlpatterns,
    *duplicates.urlpatterns,
]
