"""The audit log: who looked at, changed, exported or deleted someone's personal data, and when."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models


class AuditLogIsAppendOnly(Exception):
    """Raised when code tries to rewrite or remove history instead of adding to it."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditLogIsAppendOnly("Audit events cannot be changed.")

    def delete(self):
        if not getattr(self, "_past_retention", False):
            raise AuditLogIsAppendOnly("Audit events are removed only by their retention rule.")
        return super().delete()

    def past_retention(self, *, before):
        """Events older than `before`, which the audit log's own retention rule (and nothing else) may delete."""
        expiring = self.filter(at__lt=before)
        expiring._past_retention = True
        return expiring

    def for_object(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))


class AuditEvent(models.Model):
    """One moment someone handled a resident's personal data: for the partnership admin answering "who saw this?".

    A case officer opening an ASB case review, an officer exporting survey responses, an admin downloading a
    subject-access file: each leaves a row here. The log names the record by its type and number, never by its
    contents, so the log itself holds no one's story. Rows are only ever added.
    """

    # Staff-only records (core.caching): saving one changes nothing a resident sees, so it keeps the page cache.
    shown_on_public_pages = False

    class Action(models.TextChoices):
        VIEW = "view", "Viewed"
        CREATE = "create", "Created"
        CHANGE = "change", "Changed"
        EXPORT = "export", "Exported"
        DOWNLOAD = "download", "Downloaded"
        DELETE = "delete", "Deleted or anonymised"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=254, help_text="Who acted, kept even if their account is later removed.")
    action = models.CharField(max_length=10, choices=Action.choices)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    object_id = models.CharField(max_length=64, blank=True)
    object_label = models.CharField(max_length=200, help_text="The record's type and number, never its contents.")
    detail = models.CharField(max_length=300, blank=True)
    path = models.CharField(max_length=300, blank=True, help_text="The address used, without its query string.")

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="core_audit_object_idx")]
        verbose_name = "audit event"

    def __str__(self):
        return f"{self.actor_label} {self.get_action_display().lower()} {self.object_label}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditLogIsAppendOnly("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditLogIsAppendOnly("Audit events are removed only by their retention rule.")
