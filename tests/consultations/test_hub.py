"""The Get involved hub (issue 4, 3): every activity, filterable by rung, status, ward and topic, open now first,
a calendar of what is coming, and a query count that does not grow with the data."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consultations.models import GroupMeetingDate
from tests.consultations.factories import ConsultationPageFactory, TaskGroupPageFactory, hub
from tests.helpers import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


@pytest.fixture
def activities(wards):
    now = timezone.now()
    bletchley, wolverton = wards["Bletchley East"], wards["Wolverton"]
    return {
        "closed": ConsultationPageFactory(title="Closed consult", opens_at=now - 60 * DAY, closes_at=now - 30 * DAY),
        "upcoming": ConsultationPageFactory(
            title="Upcoming involve", engagement_level="involve", opens_at=now + 10 * DAY, closes_at=now + 40 * DAY
        ),
        "open-late": ConsultationPageFactory(
            title="Open co-produce Bletchley",
            engagement_level="co-produce",
            wards=[bletchley],
            topics=["Underpasses"],
            opens_at=now - 5 * DAY,
            closes_at=now + 50 * DAY,
        ),
        "open-soon": ConsultationPageFactory(
            title="Open consult Wolverton",
            wards=[wolverton],
            topics=["Street lighting"],
            opens_at=now - 5 * DAY,
            closes_at=now + 5 * DAY,
        ),
        "borough": ConsultationPageFactory(
            title="Open inform borough-wide", engagement_level="inform", opens_at=now - 2 * DAY, closes_at=None
        ),
    }


def titles(response):
    return [activity.title for activity in response.context["page_obj"]]


def test_open_now_comes_first_then_upcoming_then_closed(client, activities):
    response = client.get(hub().url)
    assert titles(response) == [
        "Open consult Wolverton",  # closes soonest
        "Open co-produce Bletchley",
        "Open inform borough-wide",  # ongoing
        "Upcoming involve",
        "Closed consult",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"level": "co-produce"}, ["Open co-produce Bletchley"]),
        ({"status": "upcoming"}, ["Upcoming involve"]),
        ({"status": "closed"}, ["Closed consult"]),
        # Activities with no ward are borough-wide, so they concern Bletchley too.
        (
            {"ward": "E05009401"},
            ["Open co-produce Bletchley", "Open inform borough-wide", "Upcoming involve", "Closed consult"],
        ),
        ({"topic": "street-lighting"}, ["Open consult Wolverton"]),
        (
            {"level": "co-produce", "status": "open", "ward": "E05009401"},
            ["Open co-produce Bletchley"],
        ),
        ({"level": "co-produce", "status": "open", "ward": "E05009420"}, []),
    ],
)
def test_filters(client, activities, query, expected):
    response = client.get(hub().url, query)
    assert response.status_code == 200
    assert titles(response) == expected


def test_an_unknown_filter_value_is_explained_not_an_error(client, activities):
    response = client.get(hub().url, {"level": "empower"})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_calendar_shows_what_is_coming(client, activities):
    group = TaskGroupPageFactory(title="Underpass group")
    GroupMeetingDate.objects.create(page=group, starts_at=timezone.now() + 3 * DAY, place="Bletchley Library")
    body = client.get(hub().url).content.decode()
    calendar = body.split('id="calendar"')[1]
    assert "Opens: <a" in calendar and "Upcoming involve" in calendar
    assert "Closes: <a" in calendar and "Open consult Wolverton" in calendar
    assert "Group meets" in calendar and "Bletchley Library" in calendar
    assert "Closed consult" not in calendar


def test_hub_query_count_does_not_grow(client, wards):
    ConsultationPageFactory(wards=[wards["Wolverton"]], topics=["ASB"])

    def add_data():
        for n in range(6):
            activity = ConsultationPageFactory(
                wards=[wards["Wolverton"], wards["Bletchley East"]],
                topics=[f"Topic {n}", "ASB"],
                opens_at=timezone.now() + (n - 3) * DAY,
            )
            group = TaskGroupPageFactory()
            GroupMeetingDate.objects.create(page=group, starts_at=timezone.now() + (n + 1) * DAY, place="Library")
            activity.groups.add(group)

    assert_queries_do_not_grow(client, hub().url, add_data, at_most=25)
    assert_queries_do_not_grow(client, hub().url + "?ward=E05009420&topic=asb", lambda: None, at_most=25)


def test_activity_page_query_count_does_not_grow(client, wards):
    activity = ConsultationPageFactory(wards=[wards["Wolverton"]], topics=["ASB"])

    def add_data():
        for _ in range(4):
            group = TaskGroupPageFactory()
            activity.groups.add(group)
        activity.wards.add(wards["Bletchley East"])
        activity.tags.add("Lighting", "Underpasses")
        activity.save()

    assert_queries_do_not_grow(client, activity.url, add_data)
