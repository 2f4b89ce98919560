""" "Your account": who you are, links to change your details, and what you look after (the dashboard registry)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts import dashboard
from tests.accounts.factories import AccountFactory
from tests.helpers import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


@pytest.fixture
def sections(monkeypatch):
    """Only two sections, as feature apps would register them (the real apps' sections are set aside)."""
    from allauth.account.models import EmailAddress

    monkeypatch.setattr(dashboard, "_sections", {})
    dashboard.register(
        "Your Safe Places venues",
        "account_email",
        lambda user: EmailAddress.objects.filter(user=user, verified=True).count(),
        description="Keep your opening hours up to date.",
    )
    dashboard.register(
        "Your watch schemes", "account_change_password", lambda user: EmailAddress.objects.filter(user=user).count()
    )


def test_your_account_shows_who_you_are_and_how_to_change_your_details(client, account):
    client.force_login(account)

    response = client.get("/accounts/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Your account" in html
    assert "Amira Hussain" in html
    assert account.email in html
    assert 'href="/accounts/email/"' in html
    assert 'href="/accounts/password/change/"' in html
    assert 'action="/accounts/logout/"' in html  # sign out is a POST form, not a link


def test_the_header_says_sign_in_or_your_account(client, account):
    assert 'href="/accounts/login/">Sign in</a>' in client.get("/accounts/login/").content.decode()

    client.force_login(account)

    assert 'href="/accounts/">Your account</a>' in client.get("/accounts/").content.decode()


def test_each_registered_section_is_listed_with_the_persons_own_count(client, account, sections):
    AccountFactory()  # someone else's records are not counted
    client.force_login(account)

    summaries = client.get("/accounts/").context["sections"]

    assert [(s.title, s.url, s.count, s.description) for s in summaries] == [
        ("Your Safe Places venues", "/accounts/email/", 1, "Keep your opening hours up to date."),
        ("Your watch schemes", "/accounts/password/change/", 1, ""),
    ]


def test_registering_a_section_again_replaces_it(sections):
    dashboard.register("Your watch schemes (renamed)", "account_change_password", lambda user: 0)

    assert [section.title for section in dashboard.sections()] == [
        "Your Safe Places venues",
        "Your watch schemes (renamed)",
    ]


def test_each_section_costs_one_query_and_the_page_does_not_grow_with_the_data(client, account, sections):
    from allauth.account.models import EmailAddress

    client.force_login(account)
    client.get("/accounts/")
    with CaptureQueriesContext(connection) as captured:
        client.get("/accounts/")
    section_queries = [q for q in captured.captured_queries if "account_emailaddress" in q["sql"]]
    assert len(section_queries) == 2

    def add_data():
        for n in range(10):
            EmailAddress.objects.create(user=account, email=f"old{n}@example.org", verified=n % 2 == 0)
        AccountFactory.create_batch(5)

    assert_queries_do_not_grow(client, "/accounts/", add_data, at_most=12)
