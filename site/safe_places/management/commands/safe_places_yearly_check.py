from django.core.management.base import BaseCommand
from django.utils import timezone

from safe_places import services


class Command(BaseCommand):
    help = (
        "Run daily (cron or the task worker): take venues not renewed within the grace period out of the finder, "
        "then send renewal reminders 30 and 7 days before each venue's yearly check (SP-050). Safe to run twice."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        expired = services.expire_overdue_venues(now=now)  # first: no reminder for a venue leaving today
        reminded = services.send_renewal_reminders(now=now)
        self.stdout.write(f"Renewal reminders sent: {reminded}. Venues expired: {expired}.")
