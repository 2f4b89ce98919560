"""Pure rules about signing in: who must prove a second factor, and how codes are read. No ORM, no clock."""

import re

ADMIN_PREFIX = "/admin/"

# Paths an unfinished staff sign-in may still reach: the second-factor pages themselves, the admin's script
# translations they load, and signing out (someone who cannot finish must be able to leave).
UNFINISHED_SIGN_IN_MAY_REACH = (
    "/admin/two-factor/",
    "/admin/jsi18n/",
    # The admin's icon sprite, which its JavaScript fetches and inlines into every admin page, the second-factor
    # pages too: refused, the redirect's answer (the whole page) was inlined instead, showing the form twice.
    "/admin/sprite",
    "/admin/logout/",
    "/accounts/logout/",
    "/static/",
)

RECOVERY_CODE_COUNT = 10
AUTHENTICATOR_CODE = re.compile(r"^\d{6}$")
RECOVERY_CODE = re.compile(r"^[a-z2-7]{8}$")


def needs_second_factor(*, is_staff, is_superuser, path, can_use_admin):
    """Whether this signed-in person must have proved a second factor before this request is served.

    Staff accounts (REQ: two-factor sign-in for every staff account) carry the partnership's authority
    everywhere - the admin and the staff-only pages outside it (survey results, exports) - so for them a
    password alone is never enough. Anyone else who can enter the admin (a group grants it) needs it there.
    `can_use_admin` is a callable, asked only for admin paths, because it costs a query.
    """
    if is_staff or is_superuser:
        return True
    return path.startswith(ADMIN_PREFIX) and can_use_admin()


def may_reach_before_second_factor(path):
    return path.startswith(UNFINISHED_SIGN_IN_MAY_REACH)


def normalise_code(value):
    """What people type, as stored: spaces and dashes dropped (apps show "123 456"), letters lower case."""
    return re.sub(r"[\s-]", "", value or "").lower()


def kind_of_code(code):
    """ "authenticator" for a six-digit code from an app, "recovery" for a one-time recovery code, else None."""
    if AUTHENTICATOR_CODE.match(code):
        return "authenticator"
    if RECOVERY_CODE.match(code):
        return "recovery"
    return None


def group_secret(secret, size=4):
    """A base32 secret in groups of four, so that a person can type it into an app without losing their place."""
    return " ".join(secret[i : i + size] for i in range(0, len(secret), size))
