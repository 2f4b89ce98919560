from django.apps import AppConfig


class SafePlacesConfig(AppConfig):
    name = "safe_places"
    verbose_name = "Safe Places"

    def ready(self):
        from django.apps import apps

        from core import demo
        from safe_places import personal_data, retention  # noqa: F401

        demo.register("safe_places", "safe_places.demo.load")
        if apps.is_installed("accounts"):
            from accounts import dashboard
            from safe_places.models import Venue

            dashboard.register(
                "Your Safe Places venues",
                "safe_places:my_venues",
                lambda user: Venue.objects.filter(manager=user).count(),
                description="Keep your opening hours and details up to date, and renew each year.",
            )
