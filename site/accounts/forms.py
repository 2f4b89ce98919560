"""allauth's forms in the partnership's words: GOV.UK labels, hints and plain-English errors.

Each form keeps allauth's behaviour (rate limits, enumeration prevention, password rules) and only changes
what people read. No placeholders (they vanish as people type), and the autocomplete attributes password
managers need (WCAG 2.2 3.3.8: people may paste and let their browser fill in their password).
"""

from allauth.account import app_settings as allauth_settings
from allauth.account import forms as allauth_forms
from allauth.core import ratelimit
from django import forms
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

EMAIL_REQUIRED = "Enter your email address"
EMAIL_INVALID = "Enter an email address in the correct format, like name@example.com"
PASSWORD_HINT = "Use at least 10 characters. A few unrelated words are easy to remember and hard to guess."


def _describe(form, name, *, label, autocomplete=None, hint=None, required=None, invalid=None):
    """Set what a person reads about one field, and nothing else."""
    field = form.fields[name]
    field.label = label
    field.help_text = hint or ""
    field.widget.attrs.pop("placeholder", None)
    if autocomplete:
        field.widget.attrs["autocomplete"] = autocomplete
    if required:
        field.error_messages["required"] = required
    if invalid:
        field.error_messages["invalid"] = invalid


def _describe_email(form, name="email", *, label="Email address", hint=None):
    _describe(
        form,
        name,
        label=label,
        hint=hint,
        autocomplete="email",
        required=EMAIL_REQUIRED,
        invalid=EMAIL_INVALID,
    )
    form.fields[name].widget.attrs["spellcheck"] = "false"


def _describe_new_password(form, *, label, confirm_label, required):
    _describe(form, "password1", label=label, hint=PASSWORD_HINT, autocomplete="new-password", required=required)
    _describe(form, "password2", label=confirm_label, autocomplete="new-password", required="Enter the password again")


def _describe_password_to_create(form):
    _describe_new_password(
        form, label="Create a password", confirm_label="Confirm your password", required="Enter a password"
    )


def _describe_password_to_change(form):
    _describe_new_password(
        form, label="New password", confirm_label="Confirm your new password", required="Enter a new password"
    )


class LoginForm(allauth_forms.LoginForm):
    """Sign in with an email address and a password."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _describe_email(self, "login")
        _describe(self, "password", label="Password", autocomplete="current-password", required="Enter your password")
        if "remember" in self.fields:
            self.fields["remember"].label = "Keep me signed in on this device (not on a shared computer)"


class SignupForm(allauth_forms.SignupForm):
    """Create an account: a name the partnership can greet you by, an email address and a password."""

    first_name = forms.CharField(
        label="First name",
        max_length=150,
        error_messages={"required": "Enter your first name"},
        widget=forms.TextInput(attrs={"autocomplete": "given-name", "spellcheck": "false"}),
    )
    last_name = forms.CharField(
        label="Last name",
        max_length=150,
        error_messages={"required": "Enter your last name"},
        widget=forms.TextInput(attrs={"autocomplete": "family-name", "spellcheck": "false"}),
    )

    field_order = ["first_name", "last_name", "email", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _describe_email(self, hint="We will send you a link to confirm it.")
        _describe_password_to_create(self)
        # allauth's honeypot hides itself with an inline style, which the Content-Security-Policy refuses:
        # templates/allauth/elements/fields.html puts it inside a `hidden` block instead.
        self.honeypot_field_name = allauth_settings.SIGNUP_FORM_HONEYPOT_FIELD or ""
        if self.honeypot_field_name:
            honeypot = self.fields[self.honeypot_field_name]
            honeypot.label = "Leave this empty"
            honeypot.widget.attrs = {"tabindex": "-1", "autocomplete": "off"}

    @property
    def honeypot_field(self):
        return self[self.honeypot_field_name] if self.honeypot_field_name else None


class ResetPasswordForm(allauth_forms.ResetPasswordForm):
    """Ask for a link to set a new password."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _describe_email(self, hint="Use the email address you signed up with.")


class ResetPasswordKeyForm(allauth_forms.ResetPasswordKeyForm):
    """Choose a new password from the link in the email."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _describe_password_to_change(self)


class ChangePasswordForm(allauth_forms.ChangePasswordForm):
    """Change your password while signed in."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _describe(
            self,
            "oldpassword",
            label="Current password",
            autocomplete="current-password",
            required="Enter your current password",
        )
        _describe_password_to_change(self)


class SetPasswordForm(allauth_forms.SetPasswordForm):
    """Set a password on an account that has none (one an admin created)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _describe_password_to_create(self)


class AddEmailForm(allauth_forms.AddEmailForm):
    """Change the email address you sign in with (it takes effect once you confirm it)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _describe_email(self, label="New email address", hint="We will send a link to this address to confirm it.")
        self.fields["email"].error_messages["required"] = "Enter your new email address"


class ReauthenticateForm(allauth_forms.ReauthenticateForm):
    """Confirm it is you before a sensitive change."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _describe(self, "password", label="Password", autocomplete="current-password", required="Enter your password")


# Staff sign-in to the Wagtail admin --------------------------------------------------------------------------

TOO_MANY_SIGN_IN_ATTEMPTS = (
    "There have been too many failed attempts to sign in. Wait 5 minutes, then try again or reset your password."
)


class StaffLoginForm(WagtailLoginForm):
    """The admin's email and password form, with the same failed-attempt limits as the front-end sign-in.

    Failures are counted per account (the email address typed) and per network address, in the shared cache,
    with allauth's counters and ACCOUNT_RATE_LIMITS["login_failed"]; once over either limit even the right
    password is refused, so guessing stops paying. A correct password is still only the first step: the
    second factor is required next (accounts.middleware).
    """

    def clean(self):
        email = (self.cleaned_data.get("username") or "").strip().lower()
        if self.request is not None and email:
            if not ratelimit.consume(self.request, action="login_failed", key=email, dry_run=True):
                raise forms.ValidationError(TOO_MANY_SIGN_IN_ATTEMPTS, code="rate_limited")
            try:
                cleaned = super().clean()
            except forms.ValidationError:
                ratelimit.consume(self.request, action="login_failed", key=email)
                raise
            ratelimit.clear(self.request, action="login_failed", key=email)
            return cleaned
        return super().clean()


class SecondFactorForm(forms.Form):
    """The second step of a staff sign-in: a code from the authenticator app, or one recovery code."""

    code = forms.CharField(
        label="Code",
        help_text="The 6-digit code your authenticator app shows now, or one of your recovery codes.",
        max_length=32,
        error_messages={"required": "Enter the code from your authenticator app"},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "spellcheck": "false", "autocapitalize": "off", "autofocus": ""}
        ),
    )

    def clean_code(self):
        from accounts.policies import kind_of_code, normalise_code

        code = normalise_code(self.cleaned_data["code"])
        if kind_of_code(code) is None:
            raise forms.ValidationError("Enter the 6-digit code from your app, or an 8-character recovery code")
        return code


class SetUpAuthenticatorForm(forms.Form):
    """Prove the new authenticator works by typing the code it shows."""

    code = forms.CharField(
        label="Code from the app",
        help_text="The 6-digit code the app shows for Safer Neighbourhoods.",
        max_length=16,
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false", "autofocus": ""}
        ),
    )

    def clean_code(self):
        from accounts.policies import AUTHENTICATOR_CODE, normalise_code

        code = normalise_code(self.cleaned_data["code"])
        if not AUTHENTICATOR_CODE.match(code):
            raise forms.ValidationError("Enter the 6-digit code from your authenticator app")
        return code
