from . import views

app_name = "briefings"
urlpatterns = [*views.urlpatterns]
