"""How long case review data is kept (GD-020, UK GDPR storage limitation).

- Drafts never sent are deleted a month after they were last saved (their resume link has expired by then).
- Closed cases are anonymised, not deleted, six years after closure (configurable in the case review settings):
  the statistics still count them. That runs in `tasks.anonymise_closed_cases` (daily, `manage.py
  anonymise_case_reviews`), because the kernel's retention rules delete.
"""

from datetime import timedelta

from core.retention import register

KEEP_DRAFTS = timedelta(days=31)


@register("case-review-drafts", "ASB Case Review applications never sent: 31 days after they were last saved.")
def expired_drafts(now):
    from case_reviews.models import Application

    return Application.objects.drafts().filter(updated_at__lt=now - KEEP_DRAFTS)
