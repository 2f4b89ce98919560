"""Daily work of the registry's yearly review. Safe to run twice, or in two workers at once: each scheme is
locked while its reminder or flag is decided, and a reminder already counted is not sent again."""

from django.utils import timezone
from django_tasks import task

from watch_schemes import services


@task()
def run_yearly_review():
    reminded, flagged = services.run_yearly_review(now=timezone.now())
    return {"reminded": reminded, "flagged_inactive": flagged}
