"""When an activity is published: alert subscribers about a new one, and tell residents who asked to hear back
once its outcome is out. Both run after the publishing transaction commits, as background tasks, and both are
safe to run twice."""

from django.db import transaction
from django.dispatch import receiver
from wagtail.signals import page_published

from consultations.models import ConsultationPage


@receiver(page_published, sender=ConsultationPage)
def activity_published(sender, instance, **kwargs):
    from consultations import tasks

    page_id = instance.pk
    if instance.is_complete:
        transaction.on_commit(lambda: tasks.tell_residents_the_outcome.enqueue(page_id))
    else:
        transaction.on_commit(lambda: tasks.alert_subscribers.enqueue(page_id))
