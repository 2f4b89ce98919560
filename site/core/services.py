"""Writes of the shared kernel. Each takes keyword arguments, returns a domain object or raises DomainError."""

from django.db import transaction

from core.models import ContactMessage, PartnershipSettings
from core.notifications import queue_email


@transaction.atomic
def receive_contact_message(*, name, email, message, postcode="", site=None):
    """Store a resident's message and queue its copy to the partnership and an acknowledgement to them."""
    contact = ContactMessage.objects.create(
        name=name, email=email, message=f"{message}\n\nPostcode: {postcode}" if postcode else message
    )
    partnership = PartnershipSettings.for_site(site) if site else None
    context = {"contact": contact, "partnership": partnership}
    if partnership and partnership.email:
        queue_email(
            to=partnership.email,
            template="core/emails/contact_received",
            context=context,
            purpose="contact.received",
            reply_to=contact.email,
        )
    queue_email(
        to=contact.email,
        template="core/emails/contact_acknowledgement",
        context=context,
        purpose="contact.acknowledgement",
    )
    return contact
