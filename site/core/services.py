"""Writes of the shared kernel. Each takes keyword arguments, returns a domain object or raises DomainError."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from core import audit, personal_data
from core.exceptions import DomainError
from core.models import ContactMessage, PartnershipSettings, SubjectAccessExport
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


@transaction.atomic
def prepare_subject_access_export(*, email, requested_by, now=None):
    """Gather one person's data from every app into a file only `requested_by` may collect, once, within 7 days."""
    now = now or timezone.now()
    content = personal_data.subject_access_export(email)
    export = SubjectAccessExport.objects.create(
        email=email.strip().lower(),
        requested_by=requested_by,
        expires_at=now + timedelta(days=SubjectAccessExport.DOWNLOAD_WINDOW_DAYS),
        record_count=sum(len(section["records"]) for section in content.values()),
        content={"email": email.strip(), "prepared_at": now.isoformat(), "data": content},
    )
    audit.record(actor=requested_by, action=audit.EXPORT, obj=export, detail="subject-access export prepared")
    return export


class ExportUnavailable(DomainError):
    default_message = (
        "This export can no longer be downloaded: it has been collected already or its seven days have passed. "
        "Prepare a new one."
    )


@transaction.atomic
def collect_subject_access_export(*, export_id, user, now=None):
    """Hand the file over once to the admin who prepared it, then wipe the copy."""
    now = now or timezone.now()
    export = SubjectAccessExport.objects.select_for_update().filter(pk=export_id, requested_by=user).first()
    if export is None or not export.is_available(now):
        raise ExportUnavailable()
    content = export.content
    export.content = None
    export.downloaded_at = now
    export.save(update_fields=["content", "downloaded_at"])
    audit.record(actor=user, action=audit.DOWNLOAD, obj=export, detail="subject-access export collected")
    return content


def erase_personal_data(*, email, actor):
    """Erase a person's data on request where the law allows, logging what was erased and what kept."""
    result = personal_data.erase(email)
    for label, count in result.erased.items():
        audit.record(actor=actor, action=audit.DELETE, label=f"{count} records of {label}", detail="erased on request")
    return result
