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
