from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Front-end accounts: how watch coordinators and Safe Places venues sign in to manage their own records.

    Residents never need an account to take part. Staff sign in to the Wagtail admin at /admin/login/,
    with a second factor (accounts.middleware, accounts.two_factor_views).
    """

    name = "accounts"
    verbose_name = "Front-end accounts"

    def ready(self):
        from accounts import retention  # noqa: F401
        from core import demo

        demo.register("accounts", "accounts.demo.load")
