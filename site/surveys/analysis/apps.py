from django.apps import AppConfig


class ConcernAnalysisConfig(AppConfig):
    name = "surveys.analysis"
    label = "concern_analysis"
    verbose_name = "Concern analysis"

    def ready(self):
        from core import demo
        from surveys.analysis import retention, rules, signals  # noqa: F401  (what it forgets; who may see it)

        demo.register("concern_analysis", "surveys.analysis.demo.load", after=["surveys"])
