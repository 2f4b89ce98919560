from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Shared kernel"

    def ready(self):
        from core import personal_data_declarations, signals  # noqa: F401
