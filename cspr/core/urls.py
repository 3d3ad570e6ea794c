from django.urls import path

from cspr.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("help/", views.help_index, name="help"),
    path("help/<slug:slug>", views.help_page, name="help-page"),
    path("accessibility", views.accessibility, name="accessibility"),
    path("privacy", views.privacy, name="privacy"),
    path("healthz", views.health, name="health"),
]
