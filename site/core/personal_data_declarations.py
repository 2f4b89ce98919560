"""What the shared kernel itself holds about people (see `core.personal_data`)."""

from django.contrib.auth.hashers import make_password

from core import personal_data
from core.models import ContactMessage, OutboxMessage, User

BASIS_PUBLIC_TASK = "Public task: the partnership's duties under the Crime and Disorder Act 1998"


def _anonymise_accounts(users):
    # An account may be referenced by records other people rely on (a scheme's history, a decision's author),
    # so it is emptied and closed rather than deleted.
    for user in users:
        user.email = f"erased-{user.pk}@invalid.example"
        user.first_name = user.last_name = ""
        user.is_active = False
        user.password = make_password(None)
        user.save()


personal_data.register(
    "core.User",
    fields=["email", "first_name", "last_name", "date_joined", "last_login"],
    purpose="To let watch coordinators, Safe Places venues and staff sign in and manage their own records.",
    lawful_basis="Consent, given when you created the account; for staff, their employment",
    retention="While the account is open; accounts closed on request are emptied at once",
    subject=lambda email: User.objects.filter(email__iexact=email),
    anonymise=_anonymise_accounts,
    is_identity=True,
)
personal_data.register(
    "core.ContactMessage",
    fields=["reference", "name", "email", "message", "created_at"],
    purpose="To answer the message you sent us.",
    lawful_basis=BASIS_PUBLIC_TASK,
    retention="The period set by the partnership (one year unless changed), then deleted",
    subject=lambda email: ContactMessage.objects.filter(email__iexact=email),
)
personal_data.register(
    "core.OutboxMessage",
    fields=["to", "subject", "purpose", "status", "created_at", "sent_at"],
    purpose="To send you the emails you asked for (confirmations, reminders, replies) and retry if sending fails.",
    lawful_basis=BASIS_PUBLIC_TASK,
    retention="90 days after the email was created, then deleted",
    subject=lambda email: OutboxMessage.objects.filter(to__iexact=email),
)
