from django.apps import AppConfig


class ChronologyConfig(AppConfig):
    name = "cspr.chronology"
    verbose_name = "Integrated chronology"
