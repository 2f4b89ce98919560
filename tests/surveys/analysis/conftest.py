import pytest

from core.models import Ward
from tests.factories import StaffFactory
from tests.surveys.analysis import corpus
from tests.surveys.analysis.factories import add_concerns, add_vocabulary


@pytest.fixture
def officer(demo_site):
    return StaffFactory(groups=["Communications officers"])


@pytest.fixture
def wards(demo_site):
    return list(Ward.objects.order_by("code")[:2])


@pytest.fixture
def vocabulary_kept(db):
    add_vocabulary()


@pytest.fixture
def answered(survey, wards, vocabulary_kept):
    """The demo survey's questions with the test corpus as answers: the first 30 in one ward, the rest in another."""
    add_concerns(survey, corpus.CORPUS[:30], ward=wards[0])
    add_concerns(survey, corpus.CORPUS[30:], ward=wards[1])
    return survey


@pytest.fixture
def sign_in(client):
    """Sign a staff member in with their second factor proved, as after a real sign-in to the admin."""

    def sign_in_as(user):
        from django_otp import DEVICE_ID_SESSION_KEY

        from tests.accounts.two_factor import authenticator_for

        client.force_login(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = authenticator_for(user).persistent_id
        session.save()
        return client

    return sign_in_as
