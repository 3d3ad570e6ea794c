from django.apps import AppConfig


class PublicationConfig(AppConfig):
    name = "cspr.publication"
    verbose_name = "Publication"
