import pytest

from tests.case_reviews.factories import RelevantBodyFactory
from tests.factories import StaffFactory


@pytest.fixture(autouse=True)
def private_evidence_in_memory(settings):
    """Evidence goes to its own private storage; in tests that is memory, never the disk or the public media."""
    settings.STORAGES = {
        **settings.STORAGES,
        "case_review_evidence": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }


@pytest.fixture
def relevant_bodies(db):
    return [
        RelevantBodyFactory(name="Milton Keynes City Council", kind="council", email="asb@council.example.org"),
        RelevantBodyFactory(name="Thames Valley Police", kind="police", email="asb@police.example.org"),
        RelevantBodyFactory(name="MK Housing Partnership", kind="housing", email="asb@housing.example.org"),
    ]


@pytest.fixture
def case_officer(db):
    return StaffFactory(groups=["Case officers"], first_name="Priya", last_name="Shah")


@pytest.fixture
def comms_officer(db):
    return StaffFactory(groups=["Communications officers"])


@pytest.fixture
def partnership_admin(db):
    return StaffFactory(groups=["Partnership admins"])
