"""The second step of a staff sign-in to the admin: a code, or setting up an authenticator on first sign-in.

These pages live under /admin/two-factor/ (accounts.wagtail_hooks), so Wagtail lets in only people who may
use the admin, and accounts.middleware lets an unfinished sign-in reach them and nothing else.
"""

import base64

import segno
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import services
from accounts.forms import SecondFactorForm, SetUpAuthenticatorForm
from accounts.policies import group_secret, kind_of_code
from core.exceptions import DomainError

NEW_RECOVERY_CODES_SESSION_KEY = "accounts_new_recovery_codes"
WRONG_CODE = "The code is not right. Enter the newest code from your app, or one of your recovery codes."
WAIT = "There have been too many wrong codes. Wait a minute, then enter the newest code from your app."


def _next_url(request):
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("wagtailadmin_home")


def _with_next(name, next_url):
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


def _confirmed_device(model, user):
    return model.objects.filter(user=user, confirmed=True).order_by("pk").first()


def _finish_sign_in(request, device):
    """The session now carries a verified device: a new session key, as for any rise in what a session may do."""
    request.session.cycle_key()
    otp_login(request, device)


@never_cache
@require_http_methods(["GET", "POST"])
def enter_code(request):
    user, next_url = request.user, _next_url(request)
    if user.is_verified():
        return redirect(next_url)
    authenticator = _confirmed_device(TOTPDevice, user)
    recovery = _confirmed_device(StaticDevice, user)
    if authenticator is None and recovery is None:
        return redirect(_with_next("accounts_two_factor_set_up", next_url))

    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        device = authenticator if kind_of_code(code) == "authenticator" else recovery
        if device is not None and not device.verify_is_allowed()[0]:
            form.add_error("code", WAIT)
        elif device is None or verify_token(user, device.persistent_id, code) is None:
            form.add_error("code", WRONG_CODE)
        else:
            _finish_sign_in(request, device)
            if device is recovery:
                left = recovery.token_set.count()
                messages.warning(
                    request,
                    f"You used a recovery code; {left} left. Make new ones from the recovery codes page if you run low.",
                )
            return redirect(next_url)
    return render(request, "accounts/two_factor/enter_code.html", {"form": form, "next": next_url})


@never_cache
@require_http_methods(["GET", "POST"])
def set_up(request):
    """First sign-in (or a new phone): link an authenticator app, prove it with a code, get recovery codes.

    A session that has not proved the second factor may only set one up when the account has none: it must
    never be able to replace a factor it cannot prove.
    """
    user, next_url = request.user, _next_url(request)
    if not user.is_verified() and (
        _confirmed_device(TOTPDevice, user) is not None or _confirmed_device(StaticDevice, user) is not None
    ):
        return redirect(_with_next("accounts_two_factor", next_url))

    device = services.authenticator_being_set_up(user=user)
    form = SetUpAuthenticatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.confirm_authenticator(user=user, device=device, code=form.cleaned_data["code"])
        except DomainError as error:
            form.add_error("code", error.message)
        else:
            _finish_sign_in(request, device)
            request.session[NEW_RECOVERY_CODES_SESSION_KEY] = codes
            return redirect(_with_next("accounts_recovery_codes", next_url))

    secret = base64.b32encode(device.bin_key).decode()
    qr_code = segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)
    return render(
        request,
        "accounts/two_factor/set_up.html",
        {"form": form, "next": next_url, "secret": group_secret(secret), "qr_code": qr_code},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def recovery_codes(request):
    """Show new recovery codes once; a signed-in staff member can replace theirs here at any time."""
    next_url = _next_url(request)
    if not request.user.is_verified():
        return redirect(_with_next("accounts_two_factor", next_url))
    if request.method == "POST":
        request.session[NEW_RECOVERY_CODES_SESSION_KEY] = services.issue_recovery_codes(user=request.user)
        return redirect(_with_next("accounts_recovery_codes", next_url))
    codes = request.session.pop(NEW_RECOVERY_CODES_SESSION_KEY, None)
    left = StaticToken.objects.filter(device__user=request.user).count()
    return render(request, "accounts/two_factor/recovery_codes.html", {"codes": codes, "left": left, "next": next_url})
