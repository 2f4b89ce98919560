"""What people and processes create: accounts, the email outbox, submission receipts, contact messages."""

import secrets

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Lower

from core.querysets import OutboxMessageQuerySet


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("Every account needs an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """Anyone who signs in: staff of the partnership, watch coordinators, Safe Places venues.

    Residents never need an account to take part; they sign in with their email address, which is unique
    whatever its letter case.
    """

    username = None
    email = models.EmailField("email address", unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        constraints = [models.UniqueConstraint(Lower("email"), name="core_user_email_ci_unique")]

    def __str__(self):
        return self.get_full_name() or self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)


class OutboxMessage(models.Model):
    """An email waiting to leave, or the record that it left.

    It is written in the same transaction as whatever caused it (a booking, an application), so a message
    exists exactly when its cause does; a worker sends it after commit and retries while the provider is down.
    Officers see in the admin what is pending, sent or failed.
    """

    # Staff-only records (core.caching): saving one changes nothing a resident sees, so it keeps the page cache.
    shown_on_public_pages = False

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    to = models.EmailField()
    subject = models.CharField(max_length=255)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    reply_to = models.EmailField(blank=True)
    attachments = models.JSONField(
        default=list, blank=True, help_text="Text attachments: [{filename, mimetype, content}], e.g. a calendar file."
    )
    headers = models.JSONField(
        default=dict, blank=True, help_text="Extra email headers, e.g. the one-click unsubscribe link of an alert."
    )
    purpose = models.CharField(max_length=100, help_text="What the message is for, e.g. contact.received.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    provider_message_id = models.CharField(max_length=255, blank=True, db_index=True)
    delivery_status = models.CharField(
        max_length=30,
        blank=True,
        help_text="The latest event the email provider reported (delivered, bounced, ...).",
    )

    objects = OutboxMessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="sent") | models.Q(sent_at__isnull=False),
                name="outbox_sent_has_time",
            )
        ]

    def __str__(self):
        return f"{self.subject} to {self.to} ({self.get_status_display()})"


class SubmissionReceipt(models.Model):
    """Proof that a public form's one-time token was used, and what it created.

    The unique token makes a double click, a resent request or twenty identical posts create one record:
    every later post with the same token finds this receipt and is shown the first one's result.
    """

    token = models.CharField(max_length=64, unique=True)
    form = models.CharField(max_length=100)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64, blank=True)
    result = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.form} submission {self.token[:8]}"


def new_contact_reference():
    return "C-" + secrets.token_hex(4).upper()


class ContactMessage(models.Model):
    """A message a resident sent to the partnership through the contact form.

    Kept only as long as it takes to answer it (the retention period in the partnership's settings).
    """

    # Staff-only records (core.caching): saving one changes nothing a resident sees, so it keeps the page cache.
    shown_on_public_pages = False

    reference = models.CharField(max_length=12, unique=True, default=new_contact_reference, editable=False)
    name = models.CharField(max_length=100)
    email = models.EmailField()
    message = models.TextField(max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.reference} from {self.name}"
