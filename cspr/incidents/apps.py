from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    name = "cspr.incidents"
    verbose_name = "Incidents"
