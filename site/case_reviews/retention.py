"""How long case review data is kept (GD-020, UK GDPR storage limitation).

- Drafts never sent are deleted a month after they were last saved (their resume link has expired by then).
- Closed cases are anonymised, not deleted, six years after closure (configurable in the case review settings):
  the statistics still count them. The kernel's daily retention run (`manage.py apply_retention`) does both.
"""

from datetime import timedelta

from core.retention import register

KEEP_DRAFTS = timedelta(days=31)


@register("case-review-drafts", "ASB Case Review applications never sent: 31 days after they were last saved.")
def expired_drafts(now):
    from case_reviews.models import Application

    return Application.objects.drafts().filter(updated_at__lt=now - KEEP_DRAFTS)


def _anonymise(application, now):
    from case_reviews import services

    services.anonymise(application=application, now=now)


@register(
    "case-review-anonymisation",
    "ASB Case Reviews: anonymised the set number of years after the case closed (six by default); the yearly "
    "statistics still count them.",
    anonymise=_anonymise,
)
def closed_cases_past_retention(now):
    from case_reviews import policies
    from case_reviews.models import Application, CaseReviewSettings, Status

    cutoff = policies.add_months(now.date(), -12 * CaseReviewSettings.load().retention_years)
    return Application.objects.filter(status=Status.CLOSED, closed_at__date__lt=cutoff, anonymised_at__isnull=True)
