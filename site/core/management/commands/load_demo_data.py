from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.demo.loader import load_demo_data


class Command(BaseCommand):
    help = "Create the demo partnership (idempotent). Development and tests only: it publishes passwords."

    def handle(self, *args, **options):
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError("Demo data creates users with published passwords; it is not allowed here.")
        load_demo_data(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
