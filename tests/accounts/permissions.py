"""Front-end accounts: the pages of "Your account" need a signed-in account; the Wagtail admin keeps its own
sign-in at /admin/login/ and stays closed to people with only a front-end account."""

from django.urls import reverse

from tests.permissions import ANYONE, SIGNED_IN, STAFF_ROLES, Matrix, Route, World

ADMIN_USERS = STAFF_ROLES


def signed_out_go_to_the_front_end_sign_in(response, world, role, allowed):
    if role == "anonymous":
        assert response.status_code == 302, response.status_code
        assert response["Location"].startswith("/accounts/login/?next="), response["Location"]


def shows_the_confirmation_page(response):
    """Signing out is a POST from a confirmation page; with nobody signed in there is nothing to confirm."""
    return response.status_code == 200


def shown_or_sent_on(response):
    """A session that has already proved its second factor is sent straight on (to the admin by default)."""
    if response.status_code == 200:
        return True
    return response.status_code == 302 and "login" not in response["Location"]


def world():
    """Someone who has just signed up (an address to confirm) and asked for a password reset: the two forms reached
    only by a link in an email, each with a real key."""
    from allauth.account.forms import default_token_generator
    from allauth.account.models import EmailAddress, EmailConfirmationHMAC
    from allauth.account.utils import user_pk_to_url_str

    from tests.accounts.factories import AccountFactory

    newcomer = AccountFactory(confirmed_email=False)
    forgetful = AccountFactory()
    return World(
        objects={
            "confirm_key": EmailConfirmationHMAC(EmailAddress.objects.get(user=newcomer)).key,
            "reset_uidb36": user_pk_to_url_str(forgetful),
            "reset_key": default_token_generator.make_token(forgetful),
        }
    )


MATRIX = Matrix(
    app="accounts",
    world=world,
    routes=[
        Route("accounts:home", "open your account", lambda w: "/accounts/", SIGNED_IN,
              check=signed_out_go_to_the_front_end_sign_in),
        Route("account_change_password", "change password", lambda w: "/accounts/password/change/", SIGNED_IN,
              check=signed_out_go_to_the_front_end_sign_in),
        Route("account_email", "change email address", lambda w: "/accounts/email/", SIGNED_IN,
              check=signed_out_go_to_the_front_end_sign_in),
        Route("account_logout", "sign out", lambda w: "/accounts/logout/", SIGNED_IN, succeeded=shows_the_confirmation_page),
        Route("account_login", "open the sign-in page", lambda w: "/accounts/login/", ANYONE),
        Route("account_signup", "open the sign-up page", lambda w: "/accounts/signup/", ANYONE),
        Route("account_reset_password", "ask for a password reset", lambda w: "/accounts/password/reset/", ANYONE),
        # The second factor of a staff sign-in, inside the admin: for people who may use the admin.
        Route("accounts_two_factor", "enter a second-factor code", lambda w: reverse("accounts_two_factor"),
              ADMIN_USERS, succeeded=shown_or_sent_on),
        Route("accounts_two_factor_set_up", "set up an authenticator app",
              lambda w: reverse("accounts_two_factor_set_up"), ADMIN_USERS),
        Route("accounts_recovery_codes", "see recovery codes", lambda w: reverse("accounts_recovery_codes"),
              ADMIN_USERS),
        # Links from emails: whoever holds the link may use it; the key is the permission. Last, because a valid
        # reset link signs out whoever is signed in (allauth), and the rows after it would run signed out.
        Route("account_confirm_email", "open the link confirming an email address",
              lambda w: reverse("account_confirm_email", args=[w["confirm_key"]]), ANYONE),
        Route("account_reset_password_from_key", "open the link to choose a new password",
              lambda w: reverse("account_reset_password_from_key", kwargs={"uidb36": w["reset_uidb36"],
                                                                           "key": w["reset_key"]}), ANYONE),
    ],
)  # fmt: skip
