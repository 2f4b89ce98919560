"""What surveys forget, and when (core.retention runs these daily).

Responses themselves hold no name or email and are kept as the survey's record; what could point at a person,
or was only ever temporary, goes.
"""

from datetime import timedelta

from core import retention

EXPORT_LIFETIME = timedelta(days=7)
UNCONFIRMED_LIFETIME = timedelta(days=7)


@retention.register("survey-drafts", "Saved, unfinished survey answers: when their link expires (30 days).")
def expired_drafts(now):
    from surveys.models import SurveyDraft

    return SurveyDraft.objects.filter(expires_at__lte=now)


@retention.register(
    "survey-unconfirmed-responses", "Survey answers nobody confirmed by email: 7 days after they were sent."
)
def unconfirmed_responses(now):
    from surveys.models import Response

    return Response.objects.filter(
        status=Response.Status.AWAITING_CONFIRMATION, submitted_at__lt=now - UNCONFIRMED_LIFETIME
    )


@retention.register("survey-exports", "Files of exported survey responses: 7 days after they were made.")
def old_exports(now):
    from surveys.models import ExportJob

    return ExportJob.objects.filter(created_at__lt=now - EXPORT_LIFETIME)
