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


# Two-factor sign-in for staff -------------------------------------------------------------------------------

AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_CODES_NAME = "Recovery codes"


def authenticator_being_set_up(*, user):
    """The authenticator a staff member is setting up: made once, so reloading the page keeps the same QR code.

    It stays unconfirmed (and proves nothing) until the person types a code from it.
    """
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
    return device


def confirm_authenticator(*, user, device, code):
    """Confirm a new authenticator with a code from it, and issue a fresh set of recovery codes.

    Returns the recovery codes (shown once) or raises DomainError when the code is wrong. Any other
    authenticator the person had is removed: one phone at a time, so a lost one stops working. The code is
    checked outside the transaction, so that a wrong one's throttling count is kept, not rolled back.
    """
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from core.exceptions import DomainError

    if device.user_id != user.pk or device.confirmed:
        raise DomainError("Start setting up your authenticator app again.", field="code")
    if not device.verify_is_allowed()[0]:
        raise DomainError(
            "There have been too many wrong codes. Wait a minute, then enter the newest code.", field="code"
        )
    if not device.verify_token(code):
        raise DomainError(
            "The code is not right. Check the time on your phone is correct, then enter the newest code.", field="code"
        )
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        return issue_recovery_codes(user=user)


@transaction.atomic
def issue_recovery_codes(*, user, codes=None):
    """Replace a staff member's recovery codes with new ones; each works once, when their phone is not to hand."""
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    from accounts.policies import RECOVERY_CODE_COUNT

    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_CODES_NAME, confirmed=True)
    codes = list(codes) if codes is not None else [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def reset_second_factor(*, user):
    """Forget a staff member's authenticator and recovery codes (a lost phone): they set up again at next sign-in."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
