"""What the survey rules refuse, in words for the resident or officer who tried."""

from core.exceptions import DomainError


class SurveyClosed(DomainError):
    default_message = "This survey has closed, so we could not accept your answers. Thank you for trying."


class SurveyNotOpenYet(DomainError):
    default_message = "This survey is not open yet. Please come back when it opens."


class AlreadyResponded(DomainError):
    default_message = (
        "You have already answered this survey, so we have not counted these answers again. Thank you for taking part."
    )


class IncompleteAnswers(DomainError):
    default_message = "Some questions still need an answer. Go back and answer them, then send your answers."


class DraftExpired(DomainError):
    default_message = "This link to your saved answers has expired or is not valid. You can start the survey again."


class AlreadyVoted(DomainError):
    default_message = "You have already voted in this poll. Thank you: the results are below."


class PollClosed(DomainError):
    default_message = "This poll has closed. The results are below."


class ExportNotReady(DomainError):
    default_message = "This export is not ready yet."
