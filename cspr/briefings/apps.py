from django.apps import AppConfig


class BriefingsConfig(AppConfig):
    name = "cspr.briefings"
    verbose_name = "Learning briefings"
