from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = "Consultations and the engagement ladder"

    def ready(self):
        from consultations import personal_data, retention, rules, signals  # noqa: F401
        from core import demo

        demo.register("consultations", "consultations.demo.load", after=["partnership", "surveys", "meetings"])
