from django.apps import AppConfig


class RapidReviewsConfig(AppConfig):
    name = "cspr.rapid_reviews"
    verbose_name = "Rapid reviews"
