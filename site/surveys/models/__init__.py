from .pages import SurveyPage
from .records import Answer, ExportJob, PollVote, Response, SurveyDraft, WardPopulation
from .snippets import Poll, PollOption

__all__ = [
    "Answer",
    "ExportJob",
    "Poll",
    "PollOption",
    "PollVote",
    "Response",
    "SurveyDraft",
    "SurveyPage",
    "WardPopulation",
]
