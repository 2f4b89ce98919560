import pytest
from django.db import connection

from tests.factories import UserFactory


def pytest_collection_modifyitems(config, items):
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
