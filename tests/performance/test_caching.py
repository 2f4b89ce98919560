"""Shared fragments and anonymous pages are cached, and forgotten the moment an editor publishes (core.caching)."""

import pytest
from django.core.cache import cache
from django.test.utils import override_settings

from partnership.models import PriorityPage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def caching_on(demo_site):
    from partnership import demo

    demo.load()
    with override_settings(CONTENT_CACHE_SECONDS=300):
        cache.clear()
        yield demo_site
        cache.clear()


def test_an_anonymous_page_is_served_from_the_cache_the_second_time(client, caching_on):
    first = client.get("/about/")
    second = client.get("/about/")
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "Content-Security-Policy" in second  # every other middleware still runs on a cached page


def test_publishing_a_priority_updates_every_page_at_once(client, caching_on):
    client.get("/about/")
    assert client.get("/about/")["X-Page-Cache"] == "hit"
    priority = PriorityPage.objects.filter(locale__language_code="en-gb").first()
    priority.title = "Tackling knife crime together"
    priority.save_revision().publish()
    page = client.get("/about/")
    assert page["X-Page-Cache"] == "miss"
    assert "Tackling knife crime together" in page.content.decode()


def test_unpublishing_a_page_removes_it_from_the_cached_menu(client, caching_on):
    from wagtail.models import Page

    about = Page.objects.get(slug="about", locale__language_code="en-gb").specific
    about.show_in_menus = True
    about.save_revision().publish()
    assert 'href="/about/"' in client.get("/").content.decode()
    about.unpublish()
    assert 'class="govuk-service-navigation__link" href="/about/"' not in client.get("/").content.decode()


def test_saving_the_partnership_settings_shows_the_new_name(client, caching_on):
    from core.models import PartnershipSettings

    client.get("/about/")
    settings = PartnershipSettings.objects.first()
    settings.name = "Safer Bletchley Partnership"
    settings.save()
    assert "Safer Bletchley Partnership" in client.get("/about/").content.decode()


def test_pages_with_forms_and_signed_in_people_are_never_served_from_the_cache(client, caching_on):
    client.get("/contact/")
    assert "X-Page-Cache" not in client.get("/contact/")  # a form: its CSRF token is personal
    client.force_login(UserFactory())
    client.get("/about/")
    assert "X-Page-Cache" not in client.get("/about/")  # signed in: the header names their account


def test_a_query_string_is_never_cached(client, caching_on):
    client.get("/about/?utm_source=leaflet")
    assert "X-Page-Cache" not in client.get("/about/?utm_source=leaflet")


@pytest.mark.parametrize("page", ["activity", "hub"])
def test_a_page_that_changes_with_time_is_not_kept_past_the_change(client, caching_on, page):
    """An activity opening in two minutes: its page, and the Get involved hub listing it, are kept until it opens
    and no longer, so nobody is told "coming up" about something already open (core.caching.changes_at)."""
    from datetime import timedelta

    from django.utils import timezone
    from freezegun import freeze_time

    from tests.consultations.factories import ConsultationPageFactory, hub

    now = timezone.now().replace(microsecond=0)
    activity = ConsultationPageFactory(title="Lighting walkabout", opens_at=now + timedelta(minutes=2))
    url = activity.url if page == "activity" else hub().url
    with freeze_time(now) as clock:
        before = client.get(url)
        assert before["X-Page-Cache"] == "miss"
        clock.tick(timedelta(minutes=1))
        assert client.get(url)["X-Page-Cache"] == "hit"
        clock.tick(timedelta(minutes=1, seconds=1))
        after = client.get(url)
    assert after["X-Page-Cache"] == "miss"
    if page == "activity":
        assert '<dt class="govuk-summary-list__key">Opens</dt>' in before.content.decode()
        assert '<dt class="govuk-summary-list__key">Opened</dt>' in after.content.decode()


def test_a_meetings_seats_left_are_at_most_half_a_minute_old_while_booking_is_open(client, caching_on):
    """The meeting page is the busiest page of a booking surge, so it is kept; but only briefly while booking is
    open, because every booking changes the seats left, and until the moment booking closes when it is not."""
    from datetime import timedelta

    from django.utils import timezone
    from freezegun import freeze_time

    from tests.meetings.factories import BookingFactory, MeetingPageFactory

    now = timezone.now().replace(microsecond=0)
    meeting = MeetingPageFactory(
        capacity=10, starts_at=now + timedelta(days=7), ends_at=now + timedelta(days=7, hours=2)
    )
    with freeze_time(now) as clock:
        assert "10 of 10 seats left" in client.get(meeting.url).content.decode()
        BookingFactory(meeting=meeting, seats=2)
        clock.tick(timedelta(seconds=20))
        assert client.get(meeting.url)["X-Page-Cache"] == "hit"
        clock.tick(timedelta(seconds=11))
        later = client.get(meeting.url)
    assert later["X-Page-Cache"] == "miss"
    assert "8 of 10 seats left" in later.content.decode()


def test_residents_submissions_keep_the_page_cache_and_published_snippets_empty_it(client, caching_on):
    """A booking's email, its audit event or a contact message is a staff-only record: writing one must not
    forget every cached page, or a booking surge would empty the cache with each booking. A snippet residents
    see (a partner agency) still does."""
    from core import audit, caching
    from core.models import ContactMessage
    from core.notifications import queue_email
    from partnership.models import PartnerAgency

    client.get("/about/")
    before = caching.generation()
    queue_email(to="resident@example.org", template="core/emails/contact_acknowledgement",
                context={"contact": {"name": "Sam", "reference": "C-1"}, "partnership": None}, purpose="test")  # fmt: skip
    ContactMessage.objects.create(name="Sam", email="sam@example.org", message="Street lights out")
    audit.record(actor=None, action="view", obj=ContactMessage.objects.first(), label="the contact form")
    assert caching.generation() == before
    assert client.get("/about/")["X-Page-Cache"] == "hit"

    agency = PartnerAgency.objects.first()
    agency.name = "Thames Valley Police (Milton Keynes)"
    agency.save()
    assert caching.generation() != before
    assert client.get("/about/")["X-Page-Cache"] == "miss"


def test_kept_breadcrumbs_follow_a_renamed_parent(client, caching_on):
    """Breadcrumbs are kept with the shared fragments: renaming a page's parent shows in its breadcrumbs at once."""
    from tests.factories import StaffFactory

    priority = PriorityPage.objects.filter(locale__language_code="en-gb").first()
    plan = priority.get_parent().specific
    client.force_login(StaffFactory(groups=["Communications officers"]))  # past the whole-page cache
    assert f">{plan.title}</a>" in client.get(priority.url).content.decode()
    plan.title = "Our community safety plan 2026 to 2029"
    plan.save_revision().publish()
    assert ">Our community safety plan 2026 to 2029</a>" in client.get(priority.url).content.decode()
