"""Factories for the engagement ladder: the hub under the site's home page, activities, groups, subscriptions."""

from datetime import timedelta

import factory
from django.utils import timezone
from wagtail.models import Site

from consultations.models import (
    AlertSubscription,
    ConsultationPage,
    GetInvolvedPage,
    GroupMembership,
    HearBackRequest,
    TaskGroupPage,
)
from tests.factories import UserFactory


def hub():
    """The one Get involved hub, created under the default site's home page the first time it is needed."""
    existing = GetInvolvedPage.objects.first()
    if existing:
        return existing
    home = Site.objects.get(is_default_site=True).root_page
    page = GetInvolvedPage(title="Get involved", slug="get-involved", intro="Have your say.")
    home.add_child(instance=page)
    return page


class ConsultationPageFactory(factory.Factory):
    """A consultation open since yesterday for four weeks, published under the hub; `wards` and `topics` are
    lists of Ward rows and tag names."""

    class Meta:
        model = ConsultationPage

    title = factory.Sequence(lambda n: f"Street lighting consultation {n}")
    slug = factory.Sequence(lambda n: f"activity-{n}")
    summary = "Tell us where poor lighting makes you feel unsafe."
    engagement_level = "consult"
    opens_at = factory.LazyFunction(lambda: (timezone.now() - timedelta(days=1)).replace(microsecond=0))
    closes_at = factory.LazyAttribute(lambda o: o.opens_at + timedelta(weeks=4) if o.opens_at else None)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        wards = kwargs.pop("wards", [])
        topics = kwargs.pop("topics", [])
        parent = kwargs.pop("parent", None) or hub()
        page = model_class(*args, **kwargs)
        if wards:
            page.wards = wards
        if topics:
            page.tags.add(*topics)
        parent.add_child(instance=page)
        return page


class TaskGroupPageFactory(factory.Factory):
    class Meta:
        model = TaskGroupPage

    title = factory.Sequence(lambda n: f"Underpass task and finish group {n}")
    slug = factory.Sequence(lambda n: f"group-{n}")
    purpose = "Residents, police and the council agree how to make the Bletchley underpasses feel safe by March."
    places = 12

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        page = model_class(*args, **kwargs)
        hub().add_child(instance=page)
        return page


class AlertSubscriptionFactory(factory.django.DjangoModelFactory):
    """A confirmed subscription; pass `wards=[...]` and `topics=[Tag, ...]`."""

    class Meta:
        model = AlertSubscription
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"subscriber{n}@example.org")
    created_at = factory.LazyFunction(timezone.now)
    confirmed_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def wards(self, create, extracted, **kwargs):
        if create and extracted:
            self.wards.set(extracted)

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)


class GroupMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupMembership

    group = factory.SubFactory(TaskGroupPageFactory)
    user = factory.SubFactory(UserFactory)
    status = GroupMembership.Status.ACCEPTED
    created_at = factory.LazyFunction(timezone.now)


class HearBackRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HearBackRequest

    activity = factory.SubFactory(ConsultationPageFactory)
    email = factory.Sequence(lambda n: f"took-part{n}@example.org")
    created_at = factory.LazyFunction(timezone.now)
