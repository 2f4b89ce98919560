"""Query budgets: every public page type costs the same number of queries when the site's data grows tenfold.

A page whose queries grow with the data (one query per news story, per venue, per response) is fast in testing
and slow in production; CPU per request is measured by `make bench`, this holds the number of round trips.

Adding a page type is one row in PAGE_TYPES: a name, how to find its URL in the `site_content` fixture (a
function of that fixture, so a row can point at any page or record it holds), and the most queries it may make.
An app whose pages list records of its own adds a grower (`@grows`) so that the tenfold growth includes them.
Every row is fetched anonymously unless `signed_in` is set (accounts pages). All rows share one site, grown once
(the same check as tests.helpers.assert_queries_do_not_grow, without building the site once per row).
"""

import random
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone

from tests.helpers import count_queries

pytestmark = pytest.mark.django_db

MK_CENTRE = (52.0406, -0.7594)
ALWAYS_OPEN = [[["00:00", "00:00"]]] * 7

GROWERS = []


def grows(function):
    """Register `function(content, times)`: add `times` more of one kind of record the public pages list."""
    GROWERS.append(function)
    return function


@dataclass(frozen=True)
class PageType:
    name: str
    url: object  # function(content) -> str
    at_most: int
    signed_in: bool = False


# One row per public page type. `content` is the SiteContent below.
PAGE_TYPES = [
    PageType("home", lambda c: "/", 25),
    PageType("standard page", lambda c: "/about/", 25),
    PageType("home in Polish", lambda c: "/pl/", 25),
    PageType("plan", lambda c: c.plan.url, 25),
    PageType("priority", lambda c: c.priority.url, 30),
    PageType("news index", lambda c: c.news_index.url, 25),
    PageType("news item", lambda c: c.news_item.url, 25),
    PageType("advice index", lambda c: c.advice_index.url, 25),
    PageType("advice page", lambda c: c.advice_page.url, 25),
    PageType("you said, we did", lambda c: c.you_said_we_did.url, 30),
    PageType("search", lambda c: "/search/?query=safe", 30),
    PageType("survey", lambda c: c.survey.url, 30),
    PageType("survey results", lambda c: c.survey.results_url, 40),
    PageType("meeting listing", lambda c: c.meeting_index.url, 40),
    PageType("meeting", lambda c: c.meeting.url, 35),
    PageType("Safe Places finder", lambda c: "/safe-places/", 20),
    PageType("Safe Places search", lambda c: "/safe-places/?postcode=MK9+3EJ&open_now=on", 25),
    PageType("Safe Places venue", lambda c: c.venue.get_absolute_url(), 20),
    PageType("Watch finder", lambda c: reverse("watch_schemes:finder") + "?postcode=MK9+3EJ", 20),
    PageType("Watch scheme", lambda c: c.scheme.get_absolute_url(), 20),
    PageType("contact", lambda c: reverse("core:contact"), 20),
    PageType("sign in", lambda c: reverse("account_login"), 20),
    PageType("sign up", lambda c: reverse("account_signup"), 20),
    PageType("password reset", lambda c: reverse("account_reset_password"), 20),
    PageType("your account", lambda c: reverse("accounts:home"), 25, signed_in=True),
]


class SiteContent:
    """The demo partnership with one of every public page type, and a little of everything they list."""

    def __init__(self):
        from core.demo.loader import load_demo_data
        from meetings.models import MeetingPage
        from partnership import demo as partnership_demo
        from partnership.models import AdviceIndexPage, NewsIndexPage, PlanPage, PriorityPage, YouSaidWeDidIndexPage
        from tests.factories import PostcodeFactory, WardFactory
        from tests.meetings.factories import MeetingPageFactory, meeting_index
        from tests.safe_places.factories import VenueFactory
        from tests.surveys.factories import make_survey
        from tests.watch_schemes.factories import WatchSchemeFactory

        self.home = load_demo_data()
        partnership_demo.load()
        self.rng = random.Random(12)
        self.ward = WardFactory(name="Bletchley East")
        PostcodeFactory(postcode="MK9 3EJ", latitude=f"{MK_CENTRE[0]:.6f}", longitude=f"{MK_CENTRE[1]:.6f}")
        self.plan = PlanPage.objects.get(slug="plan", locale__language_code="en-gb")
        self.priority = PriorityPage.objects.filter(locale__language_code="en-gb").first()
        self.news_index = NewsIndexPage.objects.get(locale__language_code="en-gb")
        self.news_item = self.news_index.get_children().live().first().specific
        self.advice_index = AdviceIndexPage.objects.get(locale__language_code="en-gb")
        self.advice_page = self.advice_index.get_children().live().first().specific
        self.you_said_we_did = YouSaidWeDidIndexPage.objects.get(locale__language_code="en-gb")
        self.survey = make_survey(self.home, title="Safer neighbourhoods survey", slug="safer-neighbourhoods-survey")
        self.survey.publish_results = True
        self.survey.save_revision().publish()
        self.meeting_index = meeting_index()
        self.meeting = MeetingPageFactory(wards=[self.ward])
        assert isinstance(self.meeting, MeetingPage)
        self.venue = VenueFactory(
            approved=True, latitude=MK_CENTRE[0], longitude=MK_CENTRE[1], opening_hours=ALWAYS_OPEN
        )
        self.scheme = WatchSchemeFactory(active=True)
        grow(self, 1)


