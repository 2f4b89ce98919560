import xml.etree.ElementTree as ET

import pytest
from wagtail.test.utils import WagtailPageTestCase

from core.models import HomePage, Ward
from partnership.models import (
    AdviceIndexPage,
    AdvicePage,
    NewsIndexPage,
    NewsPage,
    PlanPage,
    PriorityPage,
    YouSaidWeDid,
    YouSaidWeDidIndexPage,
)
from tests.partnership.factories import YouSaidWeDidFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


class TestPageTree(WagtailPageTestCase):
    def test_plans_hold_priorities(self):
        self.assertCanCreateAt(HomePage, PlanPage)
        self.assertCanCreateAt(PlanPage, PriorityPage)
        self.assertCanNotCreateAt(HomePage, PriorityPage)
        self.assertAllowedSubpageTypes(PriorityPage, {})

    def test_news_advice_and_answers_live_under_the_home_page(self):
        self.assertCanCreateAt(HomePage, NewsIndexPage)
        self.assertCanCreateAt(NewsIndexPage, NewsPage)
        self.assertCanCreateAt(HomePage, AdviceIndexPage)
        self.assertCanCreateAt(AdviceIndexPage, AdvicePage)
        self.assertCanCreateAt(HomePage, YouSaidWeDidIndexPage)
        self.assertCanNotCreateAt(HomePage, NewsPage)


@pytest.fixture
def partnership_demo(demo_site):
    from partnership.demo import load

    load()
    return demo_site


@pytest.mark.parametrize(
    "url",
    [
        "/plan/",
        "/plan/community-engagement/",
        "/news/",
        "/news/safe-places-launch/",
        "/advice/",
        "/advice/protect-your-home/",
        "/you-said-we-did/",
        "/search/?q=burglary",
    ],
)
def test_every_page_type_renders(client, partnership_demo, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "<h1" in response.content.decode()


def test_a_priority_page_shows_derived_progress_actions_and_its_answers(client, partnership_demo):
    body = client.get("/plan/community-engagement/").content.decode()
    assert "2 of 4 actions done." in body
    assert 'max="100" value="50"' in body
    assert "A regular forum for community organisations" in body
    assert "You said" in body and "Speeding cars on estate roads" in body


def test_answers_in_a_page_show_their_source_and_link_to_their_priority(client, partnership_demo):
    """The embedded answers read only what they show, and show all of it: words, status, date, source and the
    priority with its address."""
    from partnership.models import PriorityPage, YouSaidWeDid

    priority = PriorityPage.objects.get(slug="community-engagement", locale__language_code="en-gb")
    answer = YouSaidWeDid.objects.filter(priority=priority, you_said__startswith="Speeding").get()
    body = client.get(priority.url).content.decode()
    assert "Community Speedwatch" in body
    assert answer.get_status_display() in body and f"{answer.date:%-d %B %Y}" in body
    assert f"{answer.get_source_display()}: {answer.source_reference}" in body
    assert f'priority: <a class="govuk-link" href="{priority.url}">{priority.title}</a>' in body


def test_priorities_with_progress_are_on_every_page(client, partnership_demo):
    for url in ("/", "/about/", "/news/", "/contact/"):
        body = client.get(url).content.decode()
        assert 'aria-labelledby="app-priorities-heading"' in body, url
        assert "Community engagement" in body and "Sustainable community support" in body


def test_no_current_plan_means_no_priorities_panel(client, partnership_demo):
    PlanPage.objects.update(period_end="2026-01-01")
    assert "app-priorities-heading" not in client.get("/").content.decode()


def test_the_news_feed_is_valid_atom(client, partnership_demo):
    response = client.get("/news/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{required}") is not None
    assert feed.find(f"{ATOM}link[@rel='self']").get("href").endswith("/news/feed/")
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.find(f"{ATOM}title").text for entry in entries] == [
        "Every library in Milton Keynes is now a Safe Place",
        "Autumn burglary campaign: lock up as the nights draw in",
        "Face the Public in Bletchley: your questions answered",
    ]
    for entry in entries:
        for required in ("id", "title", "updated", "link", "summary"):
            assert entry.find(f"{ATOM}{required}") is not None, required
    assert {c.get("term") for c in entries[1].findall(f"{ATOM}category")} == {"burglary", "crime prevention"}


def test_news_can_be_filtered_by_tag(client, partnership_demo):
    body = client.get("/news/?tag=burglary").content.decode()
    assert "Autumn burglary campaign" in body
    assert "Every library in Milton Keynes" not in body


def test_advice_is_grouped_by_topic(client, partnership_demo):
    body = client.get("/advice/").content.decode()
    assert body.index("Home security") < body.index("Protect your home from burglary") < body.index("Scams and fraud")


def test_answers_filter_by_priority_and_ward(client, partnership_demo):
    bletchley = Ward.objects.get(name="Bletchley Park")
    engagement = PriorityPage.objects.get(slug="community-engagement", locale__language_code="en-gb")
    body = client.get(f"/you-said-we-did/?ward={bletchley.pk}").content.decode()
    assert "Street lights out in the underpasses" in body
    assert "Speeding cars" not in body
    body = client.get(f"/you-said-we-did/?priority={engagement.pk}").content.decode()
    assert "Speeding cars" in body
    assert "Street lights" not in body


def test_unpublished_answers_stay_off_the_site(client, partnership_demo):
    YouSaidWeDidFactory(you_said="A draft answer nobody should see", is_public=False)
    assert "A draft answer nobody should see" not in client.get("/you-said-we-did/").content.decode()
    assert YouSaidWeDid.objects.public().filter(you_said__startswith="A draft").count() == 0
