from core.exceptions import DomainError


class NotAllowed(DomainError):
    default_message = "Only the scheme's own coordinators can do that."


class WrongSchemeStatus(DomainError):
    default_message = "This scheme cannot be changed like that now. Reload the page to see where it stands."


class AreaNotUsable(DomainError):
    default_message = "Give the scheme's area: at least one postcode it covers, or draw it on the map."


class AlreadyAsked(DomainError):
    default_message = "This email address has already asked to join this scheme. The coordinator will be in touch."


class UnknownCoordinator(DomainError):
    default_message = "There is no account with that email address. Ask them to create an account first."
