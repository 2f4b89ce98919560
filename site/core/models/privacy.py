"""Subject-access exports: one person's data from every app, prepared for an admin to download once."""

from django.conf import settings
from django.db import models


class SubjectAccessExport(models.Model):
    """A file answering a resident's subject-access request, held briefly for the admin who prepared it.

    It holds a copy of someone's personal data, so it can be downloaded once, only by the admin who asked for it,
    within seven days; then its contents are wiped and the row says when it was collected.
    """

    DOWNLOAD_WINDOW_DAYS = 7

    email = models.EmailField(help_text="The person whose data this is.")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    downloaded_at = models.DateTimeField(null=True, blank=True)
    record_count = models.PositiveIntegerField(default=0)
    content = models.JSONField(null=True, blank=True, help_text="Wiped when downloaded or expired.")

    class Meta:
        ordering = ["-created_at"]
        permissions = [("erase_personal_data", "Can erase a person's data on request")]

    def __str__(self):
        return f"Subject-access export {self.pk}"

    def is_available(self, now):
        return self.downloaded_at is None and self.content is not None and now < self.expires_at
