from .views import commissioning, lists, quality, records, running, workspace

app_name = "practice_reviews"
urlpatterns = [
    *lists.urlpatterns,
    *records.urlpatterns,
    *workspace.urlpatterns,
    *commissioning.urlpatterns,
    *running.urlpatterns,
    *quality.urlpatterns,
]
