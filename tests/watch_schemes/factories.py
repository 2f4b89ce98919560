"""Factories for the Neighbourhood Watch registry."""

from datetime import date

import factory
from django.utils import timezone

from tests.factories import UserFactory
from watch_schemes.models import Member, SchemeCoordinator, WatchScheme

MK_CENTRE = (52.0406, -0.7594)


class WatchSchemeFactory(factory.django.DjangoModelFactory):
    """A pending home watch in central Milton Keynes covering MK9 3EJ, with its main coordinator."""

    class Meta:
        model = WatchScheme
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Midsummer Home Watch {n}")
    scheme_type = "home"
    streets = "Midsummer Boulevard"
    postcodes = factory.LazyFunction(lambda: ["MK9 3EJ"])
    latitude = MK_CENTRE[0]
    longitude = MK_CENTRE[1]
    accepted_code_of_conduct_at = factory.LazyFunction(timezone.now)
    accepted_data_protection_at = factory.LazyFunction(timezone.now)

    class Params:
        active = factory.Trait(
            status="active",
            approved_at=factory.LazyFunction(timezone.now),
            last_confirmed_on=date(2026, 1, 1),
            review_due=date(2099, 1, 1),
        )

    @factory.post_generation
    def coordinator(self, create, extracted, **kwargs):
        if create and extracted is not False:
            SchemeCoordinator.objects.create(scheme=self, user=extracted or UserFactory(), role="main")


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    scheme = factory.SubFactory(WatchSchemeFactory, active=True)
    name = factory.Faker("name", locale="en_GB")
    email = factory.Sequence(lambda n: f"neighbour{n}@example.net")
    street = "Midsummer Boulevard"
    consented_at = factory.LazyFunction(timezone.now)
    created_at = factory.LazyFunction(timezone.now)

    class Params:
        accepted = factory.Trait(status="accepted", decided_at=factory.LazyFunction(timezone.now))


def main_coordinator(scheme):
    return scheme.coordinator_roles.get(role="main").user
