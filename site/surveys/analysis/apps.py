from django.apps import AppConfig


class ConcernAnalysisConfig(AppConfig):
    name = "surveys.analysis"
    label = "concern_analysis"
    verbose_name = "Concern analysis"
