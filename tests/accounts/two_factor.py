"""Staff sign-in with a second factor, for tests.

`current_code(user)` is what the person's authenticator app would show now. `force_login_with_second_factor`
is what tests/conftest.py puts in place of `Client.force_login`, so the many admin tests that start from a
signed-in staff member keep doing so: it signs in the same way a real staff member ends up - with a confirmed
authenticator that the session has proved. The enforcement itself is
tested without it, through the real sign-in pages (tests/trust/test_two_factor.py).
"""

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP

_original_force_login = Client.force_login


def needs_second_factor(user):
    return user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin")


def authenticator_for(user):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def current_code(user_or_device, *, offset_steps=0):
    device = user_or_device if hasattr(user_or_device, "bin_key") else authenticator_for(user_or_device)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + offset_steps * device.step
    return f"{totp.token():0{device.digits}d}"


def force_login_with_second_factor(client, user, backend=None):
    _original_force_login(client, user, backend)
    if needs_second_factor(user):
        # What django_otp.login stores once a code is accepted: the session has proved this device.
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = authenticator_for(user).persistent_id
        session.save()


def force_login_with_password_only(client, user, backend=None):
    """A session that proved the password and nothing else (what the enforcement must stop)."""
    return _original_force_login(client, user, backend)


def pass_second_factor(page, email):
    """In a browser test, after the password step: finish the staff sign-in as the person would.

    On a first sign-in the admin asks to set up an authenticator: type the new authenticator's code and continue
    past the recovery codes. Otherwise type the current code.
    """
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from core.models import User

    user = User.objects.get(email__iexact=email)
    if "/two-factor/set-up/" in page.url:
        device = TOTPDevice.objects.get(user=user, confirmed=False)
        page.locator("input[name=code]").fill(current_code(device))
        page.get_by_role("button", name="Turn on two-factor sign-in").click()
        page.get_by_role("link", name="I have saved my recovery codes").click()
    else:
        page.locator("input[name=code]").fill(current_code(user))
        page.get_by_role("button", name="Continue").click()
