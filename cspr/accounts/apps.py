from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "cspr.accounts"
    label = "accounts"
