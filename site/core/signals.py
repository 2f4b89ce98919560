from anymail.signals import tracking
from django.dispatch import receiver

from core.notifications import record_delivery_event


@receiver(tracking, dispatch_uid="core.outbox_delivery_status")
def outbox_delivery_status(sender, event, esp_name, **kwargs):
    """Anymail's tracking webhook reports what happened to a sent email (delivered, bounced, ...)."""
    record_delivery_event(provider_message_id=event.message_id, event_type=event.event_type)
