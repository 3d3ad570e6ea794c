app_name = "chronology"
urlpatterns = []
