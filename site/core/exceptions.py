class DomainError(Exception):
    """A rule of the partnership's work refused an action.

    Services raise a subclass (MeetingFull, ThresholdNotMet, ...) with a message written for the person who
    tried: views show it as it is, next to the form, so it must be plain English and say what to do next.
    """

    default_message = "That could not be done."

    def __init__(self, message=None, *, field=None):
        self.message = message or self.default_message
        self.field = field
        super().__init__(self.message)


class RateLimited(DomainError):
    default_message = "You have sent this form too many times. Please wait an hour and try again."


class InvalidPostcode(DomainError):
    default_message = "Enter a full UK postcode, like MK9 3EJ."
