"""What the engagement ladder holds about people, declared to the kernel's registry (core.personal_data): the
privacy notice, subject-access exports and erasure are built from these."""

from consultations.models import AlertSubscription, GroupMembership, HearBackRequest
from core import personal_data

personal_data.register(
    "consultations.HearBackRequest",
    fields=["email", "created_at", "told_at"],
    purpose="To tell you, once, what the partnership did with what residents said in an activity you took part in.",
    lawful_basis="Consent, given when you asked to hear back",
    retention="30 days after we email you the outcome, or 2 years if no outcome is published",
    subject=lambda email: HearBackRequest.objects.filter(email__iexact=email),
)
personal_data.register(
    "consultations.AlertSubscription",
    fields=["email", "created_at", "confirmed_at"],
    purpose="To email you about new engagement activities in the wards or on the topics you chose.",
    lawful_basis="Consent, given when you confirmed the subscription",
    retention="Until you unsubscribe (one click in every alert); unconfirmed requests after 7 days",
    subject=lambda email: AlertSubscription.objects.filter(email__iexact=email),
)
personal_data.register(
    "consultations.GroupMembership",
    fields=["status", "role", "message", "created_at", "decided_at"],
    purpose="To run the task-and-finish groups you asked to join: the lead decides, members see each other.",
    lawful_basis="Consent, given when you asked to join the group",
    retention="While you are a member; declined requests and ended memberships 6 months after",
    subject=lambda email: GroupMembership.objects.filter(user__email__iexact=email),
)
