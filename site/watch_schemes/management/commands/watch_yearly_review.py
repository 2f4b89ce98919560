from django.core.management.base import BaseCommand
from django.utils import timezone

from watch_schemes import services


class Command(BaseCommand):
    help = "Remind coordinators whose yearly review is near, and flag inactive the schemes not confirmed in time."

    def handle(self, *args, **options):
        reminded, flagged = services.run_yearly_review(now=timezone.now())
        self.stdout.write(f"Reminders sent for {reminded} scheme(s); {flagged} scheme(s) flagged inactive.")
