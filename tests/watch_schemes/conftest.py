import pytest

from tests.factories import PostcodeFactory, StaffFactory, UserFactory, WardFactory


@pytest.fixture
def partnership_admin(db):
    return StaffFactory(groups=["Partnership admins"])


@pytest.fixture
def coordinator(db):
    return UserFactory()


@pytest.fixture
def ward(db):
    return WardFactory(code="E05009401", name="Central Milton Keynes")


@pytest.fixture
def postcodes(ward):
    """MK9 3EJ in central Milton Keynes, MK9 2FZ just by it, and MK17 8AA some 10 km away, all known."""
    return {
        "MK9 3EJ": PostcodeFactory(postcode="MK9 3EJ", ward=ward, latitude="52.040600", longitude="-0.759400"),
        "MK9 2FZ": PostcodeFactory(postcode="MK9 2FZ", ward=ward, latitude="52.043000", longitude="-0.755000"),
        "MK17 8AA": PostcodeFactory(postcode="MK17 8AA", ward=ward, latitude="51.990000", longitude="-0.650000"),
    }