def grow(content, times):
    for grower in GROWERS:
        grower(content, times)


@grows
def more_menu_pages(content, times):
    from tests.factories import StandardPageFactory

    for _ in range(2 * times):
        StandardPageFactory(parent=content.home, show_in_menus=True)


@grows
def more_priorities_and_actions(content, times):
    from partnership.models import PriorityAction
    from tests.partnership.factories import PartnerAgencyFactory, PriorityPageFactory

    agency = PartnerAgencyFactory()
    statuses = ["planned", "in_progress", "done", "stopped"]
    for page in [PriorityPageFactory(parent=content.plan) for _ in range(times)] + [content.priority]:
        PriorityAction.objects.bulk_create(
            PriorityAction(page=page, title=f"Action {i}", owner=agency, status=statuses[i % 4], sort_order=100 + i)
            for i in range(3 * times)
        )


@grows
def more_news_and_advice(content, times):
    from tests.partnership.factories import AdvicePageFactory, NewsPageFactory, YouSaidWeDidFactory

    for _ in range(2 * times):
        NewsPageFactory(parent=content.news_index)
        AdvicePageFactory(parent=content.advice_index)
        YouSaidWeDidFactory(priority=content.priority)


@grows
def more_meetings_and_bookings(content, times):
    from tests.meetings.factories import BookingFactory, MeetingPageFactory

    for _ in range(times):
        starts_at = (timezone.now() + timedelta(days=content.rng.randint(2, 60))).replace(microsecond=0)
        MeetingPageFactory(wards=[content.ward], starts_at=starts_at, ends_at=starts_at + timedelta(hours=2))
    for _ in range(3 * times):
        BookingFactory(meeting=content.meeting)


@grows
def more_venues(content, times):
    from tests.safe_places.factories import VenueFactory

    for _ in range(5 * times):
        VenueFactory(
            approved=True,
            latitude=MK_CENTRE[0] + content.rng.uniform(-0.02, 0.02),
            longitude=MK_CENTRE[1] + content.rng.uniform(-0.03, 0.03),
            opening_hours=ALWAYS_OPEN,
        )


@grows
def more_watch_schemes(content, times):
    from tests.watch_schemes.factories import WatchSchemeFactory

    for _ in range(2 * times):
        WatchSchemeFactory(active=True)


@grows
def more_survey_responses(content, times):
    from tests.surveys.test_results import add_responses

    add_responses(content.survey, 5 * times)


@pytest.fixture
def site_content(demo_site):
    return SiteContent()


def test_every_public_page_type_keeps_its_query_count_when_the_data_grows_tenfold(client, site_content):
    """All rows against one site: counted, the data grown tenfold once, counted again (one setup, not one per row)."""
    from tests.accounts.factories import AccountFactory

    account = AccountFactory()

    def counted(page_type):
        client.logout()
        if page_type.signed_in:
            client.force_login(account)
        url = page_type.url(site_content)
        count_queries(client, url)  # warms per-process caches (site root paths, locales)
        return count_queries(client, url)

    before = {page_type.name: counted(page_type) for page_type in PAGE_TYPES}
    grow(site_content, 9)
    after = {page_type.name: counted(page_type) for page_type in PAGE_TYPES}
    problems = [
        f"{page_type.name} ({page_type.url(site_content)}): {before[page_type.name]} queries, "
        f"{after[page_type.name]} with ten times the data (budget {page_type.at_most})"
        for page_type in PAGE_TYPES
        if after[page_type.name] > before[page_type.name] or after[page_type.name] > page_type.at_most
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("url", ["/", "/about/"])
def test_shared_fragments_take_no_queries_once_cached(client, site_content, url):
    """With the content cache on, the layout (site, settings, menu, priorities, footer) costs no query."""
    with override_settings(CONTENT_CACHE_SECONDS=300):
        from django.core.cache import cache

        cache.clear()
        uncached = count_queries(client, url, QUERY_STRING="fresh")
        count_queries(client, url, QUERY_STRING="warm")
        with_fragments = count_queries(client, url, QUERY_STRING="again")
        whole_page = count_queries(client, url)
        whole_page = count_queries(client, url)
    assert with_fragments < uncached
    assert whole_page == 0
