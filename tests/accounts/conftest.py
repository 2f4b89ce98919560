import re

import pytest
from django.core import mail
from django.core.cache import cache

from tests.accounts.factories import PASSWORD, AccountFactory

NEW_PASSWORD = "lantern-orchard-velvet-42"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth counts attempts in the cache: start every test with none counted."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def account(db):
    return AccountFactory(email="venue.manager@example.org", first_name="Amira", last_name="Hussain")


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def sent_mail(django_capture_on_commit_callbacks):
    """Run a request and return what left through the outbox after its transaction committed."""

    def run(action):
        before = len(mail.outbox)
        with django_capture_on_commit_callbacks(execute=True):
            response = action()
        return response, mail.outbox[before:]

    return run


def link_in(message, path_prefix):
    """The first link in an email's text whose path starts with `path_prefix`, as a path."""
    match = re.search(r"https?://[^/\s]+(" + re.escape(path_prefix) + r"\S*)", message.body)
    assert match, f"no link to {path_prefix} in:\n{message.body}"
    return match.group(1)
