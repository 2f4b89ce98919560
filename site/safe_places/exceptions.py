from core.exceptions import DomainError


class VenueNotFound(DomainError):
    default_message = "We could not find that venue."


class WrongVenueStatus(DomainError):
    """Someone acted on a venue whose status no longer allows it (another admin decided first)."""

    default_message = "This venue has changed since you opened it. Reload the page to see where it stands."


class ApprovalBlocked(DomainError):
    default_message = "This venue does not meet the scheme's criteria yet."


class ReasonRequired(DomainError):
    default_message = "Give a reason: the venue will see it."

    def __init__(self, message=None, *, field="reason"):
        super().__init__(message, field=field)


class LocationUnknown(DomainError):
    default_message = (
        "We do not know where this postcode is. Check it, or mark the venue's entrance on the map "
        "(or give its latitude and longitude)."
    )

    def __init__(self, message=None, *, field="postcode"):
        super().__init__(message, field=field)


class PostcodeNotFound(DomainError):
    default_message = (
        "We could not find that postcode. Check it is right, or use your location instead. In an emergency call 999."
    )

    def __init__(self, message=None, *, field="postcode"):
        super().__init__(message, field=field)
