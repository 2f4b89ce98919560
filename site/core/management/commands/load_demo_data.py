from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core import demo


class Command(BaseCommand):
    help = "Create the demo partnership and every app's demo content (idempotent). Development only: it publishes passwords."

    def handle(self, *args, **options):
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError("Demo data creates users with published passwords; it is not allowed here.")
        demo.load_all(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
