"""Reads for meetings, bookings and questions."""

from datetime import datetime, time

from django.db import models
from django.db.models import Count, Q, Sum
from django.utils import timezone
from wagtail.models import PageQuerySet

from meetings import policies


class MeetingPageQuerySet(PageQuerySet):
    def for_listing(self):
        return self.prefetch_related("wards").order_by("starts_at")

    def upcoming(self, now):
        return self.filter(ends_at__gte=now).order_by("starts_at")

    def past(self, now):
        return self.filter(ends_at__lt=now).order_by("-starts_at")

    def scheduled(self):
        return self.filter(status="scheduled")


class BookingQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status="cancelled")

    def confirmed(self):
        return self.filter(status="confirmed")

    def waiting(self):
        return self.filter(status="waiting").order_by("created_at", "pk")

    def seats_taken(self, meeting):
        return self.filter(meeting=meeting, status="confirmed").aggregate(total=Sum("seats"))["total"] or 0

    def counts_for_booking(self, meeting, email):
        """What a new booking is decided on, in one query: confirmed seats, bookings waiting, and whether this
        email already holds an active booking. Run with the meeting row locked (services.book_seat)."""
        figures = self.filter(meeting=meeting).aggregate(
            seats_taken=Sum("seats", filter=Q(status="confirmed")),
            waiting=Count("pk", filter=Q(status="waiting")),
            already_booked=Count("pk", filter=Q(email=email) & ~Q(status="cancelled")),
        )
        return policies.BookingCounts(
            seats_taken=figures["seats_taken"] or 0,
            waiting=figures["waiting"] or 0,
            already_booked=bool(figures["already_booked"]),
        )

    def find_for_check_in(self, meeting, query):
        """Bookings at the door: by code (forgiving spaces and case) or by part of the name."""
        query = (query or "").strip()
        if not query:
            return self.none()
        code = policies.normalise_code(query)
        return (
            self.filter(meeting=meeting, status="confirmed")
            .filter(Q(code=code) | Q(name__icontains=query))
            .order_by("name")[:25]
        )

    def attendance(self, meeting):
        figures = self.filter(meeting=meeting, status="confirmed").aggregate(
            booked_seats=Sum("seats"),
            attended_seats=Sum("seats", filter=Q(attended_at__isnull=False)),
            bookings=Count("pk"),
            attended_bookings=Count("pk", filter=Q(attended_at__isnull=False)),
        )
        return policies.Attendance(**{key: value or 0 for key, value in figures.items()})


class QuestionQuerySet(models.QuerySet):
    def published_for(self, meeting):
        """Answers shown on the meeting page once it has been held: answered questions, with their merges."""
        return self.filter(meeting=meeting, status="answered").select_related("priority", "follow_up")


def accountability_check(now):
    """FP-003 for the reporting year holding `now`: one query for the live meetings starting in that year."""
    from meetings.models import MeetingPage  # the models import this module

    today = timezone.localdate(now)
    year = policies.reporting_year(today)
    starts, ends = (timezone.make_aware(datetime.combine(day, time.min)) for day in (year.start, year.end))
    rows = (
        MeetingPage.objects.live()
        .filter(starts_at__gte=starts, starts_at__lt=ends)
        .values_list("pk", "starts_at", "ends_at", "status")
    )
    return policies.accountability_check(today=today, now=now, meetings=list(rows))
