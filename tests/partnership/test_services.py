from datetime import date

import pytest

from partnership.models import YouSaidWeDid
from partnership.services import record_you_said_we_did
from tests.factories import WardFactory

pytestmark = pytest.mark.django_db


def test_an_answer_recorded_by_another_app_waits_for_an_officer_to_publish_it():
    ward = WardFactory()
    answer = record_you_said_we_did(
        you_said="More patrols near the shops after school.",
        we_did="<p>PCSOs now patrol from 3pm to 5pm.</p>",
        date=date(2026, 11, 20),
        source=YouSaidWeDid.Source.MEETING,
        source_reference="Face the Public, Wolverton, question 4",
        wards=[ward],
    )
    assert not answer.is_public
    assert list(answer.wards.all()) == [ward]
    assert not YouSaidWeDid.objects.public().exists()


def test_scheduled_pages_go_live_when_their_time_comes(demo_site):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone
    from freezegun import freeze_time

    from tests.partnership.factories import NewsIndexPageFactory, NewsPageFactory

    index = NewsIndexPageFactory(parent=demo_site)
    story = NewsPageFactory(parent=index, live=False)
    story.go_live_at = timezone.now() + timedelta(hours=1)
    story.save_revision().publish()
    story.refresh_from_db()
    assert not story.live  # scheduled, not yet live
    with freeze_time(timezone.now() + timedelta(hours=2)):
        call_command("publish_scheduled")
    story.refresh_from_db()
    assert story.live
