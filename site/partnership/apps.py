from django.apps import AppConfig


class PartnershipConfig(AppConfig):
    name = "partnership"
    verbose_name = "Partnership content"

    def ready(self):
        from core import demo

        demo.register("partnership", "partnership.demo.load")
