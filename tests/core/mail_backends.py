from django.core.mail.backends.base import BaseEmailBackend


class ProviderDownBackend(BaseEmailBackend):
    """An email provider that is down: every send raises, as an ESP's API error would."""

    def send_messages(self, email_messages):
        raise ConnectionError("The email provider is down (503 Service Unavailable)")
