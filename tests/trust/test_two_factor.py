"""Two-factor sign-in for every staff account (issue 11: "Staff cannot sign in to the admin without a second factor").

These tests go through the real pages - Wagtail's password form, then /admin/two-factor/ - or start from a
session that proved the password only; none relies on the test suite's verified `force_login`.
"""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from freezegun import freeze_time

from accounts.forms import TOO_MANY_SIGN_IN_ATTEMPTS
from accounts.two_factor_views import WAIT, WRONG_CODE
from tests.accounts.two_factor import current_code, force_login_with_password_only
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
ADMIN_PAGES = ["/admin/", "/admin/pages/", "/admin/users/", "/admin/images/", "/admin/snippets/"]
OPEN_TO_COMMUNICATIONS_OFFICERS = ["/admin/", "/admin/pages/", "/admin/images/", "/admin/documents/"]


@pytest.fixture(autouse=True)
def _no_counted_attempts():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staff(db):
    return StaffFactory(email="officer@example.org", password=PASSWORD, groups=["Communications officers"])


@pytest.fixture
def enrolled_staff(staff):
    TOTPDevice.objects.create(user=staff, name="Authenticator app", confirmed=True)
    return staff


def sign_in_with_password(client, email, password=PASSWORD, **extra):
    return client.post("/admin/login/", {"username": email, "password": password}, **extra)


def signed_in(client):
    return "_auth_user_id" in client.session


def test_a_correct_password_without_a_second_factor_reaches_no_admin_page(client, enrolled_staff):
    response = sign_in_with_password(client, enrolled_staff.email)
    assert response.status_code == 302

    for path in ADMIN_PAGES:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/admin/two-factor/?next="), path
    # Nor can it change anything: a POST is turned away before any view runs.
    assert client.post("/admin/pages/add/", {})["Location"] == "/admin/two-factor/"


def test_a_password_only_staff_session_reaches_no_staff_page_outside_the_admin_either(client, staff):
    force_login_with_password_only(client, staff)

    for path in ("/", "/accounts/", "/surveys/results/1/"):
        assert client.get(path)["Location"].startswith("/admin/two-factor/"), path


def test_with_the_code_from_their_app_staff_reach_the_admin(client, enrolled_staff):
    sign_in_with_password(client, enrolled_staff.email)
    page = client.get("/admin/two-factor/?next=/admin/pages/")
    assert page.status_code == 200
    assert "Enter your code" in page.content.decode()

    response = client.post("/admin/two-factor/", {"code": current_code(enrolled_staff), "next": "/admin/pages/"})

    assert response["Location"] == "/admin/pages/"
    for path in OPEN_TO_COMMUNICATIONS_OFFICERS:
        assert client.get(path).status_code == 200, path


def test_a_wrong_code_is_refused_in_plain_english_and_the_admin_stays_closed(client, enrolled_staff):
    sign_in_with_password(client, enrolled_staff.email)
    wrong = f"{(int(current_code(enrolled_staff)) + 1) % 1_000_000:06d}"

    response = client.post("/admin/two-factor/", {"code": wrong})

    assert response.status_code == 200
    assert response.context["form"].errors == {"code": [WRONG_CODE]}
    assert "<title>Error: Enter your code" in response.content.decode()
    assert client.get("/admin/")["Location"].startswith("/admin/two-factor/")


def test_after_a_wrong_code_even_the_right_one_must_wait(client, enrolled_staff):
    sign_in_with_password(client, enrolled_staff.email)
    with freeze_time("2026-03-02 10:00:00"):
        right = current_code(enrolled_staff)
        client.post("/admin/two-factor/", {"code": f"{(int(right) + 1) % 1_000_000:06d}"})
        response = client.post("/admin/two-factor/", {"code": right})
        assert response.context["form"].errors == {"code": [WAIT]}
    with freeze_time("2026-03-02 10:00:02"):
        assert client.post("/admin/two-factor/", {"code": current_code(enrolled_staff)}).status_code == 302


def test_a_code_cannot_be_used_twice(client, enrolled_staff):
    from django.test import Client

    with freeze_time("2026-03-02 10:00:00"):
        code = current_code(enrolled_staff)
        sign_in_with_password(client, enrolled_staff.email)
        assert client.post("/admin/two-factor/", {"code": code}).status_code == 302

        someone_else = Client()
        sign_in_with_password(someone_else, enrolled_staff.email)
        assert someone_else.post("/admin/two-factor/", {"code": code}).context["form"].errors == {"code": [WRONG_CODE]}


