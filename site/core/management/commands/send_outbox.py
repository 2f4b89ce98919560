from django.core.management.base import BaseCommand

from core.notifications import send_due_messages


class Command(BaseCommand):
    help = "Send every outbox email that is due (a sweep for cron, beside the task worker)."

    def handle(self, *args, **options):
        self.stdout.write(f"{send_due_messages()} sent")
