from django.apps import AppConfig


class PracticeReviewsConfig(AppConfig):
    name = "cspr.practice_reviews"
    verbose_name = "Practice reviews"
