"""Protection every public form shares: a honeypot, rate limits, and one record per submission.

- The honeypot is a field people never see (it sits in a `hidden` block); automated scripts fill it in.
- Rate limits count posts per IP address and per email address in the cache (Redis in production, so every
  web machine shares the counts).
- Each rendered form carries a signed one-time token. `submit_once` stores a SubmissionReceipt with that
  token, guarded by a unique constraint, in the same transaction as the record: a double click, a browser
  retry or twenty identical posts create exactly one record, and every repeat is shown the first result.
"""

import secrets

from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.cache import cache
from django.db import IntegrityError, transaction

from core.exceptions import RateLimited
from core.models import SubmissionReceipt

TOKEN_MAX_AGE = 60 * 60 * 24
HONEYPOT_FIELD = "website"


class ProtectedForm(forms.Form):
    """A public form with a honeypot and a one-time submission token. `form_name` scopes the token."""

    form_name = "public-form"

    website = forms.CharField(
        required=False,
        label="Leave this box empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    submission_token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["submission_token"] = issue_token(self.form_name)

    def clean_website(self):
        if self.cleaned_data.get(HONEYPOT_FIELD):
            raise forms.ValidationError(
                "We could not accept this form because it looked automated. "
                "Please try again, or contact us by phone or email."
            )
        return ""

    def clean_submission_token(self):
        try:
            return read_token(self.cleaned_data["submission_token"], self.form_name)
        except signing.SignatureExpired as exc:
            raise forms.ValidationError(
                "This form was open for too long and has expired. Check your answers and send it again."
            ) from exc
        except signing.BadSignature as exc:
            raise forms.ValidationError(
                "Something went wrong with this form. Check your answers and send it again."
            ) from exc

    def renew_token(self):
        """After a failed submission, re-render with a fresh token so the corrected form can be sent."""
        self.data = self.data.copy()
        self.data[self.add_prefix("submission_token")] = issue_token(self.form_name)

    @property
    def honeypot(self):
        return self[HONEYPOT_FIELD]

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != HONEYPOT_FIELD]


def issue_token(form_name):
    return signing.dumps(secrets.token_hex(16), salt=f"submission:{form_name}")


def read_token(signed, form_name):
    return signing.loads(signed, salt=f"submission:{form_name}", max_age=TOKEN_MAX_AGE)


def check_rate_limit(*, scope, ip=None, email=None):
    """Count one post for this IP address and email address; raise RateLimited when either is over its limit."""
    limits = settings.PUBLIC_FORM_RATE_LIMITS
    for kind, value in (("ip", ip), ("email", (email or "").strip().lower())):
        if not value:
            continue
        limit, window = limits[kind]
        key = f"ratelimit:{scope}:{kind}:{value}"
        cache.add(key, 0, timeout=window)
        try:
            count = cache.incr(key)
        except ValueError:  # the key expired between add and incr
            cache.set(key, 1, timeout=window)
            count = 1
        if count > limit:
            raise RateLimited()


def client_ip(request):
    """The address to rate-limit: REMOTE_ADDR, which the proxy in front must set to the client's address."""
    return request.META.get("REMOTE_ADDR", "")


def submit_once(*, token, form_name, create):
    """Run `create()` once per token. Returns (record, created); a repeat returns the first record, False.

    The receipt row is inserted first: a concurrent post with the same token waits on its unique index until
    the first transaction ends, then finds the receipt (or, if the first failed, goes ahead itself).
    """
    with transaction.atomic():
        try:
            with transaction.atomic():
                receipt = SubmissionReceipt.objects.create(token=token, form=form_name)
        except IntegrityError:
            receipt = SubmissionReceipt.objects.select_related("content_type").get(token=token)
            return receipt.result, False
        record = create()
        receipt.content_type = ContentType.objects.get_for_model(record)
        receipt.object_id = str(record.pk)
        receipt.save(update_fields=["content_type", "object_id"])
        return record, True
