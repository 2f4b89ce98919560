"""Factories for the shared kernel; each app adds its own in tests/<app>/factories.py."""

import factory
import wagtail_factories
from django.contrib.auth.models import Group

from core.models import ContactMessage, HomePage, LocalAuthority, OutboxMessage, Postcode, StandardPage, User, Ward


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    password = factory.django.Password("correct-horse-battery")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*(Group.objects.get(name=name) for name in extracted))


class StaffFactory(UserFactory):
    is_staff = True


class LocalAuthorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocalAuthority
        django_get_or_create = ("code",)

    code = "E06000042"
    name = "Milton Keynes"


class WardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ward
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"E05{n:06d}")
    name = factory.Sequence(lambda n: f"Ward {n}")
    local_authority = factory.SubFactory(LocalAuthorityFactory)


class PostcodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Postcode

    postcode = factory.Sequence(lambda n: f"MK{n % 20 + 1} {n % 10}AA")
    ward = factory.SubFactory(WardFactory)
    latitude = "52.040600"
    longitude = "-0.759400"


class OutboxMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutboxMessage

    to = factory.Sequence(lambda n: f"resident{n}@example.org")
    subject = "Your booking is confirmed"
    body_text = "See you there."
    purpose = "test"


class ContactMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactMessage

    name = factory.Faker("name", locale="en_GB")
    email = factory.Sequence(lambda n: f"resident{n}@example.org")
    message = "There is a lot of litter and broken glass in the underpass."


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Home"
    intro = "Welcome."


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Advice page {n}")
    intro = "Advice for residents."
