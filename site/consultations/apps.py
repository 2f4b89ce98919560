from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = "Consultations and the engagement ladder"

    def ready(self):
        from accounts import dashboard
        from consultations import personal_data, retention, rules, signals  # noqa: F401
        from consultations.models import GroupMembership
        from core import demo

        dashboard.register(
            "Your task-and-finish groups",
            "consultations:my_groups",
            lambda user: GroupMembership.objects.filter(user=user, status__in=["requested", "accepted"]).count(),
            description="The groups you lead, belong to or have asked to join.",
        )
        demo.register("consultations", "consultations.demo.load", after=["partnership", "surveys", "meetings"])
