from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "cspr.deadlines"
    verbose_name = "Deadlines"
