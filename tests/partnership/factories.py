from datetime import date

import factory
import wagtail_factories

from partnership.models import (
    AdvicePage,
    AdviceTopic,
    NewsIndexPage,
    NewsPage,
    PartnerAgency,
    PlanPage,
    PriorityAction,
    PriorityPage,
    YouSaidWeDid,
)


class PartnerAgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerAgency
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Agency {n}")
    kind = "council"


class PlanPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PlanPage

    title = "Partnership plan"
    period_start = date(2026, 4, 1)
    period_end = date(2027, 3, 31)
    summary = "Our plan."


class PriorityPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PriorityPage

    title = factory.Sequence(lambda n: f"Priority {n}")
    summary = "Reduce anti-social behaviour."
    why_it_matters = "<p>Residents told us.</p>"


class PriorityActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PriorityAction

    page = factory.SubFactory(PriorityPageFactory)
    title = factory.Sequence(lambda n: f"Action {n}")
    owner = factory.SubFactory(PartnerAgencyFactory)
    status = "planned"


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsIndexPage

    title = "News"


class NewsPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsPage

    title = factory.Sequence(lambda n: f"Story {n}")
    summary = "Something happened."
    date = date(2026, 11, 1)


class AdviceTopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdviceTopic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class AdvicePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = AdvicePage

    title = factory.Sequence(lambda n: f"Advice {n}")
    summary = "Do this."
    topic = factory.SubFactory(AdviceTopicFactory)


class YouSaidWeDidFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = YouSaidWeDid

    you_said = factory.Sequence(lambda n: f"Concern {n}")
    we_did = "<p>We fixed it.</p>"
    date = date(2026, 10, 1)
