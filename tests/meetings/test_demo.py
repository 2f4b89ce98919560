"""The demo: three upcoming meetings in different wards, one held with minutes, answers and follow-ups (issue 7)."""

import pytest
from django.utils import timezone

from meetings.models import Booking, MeetingPage, Question

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_site):
    from meetings.demo import load
    from partnership.demo import load as load_partnership

    load_partnership()
    load()
    return demo_site


def test_demo_meetings_are_idempotent_and_as_promised(demo, client):
    from meetings.demo import load
    from partnership.models import YouSaidWeDid

    counts = (MeetingPage.objects.count(), Booking.objects.count(), Question.objects.count())
    load()
    assert counts == (MeetingPage.objects.count(), Booking.objects.count(), Question.objects.count())
    now = timezone.now()
    upcoming = MeetingPage.objects.live().upcoming(now)
    assert upcoming.count() == 3
    assert len({ward.pk for m in upcoming for ward in m.wards.all()}) == 3
    (held,) = MeetingPage.objects.live().past(now)
    assert held.status == "held" and held.minutes
    assert Question.objects.filter(meeting=held, status="answered").count() == 3
    assert YouSaidWeDid.objects.filter(source_page=held, is_public=True).count() == 2
    page = client.get(held.url).content.decode()
    assert "Minutes" in page and "All 14 lights repaired" in page
    listing = client.get(MeetingPage.objects.first().get_parent().url).content.decode()
    assert listing.count('class="govuk-summary-card__title"') == 4