def test_first_sign_in_forces_setting_up_an_authenticator_then_shows_recovery_codes_once(client, staff):
    sign_in_with_password(client, staff.email)
    assert client.get("/admin/")["Location"] == "/admin/two-factor/?next=%2Fadmin%2F"
    assert client.get("/admin/two-factor/?next=/admin/")["Location"] == "/admin/two-factor/set-up/?next=%2Fadmin%2F"

    page = client.get("/admin/two-factor/set-up/?next=/admin/")
    html = page.content.decode()
    assert 'src="data:image/svg+xml' in html  # the QR code, drawn here: the secret never leaves for a QR service
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    assert page.context["secret"].replace(" ", "") in html.replace(" ", "")
    assert client.get("/admin/two-factor/set-up/").context["secret"] == page.context["secret"]  # same on reload

    wrong = client.post("/admin/two-factor/set-up/", {"code": "000000", "next": "/admin/"})
    if current_code(device) != "000000":
        assert "The code is not right" in wrong.context["form"].errors["code"][0]
        assert client.get("/admin/")["Location"].startswith("/admin/two-factor/")

    with freeze_time(timezone.now() + timedelta(seconds=2)):  # after a wrong code the next must wait a second
        response = client.post("/admin/two-factor/set-up/", {"code": current_code(device), "next": "/admin/"})
    assert response["Location"] == "/admin/two-factor/recovery-codes/?next=%2Fadmin%2F"
    codes_page = client.get(response["Location"])
    codes = codes_page.context["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert all(re.fullmatch(r"[a-z2-7]{8}", code) for code in codes)
    assert set(StaticToken.objects.filter(device__user=staff).values_list("token", flat=True)) == set(codes)
    assert client.get("/admin/two-factor/recovery-codes/").context["codes"] is None  # shown once
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200


def test_a_password_only_session_cannot_replace_an_existing_authenticator(client, enrolled_staff):
    sign_in_with_password(client, enrolled_staff.email)

    assert client.get("/admin/two-factor/set-up/")["Location"].startswith("/admin/two-factor/?next=")
    client.post("/admin/two-factor/set-up/", {"code": "123456"})
    assert TOTPDevice.objects.filter(user=enrolled_staff).count() == 1
    assert not TOTPDevice.objects.filter(user=enrolled_staff, confirmed=False).exists()


def test_a_recovery_code_signs_in_once(client, enrolled_staff):
    from django.test import Client

    from accounts.services import issue_recovery_codes

    codes = issue_recovery_codes(user=enrolled_staff)
    sign_in_with_password(client, enrolled_staff.email)
    response = client.post("/admin/two-factor/", {"code": codes[0].upper(), "next": "/admin/"})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert StaticToken.objects.filter(device__user=enrolled_staff).count() == 9

    again = Client()
    sign_in_with_password(again, enrolled_staff.email)
    assert again.post("/admin/two-factor/", {"code": codes[0]}).context["form"].errors == {"code": [WRONG_CODE]}


def test_signed_in_staff_can_replace_their_recovery_codes(client, enrolled_staff):
    from accounts.services import issue_recovery_codes

    old = issue_recovery_codes(user=enrolled_staff)
    sign_in_with_password(client, enrolled_staff.email)
    client.post("/admin/two-factor/", {"code": current_code(enrolled_staff)})

    response = client.post("/admin/two-factor/recovery-codes/", {"next": "/admin/"})
    new = client.get(response["Location"]).context["codes"]

    assert len(new) == 10 and not set(new) & set(old)
    assert StaticDevice.objects.filter(user=enrolled_staff).count() == 1


def test_an_unfinished_sign_in_can_still_sign_out(client, staff):
    sign_in_with_password(client, staff.email)
    client.post("/admin/logout/")
    assert not signed_in(client)


def test_front_end_accounts_need_no_second_factor(client):
    coordinator = UserFactory(email="coordinator@example.org")
    force_login_with_password_only(client, coordinator)

    assert client.get("/accounts/").status_code == 200
    assert client.get("/admin/")["Location"].startswith("/admin/login/")  # not staff: Wagtail turns them away


def test_the_sign_in_session_changes_key_when_the_second_factor_is_proved(client, enrolled_staff):
    sign_in_with_password(client, enrolled_staff.email)
    before = client.session.session_key
    client.post("/admin/two-factor/", {"code": current_code(enrolled_staff)})
    assert client.session.session_key != before
    assert signed_in(client)


# Failed-attempt limits on the admin's password form ---------------------------------------------------------


def test_five_wrong_passwords_for_one_account_refuse_even_the_right_one(client, staff):
    for _ in range(5):
        response = sign_in_with_password(client, staff.email, "guess-guess-guess")
        assert "didn't match" in response.context["form"].non_field_errors()[0]

    response = sign_in_with_password(client, staff.email.upper(), PASSWORD)

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [TOO_MANY_SIGN_IN_ATTEMPTS]
    assert not signed_in(client)


def test_the_account_limit_applies_whatever_address_the_guesses_come_from(client, staff):
    for number in range(5):
        sign_in_with_password(client, staff.email, "guess-guess-guess", REMOTE_ADDR=f"198.51.100.{number}")

    response = sign_in_with_password(client, staff.email, PASSWORD, REMOTE_ADDR="203.0.113.9")
    assert response.context["form"].non_field_errors() == [TOO_MANY_SIGN_IN_ATTEMPTS]


def test_ten_failures_from_one_address_stop_it_signing_in_to_any_account(client, staff):
    for number in range(10):
        sign_in_with_password(client, f"guess{number}@example.org", "guess-guess-guess", REMOTE_ADDR="198.51.100.7")

    refused = sign_in_with_password(client, staff.email, PASSWORD, REMOTE_ADDR="198.51.100.7")
    assert refused.context["form"].non_field_errors() == [TOO_MANY_SIGN_IN_ATTEMPTS]
    assert not signed_in(client)

    elsewhere = sign_in_with_password(client, staff.email, PASSWORD, REMOTE_ADDR="203.0.113.9")
    assert elsewhere.status_code == 302


def test_the_limits_lift_after_five_minutes(client, staff):
    with freeze_time("2026-03-02 09:00:00") as clock:
        for _ in range(5):
            sign_in_with_password(client, staff.email, "guess-guess-guess")
        assert sign_in_with_password(client, staff.email, PASSWORD).status_code == 200
        clock.tick(5 * 60 + 1)
        assert sign_in_with_password(client, staff.email, PASSWORD).status_code == 302


# Demo staff and a lost phone ---------------------------------------------------------------------------------


def test_demo_staff_sign_in_with_the_printed_code_or_a_published_recovery_code(client, demo_site, capsys):
    from accounts.demo import DEMO_RECOVERY_CODES, load
    from core.demo.content import DEMO_PASSWORD

    load()
    load()  # idempotent: one authenticator, the same recovery codes

    assert TOTPDevice.objects.filter(user__email="admin@example.org").count() == 1
    call_command("two_factor_code", "admin@example.org")
    code = capsys.readouterr().out.strip()
    sign_in_with_password(client, "admin@example.org", DEMO_PASSWORD)
    assert client.post("/admin/two-factor/", {"code": code})["Location"] == "/admin/"

    from django.test import Client

    other = Client()
    sign_in_with_password(other, "cases@example.org", DEMO_PASSWORD)
    assert other.post("/admin/two-factor/", {"code": DEMO_RECOVERY_CODES[0]}).status_code == 302


def test_resetting_a_lost_second_factor_makes_them_set_up_again(client, enrolled_staff):
    call_command("reset_two_factor", enrolled_staff.email)

    sign_in_with_password(client, enrolled_staff.email)
    assert client.get("/admin/two-factor/")["Location"].startswith("/admin/two-factor/set-up/")


def test_the_admin_icon_sprite_loads_before_the_second_factor_so_the_code_page_shows_once():
    """The admin's JavaScript inlines the icon sprite into every admin page; had the sprite been refused, the
    redirect's answer (the code page itself) was inlined and the form showed twice."""
    from django.urls import reverse

    from accounts.policies import may_reach_before_second_factor

    assert may_reach_before_second_factor(reverse("wagtailadmin_sprite"))
    assert not may_reach_before_second_factor("/admin/pages/")
