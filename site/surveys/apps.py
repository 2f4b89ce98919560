from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = "Surveys and polls"

    def ready(self):
        from core import demo
        from surveys import retention, signals  # noqa: F401  (what surveys forget, and when)

        demo.register("surveys", "surveys.demo.load")
