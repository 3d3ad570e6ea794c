from django.apps import AppConfig


class ActionPlansConfig(AppConfig):
    name = "cspr.action_plans"
    verbose_name = "Action plans"
