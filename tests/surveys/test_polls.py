"""Quick polls (seed 003, Havant's monthly poll): any page embeds one; one vote each; results after voting."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.protection import issue_token
from surveys import services
from surveys.models import PollVote
from tests.surveys.factories import PollFactory, make_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def poll(db):
    return PollFactory()


@pytest.fixture
def page_with_poll(demo_site, poll):
    return make_survey(demo_site, title="Poll host", more=[{"type": "poll", "value": {"poll": poll.pk}}])


def vote(client, poll, option, next_url):
    prefix = f"poll-{poll.pk}-"
    return client.post(
        f"/surveys/polls/{poll.pk}/vote/",
        {
            "next": next_url,
            f"{prefix}option": option.pk,
            f"{prefix}website": "",
            f"{prefix}submission_token": issue_token("poll"),
        },
    )


def test_a_resident_votes_and_then_sees_the_results(client, poll, page_with_poll):
    before = client.get(page_with_poll.url).content.decode()
    assert poll.question in before and 'type="radio"' in before
    option = poll.options.get(text="Litter")
    response = vote(client, poll, option, page_with_poll.url)
    assert response["Location"] == f"{page_with_poll.url}#poll-{poll.pk}"
    after = client.get(page_with_poll.url).content.decode()
    assert 'type="radio"' not in after
    assert "1 vote, including yours" in after and "100.0%" in after


def test_one_vote_per_person(client, poll, page_with_poll):
    option = poll.options.first()
    vote(client, poll, option, page_with_poll.url)
    vote(client, poll, poll.options.last(), page_with_poll.url)
    assert PollVote.objects.count() == 1
    with pytest.raises(services.AlreadyVoted):
        services.cast_vote(
            poll=poll, option_id=option.pk, voter="session:" + client.session["surveys:respondent"], now=timezone.now()
        )


def test_a_closed_poll_shows_results_and_refuses_votes(client, poll, page_with_poll):
    poll.closes_at = timezone.now() - timedelta(hours=1)
    poll.save()
    assert "This poll has closed" in client.get(page_with_poll.url).content.decode()
    with pytest.raises(services.PollClosed):
        services.cast_vote(poll=poll, option_id=poll.options.first().pk, voter="x", now=timezone.now())


def test_a_vote_for_an_answer_from_another_poll_is_refused(client, poll, page_with_poll):
    other = PollFactory()
    page = vote(client, poll, other.options.first(), page_with_poll.url)
    assert page.status_code == 200 and "Select one of the answers" in page.content.decode()
    assert not PollVote.objects.exists()


def test_the_vote_never_redirects_to_another_site(client, poll, page_with_poll):
    response = vote(client, poll, poll.options.first(), "https://evil.example.com/")
    assert response["Location"] == f"/#poll-{poll.pk}"
