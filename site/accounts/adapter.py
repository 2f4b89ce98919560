"""How allauth talks to people here: plain-English errors, and every email through the outbox.

allauth renders its emails with its own templates and hooks (site/templates/account/email/ holds ours); the
outbox (core.notifications) then stores the rendered message and sends it after the transaction commits,
retrying while the provider is down. A confirmation or password-reset link is therefore never lost, and
never sent by a request thread talking to the mail provider.
"""

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.sites.shortcuts import get_current_site

from core.models import PartnershipSettings
from core.notifications import queue_email

RENDERED_EMAIL_TEMPLATE = "accounts/emails/rendered"


def email_purpose(template_prefix):
    """The outbox purpose of an allauth email: "account/email/password_reset_key" -> "accounts.password_reset_key"."""
    return "accounts." + template_prefix.rsplit("/", 1)[-1]


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": "This account has been closed. Contact the partnership if you think this is wrong.",
        "cannot_remove_primary_email": "You cannot remove the email address you sign in with.",
        "duplicate_email": "This is already your email address.",
        "email_password_mismatch": (
            "The email address or password is not right. Check them and try again, or reset your password."
        ),
        "email_taken": "An account already uses this email address. Sign in or reset your password instead.",
        "enter_current_password": "Enter your current password correctly",
        "incorrect_password": "The password is not right",
        "invalid_or_expired_key": "This link has expired or has already been used.",
        "invalid_password_reset": "This link to reset your password has expired or has already been used.",
        "max_email_addresses": "You cannot add more than %d email addresses.",
        "same_as_current": "This is already your email address.",
        "too_many_login_attempts": (
            "You have tried to sign in too many times. Wait 5 minutes and try again, or reset your password."
        ),
        "unknown_email": "There is no account with this email address.",
        "unverified_primary_email": "Confirm your email address first.",
    }

    def send_mail(self, template_prefix, email, context):
        """Render allauth's email as allauth would, then queue it in the outbox instead of sending it."""
        request = self.request
        ctx = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request) if request is not None else None,
            "partnership": PartnershipSettings.for_request(request) if request is not None else None,
        }
        ctx.update(context)
        message = self.render_mail(template_prefix, email, ctx)
        queue_email(
            to=email,
            template=RENDERED_EMAIL_TEMPLATE,
            context={"subject": message.subject, "body": message.body},
            purpose=email_purpose(template_prefix),
        )
