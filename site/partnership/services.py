"""Writes other apps use to add to the partnership's published record."""

from django.db import transaction

from partnership.models import YouSaidWeDid


@transaction.atomic
def record_you_said_we_did(
    *, you_said, we_did, date, source, source_page=None, source_reference="", priority=None, wards=(), is_public=False
):
    """Record the partnership's answer to something residents said (a meeting question, a survey theme).

    New answers start unpublished by default: a communications officer reads and publishes them.
    """
    answer = YouSaidWeDid.objects.create(
        you_said=you_said,
        we_did=we_did,
        date=date,
        source=source,
        source_page=source_page,
        source_reference=source_reference,
        priority=priority,
        is_public=is_public,
    )
    if wards:
        answer.wards.set(wards)
    return answer
