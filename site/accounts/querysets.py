"""Reads about front-end accounts."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model


def never_confirmed_accounts(*, joined_before):
    """Sign-ups that never confirmed their email address (so never signed in) before the given time.

    Only accounts made through the sign-up form count: they have an unconfirmed address and no confirmed
    one. Staff, and people an admin created (who have no address record until they first sign in), are
    never included.
    """
    unconfirmed = EmailAddress.objects.filter(verified=False).values("user_id")
    confirmed = EmailAddress.objects.filter(verified=True).values("user_id")
    return (
        get_user_model()
        .objects.filter(
            is_staff=False,
            is_superuser=False,
            last_login__isnull=True,
            date_joined__lt=joined_before,
            pk__in=unconfirmed,
        )
        .exclude(pk__in=confirmed)
    )
