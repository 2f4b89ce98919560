from consultations.models.pages import (  # noqa: F401
    ConsultationDocument,
    ConsultationPage,
    ConsultationPageTag,
    GetInvolvedPage,
    GroupMeetingDate,
    TaskGroupPage,
    WayToTakePart,
)
from consultations.models.records import (  # noqa: F401
    AlertDispatch,
    AlertSubscription,
    GroupMembership,
    GroupOutput,
    HearBackRequest,
)
