from django.urls import path

from cspr.partnerships import views

app_name = "partnerships"
urlpatterns = [
    path("", views.partnership_list, name="list"),
    path("new", views.partnership_create, name="create"),
    path("<slug:slug>", views.partnership_detail, name="detail"),
    path("<slug:slug>/edit", views.partnership_edit, name="edit"),
    path("<slug:slug>/agencies/new", views.agency_create, name="agency-create"),
    path("<slug:slug>/agencies/<int:pk>", views.agency_edit, name="agency-edit"),
]
