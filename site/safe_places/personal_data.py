"""What Safe Places holds about people (see `core.personal_data`)."""

from django.db.models import Q

from core import personal_data
from safe_places.models import Venue, VenueConcern

personal_data.register(
    "safe_places.Venue",
    fields=["name", "contact_name", "contact_email", "manager", "status"],
    purpose="To reach the person responsible for a Safe Place about its registration and renewal.",
    lawful_basis="Consent, given when the venue registered",
    retention="While the venue is a Safe Place; contact details removed when it leaves the scheme",
    subject=lambda email: Venue.objects.filter(Q(contact_email__iexact=email) | Q(manager__email__iexact=email)),
    anonymise=lambda venues: venues.update(contact_name="", contact_email=""),
)
personal_data.register(
    "safe_places.VenueConcern",
    fields=["reference", "venue", "kind", "details", "email", "created_at"],
    purpose="To look into a Safe Place that let you down and reply to you.",
    lawful_basis="Public task: keeping the Safe Places scheme safe for vulnerable people",
    retention="A year after it was reported, then deleted",
    subject=lambda email: VenueConcern.objects.filter(email__iexact=email),
    anonymise=lambda concerns: concerns.update(email=""),
)
