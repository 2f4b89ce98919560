"""Retention periods: personal data is kept only as long as its purpose needs, then deleted.

Each app registers the records it must forget and when; `apply_all` (run daily by the task worker or cron,
`manage.py apply_retention`) deletes what is past its time. Rules take `now` so tests can travel in time.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone


@dataclass(frozen=True)
class RetentionRule:
    name: str
    description: str
    expired: Callable  # now -> QuerySet of records past their retention period


_rules: dict[str, RetentionRule] = {}


def register(name, description):
    """Decorate a function `now -> QuerySet` whose records are past their retention period."""

    def decorator(func):
        _rules[name] = RetentionRule(name=name, description=description, expired=func)
        return func

    return decorator


def rules():
    return list(_rules.values())


def apply_all(*, now=None):
    """Delete every expired record; return {rule name: number of records deleted}."""
    now = now or timezone.now()
    deleted = {}
    for rule in rules():
        with transaction.atomic():
            count, _ = rule.expired(now).delete()
        deleted[rule.name] = count
    return deleted


@register("outbox", "Sent and failed emails: 90 days after they were created.")
def _expired_outbox(now):
    from core.models import OutboxMessage

    return OutboxMessage.objects.exclude(status="pending").filter(created_at__lt=now - timedelta(days=90))


@register("submission-receipts", "Receipts that stop double submissions: 7 days.")
def _expired_receipts(now):
    from core.models import SubmissionReceipt

    return SubmissionReceipt.objects.filter(created_at__lt=now - timedelta(days=7))


@register("contact-messages", "Contact-form messages: the period set in the partnership settings.")
def _expired_contact_messages(now):
    from wagtail.models import Site

    from core.models import ContactMessage, PartnershipSettings

    site = Site.objects.filter(is_default_site=True).first()
    days = PartnershipSettings.for_site(site).contact_message_retention_days if site else 365
    return ContactMessage.objects.filter(created_at__lt=now - timedelta(days=days))


@register("subject-access-exports", "Subject-access export files: wiped 7 days after they were prepared.")
def _expired_subject_access_exports(now):
    from core.models import SubjectAccessExport

    return SubjectAccessExport.objects.filter(expires_at__lt=now)


@register("audit-log", "The audit log of who handled personal data: 6 years, the longest any record it covers is kept.")
def _expired_audit_events(now):
    from core.models import AuditEvent

    return AuditEvent.objects.past_retention(before=now - timedelta(days=6 * 366))
