"""Demo staff sign in with a second factor too, from a published key (development only, like their password).

Each demo staff account gets a confirmed authenticator whose key is DEMO_AUTHENTICATOR_KEY, and the recovery
codes DEMO_RECOVERY_CODES (each works once; loading the demo again restores them). Add the key to any
authenticator app, or print the current code with `manage.py two_factor_code comms@example.org`.
"""

import base64

from core.demo.content import STAFF

# 20 bytes, as authenticator apps expect; in base32: ONQWMZLSFVXGK2LHNBRG65LSNBXW6ZDT.
DEMO_AUTHENTICATOR_KEY = b"safer-neighbourhoods-demo"[:20].hex()
DEMO_RECOVERY_CODES = ["demo2345", "demo3456", "demo4567", "demo5672", "demo6723"]


def demo_authenticator_secret():
    return base64.b32encode(bytes.fromhex(DEMO_AUTHENTICATOR_KEY)).decode()


def load(*, stdout=None):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts import services
    from core.models import User

    for email, *_ in STAFF:
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            continue
        TOTPDevice.objects.filter(user=user).exclude(key=DEMO_AUTHENTICATOR_KEY).delete()
        TOTPDevice.objects.update_or_create(
            user=user,
            key=DEMO_AUTHENTICATOR_KEY,
            defaults={"name": services.AUTHENTICATOR_NAME, "confirmed": True},
        )
        services.issue_recovery_codes(user=user, codes=DEMO_RECOVERY_CODES)
    if stdout:
        stdout.write(
            "Staff second factor: authenticator key "
            f"{demo_authenticator_secret()} (or `manage.py two_factor_code EMAIL`); "
            f"recovery codes {', '.join(DEMO_RECOVERY_CODES)}"
        )
