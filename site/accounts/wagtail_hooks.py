"""Admin pages for the second step of a staff sign-in (accounts.two_factor_views)."""

from django.urls import path
from wagtail import hooks

from accounts import two_factor_views


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("two-factor/", two_factor_views.enter_code, name="accounts_two_factor"),
        path("two-factor/set-up/", two_factor_views.set_up, name="accounts_two_factor_set_up"),
        path("two-factor/recovery-codes/", two_factor_views.recovery_codes, name="accounts_recovery_codes"),
    ]
