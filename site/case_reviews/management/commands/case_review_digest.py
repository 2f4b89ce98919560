from django.core.management.base import BaseCommand
from django.utils import timezone

from case_reviews import services


class Command(BaseCommand):
    help = "Email case officers the ASB Case Reviews that are overdue or due soon. Run once each morning."

    def handle(self, *args, **options):
        sent = services.send_daily_digest(now=timezone.now())
        self.stdout.write(f"{sent} digest email{'' if sent == 1 else 's'} queued")
