from anymail.signals import tracking
from django.dispatch import receiver

from core.notifications import record_delivery_event


@receiver(tracking, dispatch_uid="core.outbox_delivery_status")
def outbox_delivery_status(sender, event, esp_name, **kwargs):
    """Anymail's tracking webhook reports what happened to a sent email (delivered, bounced, ...)."""
    record_delivery_event(provider_message_id=event.message_id, event_type=event.event_type)


def _forget_locales(sender, **kwargs):
    from core.locales import forget_locales

    forget_locales()


def connect_locale_signals():
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Locale

    post_save.connect(_forget_locales, sender=Locale, dispatch_uid="core.forget_locales_save")
    post_delete.connect(_forget_locales, sender=Locale, dispatch_uid="core.forget_locales_delete")


connect_locale_signals()


def connect_cache_signals():
    from core.caching import connect_signals

    connect_signals()


connect_cache_signals()
