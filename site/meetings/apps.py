from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Face the Public meetings"

    def ready(self):
        from core import demo
        from meetings import personal_data, retention  # noqa: F401

        demo.register("meetings", "meetings.demo.load", after=["partnership"])
