"""What can stop an application or a case step, in words the person who tried can act on."""

from core.exceptions import DomainError


class CaseReviewError(DomainError):
    default_message = "That could not be done."


class NotADraft(CaseReviewError):
    default_message = (
        "This application has already been sent, so it cannot be changed. Contact your single point of contact "
        "if something has changed."
    )


class StepNotAllowed(CaseReviewError):
    default_message = "That step cannot be taken at this stage of the case."
