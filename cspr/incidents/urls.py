from .views import notifications, referrals, register, screening

app_name = "incidents"
urlpatterns = [
    *register.urlpatterns,
    *referrals.urlpatterns,
    *screening.urlpatterns,
    *notifications.urlpatterns,
]
