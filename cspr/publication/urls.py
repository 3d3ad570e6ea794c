from .views import anonymisation, declared_names, prepare, publishing, redaction

app_name = "publication"
urlpatterns = [
    *prepare.urlpatterns,
    *anonymisation.urlpatterns,
    *declared_names.urlpatterns,
    *redaction.urlpatterns,
    *publishing.urlpatterns,
]
