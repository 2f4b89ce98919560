"""What Neighbourhood Watch holds about people (see `core.personal_data`)."""

from core import personal_data
from watch_schemes.models import Member, SchemeCoordinator

personal_data.register(
    "watch_schemes.Member",
    fields=["scheme", "name", "email", "street", "status", "consented_at", "receives_messages"],
    purpose="So your scheme's coordinators can accept you and send you the scheme's messages (NW-060 to NW-064).",
    lawful_basis="Consent, given when you asked to join",
    retention="While you are a member; deleted when you leave, are declined, or 90 days after an unanswered request",
    subject=lambda email: Member.objects.filter(email__iexact=email),
)
personal_data.register(
    "watch_schemes.SchemeCoordinator",
    fields=["scheme", "role", "added_at"],
    purpose="To show who runs a scheme and let them manage it.",
    lawful_basis="Consent, given when you became a coordinator",
    retention="While you coordinate the scheme; two years after a scheme closes",
    subject=lambda email: SchemeCoordinator.objects.filter(user__email__iexact=email),
    erasable=False,
    erasure_note="A scheme must always have a coordinator: hand it over (or close it) and your role is removed.",
)
