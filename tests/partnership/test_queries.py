"""Query budgets: pages cost the same however many priorities and actions there are."""

import pytest

from partnership.models import PlanPage, PriorityAction, PriorityPage
from tests.helpers import assert_queries_do_not_grow
from tests.partnership.factories import PartnerAgencyFactory, PriorityPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnership_demo(demo_site):
    from partnership.demo import load

    load()


def grow_priorities_tenfold():
    """Ten times the priorities, each with ten times the actions."""
    plan = PlanPage.objects.get(slug="plan", locale__language_code="en-gb")
    agency = PartnerAgencyFactory()
    statuses = ["planned", "in_progress", "done", "stopped"]
    for _ in range(27):
        priority = PriorityPageFactory(parent=plan)
        PriorityAction.objects.bulk_create(
            PriorityAction(page=priority, title=f"Action {i}", owner=agency, status=statuses[i % 4], sort_order=i)
            for i in range(30)
        )
    for priority in PriorityPage.objects.filter(slug="community-engagement", locale__language_code="en-gb"):
        PriorityAction.objects.bulk_create(
            PriorityAction(page=priority, title=f"More {i}", owner=agency, status="done", sort_order=100 + i)
            for i in range(36)
        )


@pytest.mark.parametrize(
    ("url", "budget"),
    [
        ("/", 22),
        ("/about/", 22),
        ("/plan/", 25),
        ("/plan/community-engagement/", 30),
        ("/news/", 25),
        ("/advice/", 22),
        ("/you-said-we-did/", 30),
    ],
)
def test_queries_stay_constant_as_priorities_and_actions_grow_tenfold(client, partnership_demo, url, budget):
    assert_queries_do_not_grow(client, url, grow_priorities_tenfold, at_most=budget)
