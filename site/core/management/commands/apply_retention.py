from django.core.management.base import BaseCommand

from core import retention


class Command(BaseCommand):
    help = "Delete or anonymise personal data that is past its retention period (run daily)."

    def handle(self, *args, **options):
        anonymising = {rule.name for rule in retention.rules() if rule.anonymise is not None}
        for name, count in retention.apply_all().items():
            self.stdout.write(f"{name}: {count} {'anonymised' if name in anonymising else 'deleted'}")
