"""Factories for the Safe Places scheme."""

from datetime import date

import factory
from django.utils import timezone

from safe_places.models import HoursException, Venue, VenueConcern, VenueType
from tests.factories import UserFactory

NINE_TO_FIVE = [[["09:00", "17:00"]]] * 6 + [[]]  # Monday to Saturday
MK_CENTRE = (52.0406, -0.7594)


class VenueTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VenueType
        django_get_or_create = ("slug",)

    name = "Shop"
    slug = "shop"


class VenueFactory(factory.django.DjangoModelFactory):
    """A pending venue in central Milton Keynes that meets every criterion, managed by its own account."""

    class Meta:
        model = Venue

    name = factory.Sequence(lambda n: f"Corner Shop {n}")
    venue_type = factory.SubFactory(VenueTypeFactory)
    address = "1 Midsummer Boulevard, Milton Keynes"
    postcode = "MK9 3EJ"
    latitude = MK_CENTRE[0]
    longitude = MK_CENTRE[1]
    phone = "01908 000000"
    opening_hours = factory.LazyFunction(lambda: [list(day) for day in NINE_TO_FIVE])
    trained_staff = 2
    training_date = date(2026, 1, 15)
    open_to_public = True
    has_liability_insurance = True
    accessible_premises = True
    agrees_to_procedure = True
    manager = factory.SubFactory(UserFactory)

    class Params:
        approved = factory.Trait(
            status=Venue.Status.APPROVED,
            verified_at=factory.LazyFunction(timezone.now),
            next_check_due=date(2099, 1, 1),
        )


class HoursExceptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HoursException

    venue = factory.SubFactory(VenueFactory)
    date = date(2026, 12, 24)


class VenueConcernFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VenueConcern

    reference = factory.Sequence(lambda n: f"SP-{n:06d}")
    venue = factory.SubFactory(VenueFactory, approved=True)
    kind = VenueConcern.Kind.CLOSED
    details = "The door was locked at 3pm on a Tuesday."
