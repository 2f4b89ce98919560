from django.core.management.base import BaseCommand

from core import retention


class Command(BaseCommand):
    help = "Delete personal data that is past its retention period (run daily)."

    def handle(self, *args, **options):
        for name, count in retention.apply_all().items():
            self.stdout.write(f"{name}: {count} deleted")
