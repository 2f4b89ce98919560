"""Factories for ASB Case Reviews: relevant bodies, applications (drafts and sent cases), incidents and reports."""

from datetime import timedelta

import factory
from django.utils import timezone

from case_reviews.models import AffectedPerson, Application, Incident, IncidentReport, Recommendation, RelevantBody


class RelevantBodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RelevantBody
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Relevant body {n}")
    kind = RelevantBody.Kind.COUNCIL
    email = factory.Sequence(lambda n: f"asb-contact{n}@example.org")


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A complete draft, ready to send: a resident applying for themselves, safe to email."""

    class Meta:
        model = Application

    basis = "self"
    applicant_name = "Jordan Okafor"
    email = factory.Sequence(lambda n: f"applicant{n}@example.org")
    phone = "01908 000000"
    address = "12 Example Close, Milton Keynes"
    postcode = "MK9 3EJ"
    contact_channel = "email"
    safe_times = "Weekdays after 6pm"
    behaviour_type = "asb"
    description = "Loud music and shouting from the flat above most nights, and rubbish thrown from the balcony."
    impact = "I cannot sleep and I am anxious going out."
    desired_outcome = "For the agencies to work together to stop it."
    declaration = True
    data_sharing_consent = True
    created_at = factory.LazyFunction(timezone.now)
    updated_at = factory.LazyAttribute(lambda o: o.created_at)


class SentApplicationFactory(ApplicationFactory):
    """An application already sent (status received), with its reference."""

    status = "received"
    submitted_at = factory.LazyFunction(timezone.now)
    reference = factory.Sequence(lambda n: f"ASB-2025-{n + 90000:05d}")


class IncidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Incident

    application = factory.SubFactory(ApplicationFactory)
    happened_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=20))
    what_happened = "Loud music until 3am."


class AffectedPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AffectedPerson

    application = factory.SubFactory(ApplicationFactory, basis="group")
    name = factory.Sequence(lambda n: f"Neighbour {n}")
    contact = "Flat 2, Example Court"
    consents = True


class IncidentReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IncidentReport

    incident = factory.SubFactory(IncidentFactory)
    reported_on = factory.LazyAttribute(lambda o: o.incident.happened_on + timedelta(days=1))
    agency = "police"
    reference = factory.Sequence(lambda n: f"TVP-{n:06d}")


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    application = factory.SubFactory(SentApplicationFactory)
    text = "Housing provider to review the tenancy of the flat above."
    owner = factory.SubFactory(RelevantBodyFactory)
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))
    created_at = factory.LazyFunction(timezone.now)


def incidents_for(application, count, *, agencies=("police",), days_ago=20):
    """`count` incidents, each reported the next day to every agency in `agencies`."""
    made = []
    for n in range(count):
        happened = timezone.localdate() - timedelta(days=days_ago + n)
        incident = IncidentFactory(application=application, happened_on=happened)
        for agency in agencies:
            IncidentReportFactory(incident=incident, agency=agency, reported_on=happened + timedelta(days=1))
        made.append(incident)
    return made
