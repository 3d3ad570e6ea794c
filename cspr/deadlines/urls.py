from .views import calendar, clock_settings, lists

app_name = "deadlines"
urlpatterns = [*clock_settings.urlpatterns, *lists.urlpatterns, *calendar.urlpatterns]
