from django.apps import AppConfig


class WatchSchemesConfig(AppConfig):
    name = "watch_schemes"
    verbose_name = "Neighbourhood Watch"

    def ready(self):
        from django.apps import apps

        from core import demo
        from watch_schemes import personal_data, retention, rules  # noqa: F401

        demo.register("watch_schemes", "watch_schemes.demo.load")
        if apps.is_installed("accounts"):
            from accounts import dashboard
            from watch_schemes.models import SchemeCoordinator

            dashboard.register(
                "Your watch schemes",
                "watch_schemes:my_schemes",
                lambda user: SchemeCoordinator.objects.filter(user=user).count(),
                description="Keep your scheme's details and members up to date, message members, confirm each year.",
            )
