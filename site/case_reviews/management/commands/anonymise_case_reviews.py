from django.core.management.base import BaseCommand
from django.utils import timezone

from case_reviews import services


class Command(BaseCommand):
    help = "Anonymise ASB Case Reviews closed longer ago than the retention period (default 6 years). Run daily."

    def handle(self, *args, **options):
        done = services.anonymise_expired(now=timezone.now())
        self.stdout.write(f"{done} case{'' if done == 1 else 's'} anonymised")
