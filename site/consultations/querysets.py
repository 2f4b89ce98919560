"""Reads for the engagement ladder: the hub's listing and filters, the calendar, alert matching, the ladder
report. Each read costs a fixed number of queries whatever the number of activities."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone
from wagtail.query import PageQuerySet

from consultations import policies
from core.engagement import EngagementLevel


def _status_q(status, now):
    """The database form of `policies.status_at`, so the hub can filter and order by status."""
    complete = Q(is_complete=True)
    upcoming = Q(opens_at__gt=now)
    open_now = Q(opens_at__lte=now) & (Q(closes_at__isnull=True) | Q(closes_at__gt=now))
    return {
        policies.Status.COMPLETE: complete,
        policies.Status.UPCOMING: ~complete & upcoming,
        policies.Status.OPEN: ~complete & open_now,
        policies.Status.CLOSED: ~complete & Q(closes_at__lte=now),
    }[policies.Status(status)]


class ConsultationPageQuerySet(PageQuerySet):
    def for_listing(self):
        return self.prefetch_related("wards", "tags")

    def with_status(self, status, now):
        return self.filter(_status_q(status, now))

    def filter_by(self, *, now, level="", status="", ward=None, topic=""):
        activities = self
        if level:
            activities = activities.filter(engagement_level=level)
        if status:
            activities = activities.with_status(status, now)
        if ward:
            # An activity for the whole borough concerns every ward.
            activities = activities.filter(Q(wards=ward) | Q(wards__isnull=True))
        if topic:
            activities = activities.filter(tags__slug=topic)
        return activities.distinct() if ward or topic else activities

    def next_change(self, now):
        """When the first of these activities next opens or closes by itself: until then a listing of them, and
        its "open now" and "coming up", stays true. One query."""
        moments = self.aggregate(
            opens=models.Min("opens_at", filter=Q(opens_at__gt=now, is_complete=False)),
            closes=models.Min("closes_at", filter=Q(closes_at__gt=now, is_complete=False)),
        )
        upcoming = [moment for moment in moments.values() if moment is not None]
        return min(upcoming, default=None)

    def open_first(self, now):
        """Open now (closing soonest first), then upcoming (opening soonest), then closed and complete (newest)."""
        rank = Case(
            *(
                When(_status_q(status, now), then=Value(position))
                for position, status in enumerate(policies.STATUS_ORDER)
            ),
            output_field=IntegerField(),
        )
        soonest = Case(
            When(_status_q(policies.Status.OPEN, now), then="closes_at"),
            When(_status_q(policies.Status.UPCOMING, now), then="opens_at"),
            default=Value(None),
            output_field=models.DateTimeField(),
        )
        return self.annotate(status_rank=rank, soonest=soonest).order_by(
            "status_rank", models.F("soonest").asc(nulls_last=True), "-opens_at", "pk"
        )


class AlertSubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def matching(self, *, ward_ids, topic_ids):
        """Confirmed subscriptions that want an activity in these wards (none: borough-wide) or on these topics."""
        by_ward = Q(wards__in=ward_ids) if ward_ids else Q(wards__isnull=False)
        wanted = by_ward | Q(topics__in=topic_ids) if topic_ids else by_ward
        return self.confirmed().filter(wanted).distinct()


class GroupMembershipQuerySet(models.QuerySet):
    def accepted(self):
        return self.filter(status="accepted")

    def waiting(self):
        return self.filter(status="requested")


@dataclass(frozen=True)
class CalendarEntry:
    when: datetime
    what: str
    title: str
    url: str
    place: str = ""


def calendar_entries(*, hub, now, days):
    """What is coming in the next `days`: activities opening and closing, task-and-finish group meetings.

    Grouped by month for a calendar residents read without JavaScript. Two queries."""
    from consultations.models import ConsultationPage, GroupMeetingDate

    until = now + timedelta(days=days)
    entries = []
    activities = (
        ConsultationPage.objects.child_of(hub)
        .live()
        .public()
        .filter(is_complete=False)
        .filter(Q(opens_at__gt=now, opens_at__lte=until) | Q(closes_at__gt=now, closes_at__lte=until))
        .only("id", "title", "url_path", "path", "depth", "opens_at", "closes_at", "locale_id")
    )
    for activity in activities:
        if now < activity.opens_at <= until:
            entries.append(CalendarEntry(activity.opens_at, "Opens", activity.title, activity.url))
        if activity.closes_at and now < activity.closes_at <= until:
            entries.append(CalendarEntry(activity.closes_at, "Closes", activity.title, activity.url))
    meetings = (
        GroupMeetingDate.objects.filter(starts_at__gt=now, starts_at__lte=until, page__live=True)
        .filter(page__path__startswith=hub.path, page__depth=hub.depth + 1)
        .select_related("page")
    )
    for meeting in meetings:
        entries.append(
            CalendarEntry(meeting.starts_at, "Group meets", meeting.page.title, meeting.page.url, meeting.place)
        )
    entries.sort(key=lambda entry: entry.when)
    months = defaultdict(list)
    for entry in entries:
        months[timezone.localtime(entry.when).strftime("%B %Y")].append(entry)
    return list(months.items())


def ladder_rows(activities):
    """The ladder report (issue 4, 5): per year and ward, how many activities sat on each rung.

    `activities` are live ConsultationPages. An activity in two wards counts in each ward's row, once in the
    year's "All activities" row; one with no wards counts as "Borough-wide". Rows are sorted newest year first,
    the year's total row first, then wards by name. Two queries.
    """
    rungs = [level.value for level in EngagementLevel]
    through = activities.model.wards.through
    base = list(activities.values_list("pk", "engagement_level", "opens_at"))
    wards_of = defaultdict(list)
    for page_id, ward_name in through.objects.filter(consultationpage_id__in=[row[0] for row in base]).values_list(
        "consultationpage_id", "ward__name"
    ):
        wards_of[page_id].append(ward_name)
    counts = defaultdict(lambda: [0] * len(rungs))
    for page_id, level, opens_at in base:
        year = opens_at.year
        index = rungs.index(level)
        counts[(year, "")][index] += 1
        for ward_name in wards_of.get(page_id) or ["Borough-wide"]:
            counts[(year, ward_name)][index] += 1
    keys = sorted(counts, key=lambda key: (-key[0], key[1] != "", key[1]))
    return [
        policies.LadderCell(year=year, area=area or "All activities", counts=tuple(counts[(year, area)]))
        for year, area in keys
    ]
