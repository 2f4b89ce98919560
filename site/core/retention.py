"""Retention periods: personal data is kept only as long as its purpose needs, then deleted or anonymised.

Each app registers the records it must forget and when; `apply_all` (run daily by the task worker or cron,
`manage.py apply_retention`) disposes of what is past its time. Most records are deleted; a record the law or the
statistics still need (a closed ASB case review counts in the yearly figures) registers an `anonymise` function
instead, which wipes the personal data and keeps the rest. Rules take `now` so tests can travel in time.
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
    anonymise: Callable | None = None  # (record, now) -> None; None deletes the records instead

    def dispose(self, now):
        """Delete or anonymise every record past its time; return how many."""
        if self.anonymise is None:
            count, _ = self.expired(now).delete()
            return count
        count = 0
        for record in self.expired(now).iterator():
            self.anonymise(record, now)
            count += 1
        return count


_rules: dict[str, RetentionRule] = {}


def register(name, description, *, anonymise=None):
    """Decorate a function `now -> QuerySet` whose records are past their retention period. With `anonymise`, a
    function `(record, now)`, those records are anonymised rather than deleted; it must leave the record out of
    the QuerySet afterwards, so that running the rule twice does nothing more."""

    def decorator(func):
        _rules[name] = RetentionRule(name=name, description=description, expired=func, anonymise=anonymise)
        return func

    return decorator


def rules():
    return list(_rules.values())


def apply_all(*, now=None):
    """Dispose of every expired record; return {rule name: number of records deleted or anonymised}."""
    now = now or timezone.now()
    disposed = {}
    for rule in rules():
        with transaction.atomic():
            disposed[rule.name] = rule.dispose(now)
    return disposed


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
