from django.apps import AppConfig


class CaseReviewsConfig(AppConfig):
    name = "case_reviews"
    verbose_name = "ASB Case Reviews (Community Trigger)"
