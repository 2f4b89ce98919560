"""Scheduled work for ASB Case Reviews, each safe to run twice: the daily digest to case officers (once a day, by a
unique row) and the anonymisation of cases past their retention period (GD-020)."""

from django.utils import timezone
from django_tasks import task

from case_reviews import services


@task()
def send_daily_digest():
    return services.send_daily_digest(now=timezone.now())


@task()
def anonymise_closed_cases():
    return services.anonymise_expired(now=timezone.now())
