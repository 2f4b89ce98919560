"""How long meeting bookings and questions are kept (UK GDPR storage limitation).

Bookings hold names, emails, phone numbers and access needs: they run the meeting, then go 6 months after it.
Questions not put to the panel go at the same time; answered questions are published with their answers (never
with the asker's name), so they stay two years, the life of a partnership plan, and then go too.
"""

from datetime import timedelta

from django.db.models import Q

from core.retention import register

KEEP_AFTER_MEETING = timedelta(days=183)
KEEP_ANSWERED = timedelta(days=730)


@register("meeting-bookings", "Face the Public bookings and waiting list: 6 months after the meeting.")
def expired_bookings(now):
    from meetings.models import Booking

    return Booking.objects.filter(meeting__ends_at__lt=now - KEEP_AFTER_MEETING)


@register(
    "meeting-questions",
    "Face the Public questions: 6 months after the meeting, or 2 years if answered in public.",
)
def expired_questions(now):
    from meetings.models import Question

    return Question.objects.filter(
        Q(meeting__ends_at__lt=now - KEEP_ANSWERED)
        | (Q(meeting__ends_at__lt=now - KEEP_AFTER_MEETING) & ~Q(status="answered"))
    )
