import pytest

from tests.factories import StaffFactory
from tests.meetings.factories import MeetingPageFactory


@pytest.fixture
def meeting(db):
    return MeetingPageFactory()


@pytest.fixture
def comms_officer(db):
    return StaffFactory(groups=["Communications officers"])


@pytest.fixture
def case_officer(db):
    return StaffFactory(groups=["Case officers"])


@pytest.fixture
def partnership_admin(db):
    return StaffFactory(groups=["Partnership admins"])
