"""A staff sign-in is not finished until the second factor is proved.

Wagtail's own sign-in page checks the password (with the failed-attempt limits of accounts.forms.StaffLoginForm);
this middleware then holds a staff session that has no verified device (django_otp.middleware.OTPMiddleware,
which must come before it, says whether it has) at the second-factor pages: there it either types a code or,
on its first sign-in, sets up an authenticator app. Until then it reaches nothing else - no admin page and no
staff-only page elsewhere - whatever way it signed in with a password (the admin's form or the front end's).
"""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from accounts.policies import may_reach_before_second_factor, needs_second_factor


class StaffSecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not may_reach_before_second_factor(request.path)
            and needs_second_factor(
                is_staff=user.is_staff,
                is_superuser=user.is_superuser,
                path=request.path,
                can_use_admin=lambda: user.has_perm("wagtailadmin.access_admin"),
            )
            and not user.is_verified()
        ):
            url = reverse("accounts_two_factor")
            if request.method == "GET":
                url = f"{url}?{urlencode({'next': request.get_full_path()})}"
            return redirect(url)
        return self.get_response(request)
