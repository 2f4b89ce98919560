"""Daily work of the scheme's yearly clock. Each task is safe to run twice, or in two workers at once."""

from django.utils import timezone
from django_tasks import task

from safe_places import services


@task()
def send_renewal_reminders():
    return services.send_renewal_reminders(now=timezone.now())


@task()
def expire_overdue_venues():
    return services.expire_overdue_venues(now=timezone.now())
