import pytest
from django.db import connection

from tests.factories import UserFactory


def pytest_collection_modifyitems(config, items):
    """Every transactional test must roll back by serialisation.

    A flush without it re-creates content types with new ids, and the next serialised test then fails to
    restore the database that Wagtail's migrations built (root page, default site, groups).
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker and marker.kwargs.get("transaction") and not marker.kwargs.get("serialized_rollback"):
            raise pytest.UsageError(f"{item.nodeid}: use django_db(transaction=True, serialized_rollback=True)")
    _skip_postgres_only_tests_on_sqlite(items)


def _skip_postgres_only_tests_on_sqlite(items):
    """Tests marked `postgres` need row locks and real concurrency: skip them on SQLite, and say so."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (run with DATABASE_URL=postgres://...)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def demo_site(db):
    """The demo partnership: Milton Keynes wards, home page, about/accessibility/privacy pages, staff users."""
    from core.demo.loader import load_demo_data

    return load_demo_data()


@pytest.fixture
def home_page(demo_site):
    return demo_site


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def is_postgres():
    return connection.vendor == "postgresql"


@pytest.fixture(autouse=True)
def staff_force_login_includes_the_second_factor(monkeypatch):
    """`client.force_login(staff)` gives a session that has also proved the second factor, as after a real sign-in.

    Staff cannot use the admin without it (accounts.middleware); the enforcement itself is tested through the
    real sign-in pages in tests/trust/test_two_factor.py.
    """
    from django.test import Client

    from tests.accounts.two_factor import force_login_with_second_factor

    monkeypatch.setattr(Client, "force_login", force_login_with_second_factor)


@pytest.fixture(autouse=True)
def forget_cached_locales():
    """Locales are remembered per process; each test's database starts afresh, so must the memory."""
    from core.locales import forget_locales

    forget_locales()
    yield
    forget_locales()
