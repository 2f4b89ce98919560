from .pages import (
    AdviceIndexPage,
    AdvicePage,
    NewsIndexPage,
    NewsPage,
    NewsPageTag,
    PlanDocument,
    PlanPage,
    PriorityAction,
    PriorityMeasure,
    PriorityPage,
    YouSaidWeDidIndexPage,
)
from .records import YouSaidWeDid
from .snippets import AdviceTopic, PartnerAgency, SearchSynonym
from .workflow import SecondOfficerApprovalTask

__all__ = [
    "AdviceIndexPage",
    "AdvicePage",
    "AdviceTopic",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "PartnerAgency",
    "PlanDocument",
    "PlanPage",
    "PriorityAction",
    "PriorityMeasure",
    "PriorityPage",
    "SearchSynonym",
    "SecondOfficerApprovalTask",
    "YouSaidWeDid",
    "YouSaidWeDidIndexPage",
]
