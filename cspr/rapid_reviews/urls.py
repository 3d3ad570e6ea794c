from .views import lists, panel, report, returns, review_group, workspace

app_name = "rapid_reviews"
urlpatterns = [
    *lists.urlpatterns,
    *workspace.urlpatterns,
    *returns.urlpatterns,
    *review_group.urlpatterns,
    *report.urlpatterns,
    *panel.urlpatterns,
]
