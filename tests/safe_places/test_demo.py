import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("loader", "email"),
    [("safe_places.demo.load", "venue@example.org"), ("watch_schemes.demo.load", "coordinator@example.org")],
)
def test_the_demo_front_end_accounts_sign_in_with_the_documented_password(client, demo_site, loader, email):
    """The README's demo venue and coordinator accounts work at once, with no confirmation email to find."""
    from django.utils.module_loading import import_string

    from core.demo.content import DEMO_PASSWORD

    import_string(loader)()
    response = client.post("/accounts/login/", {"login": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/"
