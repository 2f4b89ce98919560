from django.core.management.base import BaseCommand

from meetings import services


class Command(BaseCommand):
    help = "Queue the Face the Public reminders that are due (two days and two hours before). Run every 10 minutes."

    def handle(self, *args, **options):
        sent = services.send_due_reminders()
        self.stdout.write(f"{sent} reminder{'' if sent == 1 else 's'} queued")
