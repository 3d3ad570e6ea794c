from .views import checks, prepare, publishing

app_name = "publication"
urlpatterns = [*prepare.urlpatterns, *checks.urlpatterns, *publishing.urlpatterns]
