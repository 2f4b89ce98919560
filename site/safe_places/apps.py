from django.apps import AppConfig


class SafePlacesConfig(AppConfig):
    name = "safe_places"
    verbose_name = "Safe Places"

    def ready(self):
        from safe_places import retention  # noqa: F401
