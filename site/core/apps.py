from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Shared kernel"

    def ready(self):
        from core import signals  # noqa: F401
