import pytest

from tests.factories import StaffFactory, UserFactory


@pytest.fixture
def scheme_admin(db):
    return StaffFactory(groups=["Partnership admins"])


@pytest.fixture
def venue_manager(db):
    return UserFactory()
