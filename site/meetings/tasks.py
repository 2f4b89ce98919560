"""Scheduled work for meetings: reminders two days and two hours before (issue 7). Safe to run twice, or in two
workers at once: each reminder has its own sent-at field, set under a row lock with the email queued."""

from django.utils import timezone
from django_tasks import task

from meetings import services


@task()
def send_meeting_reminders():
    return services.send_due_reminders(now=timezone.now())
