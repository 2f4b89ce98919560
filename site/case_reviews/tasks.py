"""Scheduled work for ASB Case Reviews, safe to run twice: the daily digest to case officers (once a day, by a
unique row). Anonymising cases past their retention period (GD-020) is part of the kernel's daily retention run
(case_reviews.retention)."""

from django.utils import timezone
from django_tasks import task

from case_reviews import services


@task()
def send_daily_digest():
    return services.send_daily_digest(now=timezone.now())
