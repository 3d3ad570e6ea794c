from .views import lists, plans, progress, reports, spreadsheets

app_name = "action_plans"
urlpatterns = [
    *lists.urlpatterns,
    *plans.urlpatterns,
    *progress.urlpatterns,
    *spreadsheets.urlpatterns,
    *reports.urlpatterns,
]
