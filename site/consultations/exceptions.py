"""Refusals of the engagement ladder's rules, each in words for the person who tried."""

from core.exceptions import DomainError


class OutcomeNotPublished(DomainError):
    default_message = (
        "Publish this activity's “You said, we did” outcome before marking it complete: residents were promised it."
    )


class NoOutcomeOwed(DomainError):
    default_message = "This activity is at the “Inform” level, so there is no outcome to hear back about."


class AlreadyAskedToHearBack(DomainError):
    default_message = "This email address is already on the list to hear what came of this activity."


class ChooseWardOrTopic(DomainError):
    default_message = "Select at least one ward or topic to hear about"


class BadLink(DomainError):
    default_message = "This link is not valid. It may have been copied wrongly, or it has expired."


class NotAcceptingMembers(DomainError):
    default_message = "This group is not taking new members at the moment."


class AlreadyAskedToJoin(DomainError):
    default_message = "You have already asked to join this group."


class GroupFull(DomainError):
    default_message = "This group is full, so no more members can be accepted."


class NotAllowed(DomainError):
    default_message = "You do not have permission to do that for this group."


class AlreadyDecided(DomainError):
    default_message = "This request has already been answered."
