"""Writes about front-end accounts that other apps need (allauth's own flows make all the rest)."""

from allauth.account.models import EmailAddress
from django.db import transaction


@transaction.atomic
def mark_email_confirmed(*, user):
    """Record that `user`'s email address is confirmed, so they can sign in on the front end at once.

    allauth (mandatory confirmation) holds anyone without a confirmed address at "Check your email". Accounts
    made outside the sign-up form - demo coordinators and venue managers, or people an admin set up after
    checking who they are - call this instead. Safe to call again: it confirms, never duplicates.
    """
    address, _ = EmailAddress.objects.get_or_create(
        user=user, email__iexact=user.email, defaults={"email": user.email, "verified": True, "primary": True}
    )
    if not (address.verified and address.primary):
        EmailAddress.objects.filter(user=user, primary=True).exclude(pk=address.pk).update(primary=False)
        address.verified = address.primary = True
        address.save(update_fields=["verified", "primary"])
    return address
