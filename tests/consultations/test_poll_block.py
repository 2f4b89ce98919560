"""The quick poll embedded in an activity's body (left over from issue 5): the same poll snippet, voted on from
the activity page, counted where every other page counts it."""

import json

import pytest

from surveys.models import PollVote
from tests.consultations.factories import ConsultationPageFactory
from tests.surveys.factories import PollFactory

pytestmark = pytest.mark.django_db


def test_an_activity_embeds_a_quick_poll_residents_vote_in(client):
    poll = PollFactory(question="Which underpass worries you most?", options=["Station", "Queensway", "Water Eaton"])
    activity = ConsultationPageFactory(
        body=json.dumps([{"type": "poll", "value": {"poll": poll.pk}}]),
    )
    body = client.get(activity.url).content.decode()
    assert "Which underpass worries you most?" in body and "Queensway" in body
    vote_url = f"/surveys/polls/{poll.pk}/vote/"
    assert f'action="{vote_url}"' in body
    option = poll.options.get(text="Queensway")
    prefix = f"poll-{poll.pk}"
    token = body.split(f'name="{prefix}-submission_token" value="')[1].split('"')[0]
    response = client.post(
        vote_url, {f"{prefix}-option": option.pk, "next": activity.url, f"{prefix}-submission_token": token}
    )
    assert response.status_code == 302
    assert PollVote.objects.filter(poll=poll).count() == 1
