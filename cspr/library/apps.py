from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "cspr.library"
    verbose_name = "Learning library"
