import pytest

from tests.factories import LocalAuthorityFactory, StaffFactory, WardFactory


@pytest.fixture
def wards(db):
    authority = LocalAuthorityFactory()
    return {
        name: WardFactory(code=code, name=name, local_authority=authority)
        for code, name in [
            ("E05009401", "Bletchley East"),
            ("E05009420", "Wolverton"),
            ("E05009410", "Newport Pagnell North"),
        ]
    }


@pytest.fixture
def comms_officer(db):
    return StaffFactory(groups=["Communications officers"])


@pytest.fixture
def partnership_admin(db):
    return StaffFactory(groups=["Partnership admins"])
