"""Factories for Face the Public meetings: a listing under the site's home page, meetings, bookings, questions."""

from datetime import timedelta

import factory
from django.utils import timezone
from wagtail.models import Site

from meetings.models import Booking, MeetingIndexPage, MeetingPage, Question


def meeting_index():
    """The one meetings listing, created under the default site's home page the first time it is needed."""
    existing = MeetingIndexPage.objects.first()
    if existing:
        return existing
    home = Site.objects.get(is_default_site=True).root_page
    index = MeetingIndexPage(title="Face the Public meetings", slug="face-the-public", intro="Put your questions.")
    home.add_child(instance=index)
    return index


class MeetingPageFactory(factory.Factory):
    """A scheduled evening meeting in ten days' time, booking open, 100 seats, published under the listing."""

    class Meta:
        model = MeetingPage

    title = factory.Sequence(lambda n: f"Face the Public: Bletchley {n}")
    slug = factory.Sequence(lambda n: f"bletchley-{n}")
    summary = "Senior officers from the police, council and fire service answer your questions."
    starts_at = factory.LazyFunction(lambda: (timezone.now() + timedelta(days=10)).replace(microsecond=0))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    venue_name = "Bletchley Leisure Centre"
    venue_address = "Princes Way, Bletchley, Milton Keynes"
    venue_postcode = "MK2 2HQ"
    access_information = "Step-free entrance from the car park. Hearing loop in the main hall."
    capacity = 100
    max_seats_per_booking = 4
    organiser_email = "organiser@example.org"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        wards = kwargs.pop("wards", [])
        page = model_class(*args, **kwargs)
        meeting_index().add_child(instance=page)
        if wards:
            page.wards.set(wards)
            page.save()
        return page


class BookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booking

    meeting = factory.SubFactory(MeetingPageFactory)
    code = factory.Sequence(lambda n: f"TEST{n:04d}")
    status = Booking.Status.CONFIRMED
    name = factory.Sequence(lambda n: f"Resident {n}")
    email = factory.Sequence(lambda n: f"resident{n}@example.org")
    seats = 1
    created_at = factory.LazyFunction(timezone.now)
    confirmed_at = factory.LazyAttribute(lambda o: o.created_at if o.status == Booking.Status.CONFIRMED else None)


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    meeting = factory.SubFactory(MeetingPageFactory)
    name = "Asha Patel"
    email = "asha@example.org"
    text = "What is being done about speeding on Buckingham Road?"
    created_at = factory.LazyFunction(timezone.now)
