from .views import prepare

app_name = "publication"
urlpatterns = [*prepare.urlpatterns]
