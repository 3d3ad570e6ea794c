from django.urls import path

from cspr.accounts import admin_views

app_name = "account-admin"
urlpatterns = [
    path("", admin_views.account_list, name="list"),
    path("new", admin_views.account_create, name="create"),
    path("<int:pk>", admin_views.account_detail, name="detail"),
    path("<int:pk>/edit", admin_views.account_edit, name="edit"),
    path("<int:pk>/unlock", admin_views.account_unlock, name="unlock"),
    path("<int:pk>/active", admin_views.account_set_active, name="set-active"),
    path("<int:pk>/second-factor", admin_views.account_reset_second_factor, name="reset-second-factor"),
    path("<int:pk>/invite", admin_views.account_resend_invitation, name="resend-invitation"),
]
