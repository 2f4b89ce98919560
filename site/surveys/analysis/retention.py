"""What the concern analysis forgets, and when (core.retention runs these daily).

Imported text is redacted before it is stored and holds no name or contact detail; it is kept three years, so a
partnership can compare one year's public-meeting questions with the next. Cached analyses are only copies of
counts and are dropped after 30 days (they are rebuilt when next asked for).
"""

from datetime import timedelta

from core import retention

TEXT_SET_LIFETIME = timedelta(days=3 * 365)
CACHE_LIFETIME = timedelta(days=30)


@retention.register(
    "concern-imported-text", "Free text imported for concern analysis (already redacted): 3 years after import."
)
def old_text_sets(now):
    from surveys.analysis.models import TextSet

    return TextSet.objects.filter(imported_at__lt=now - TEXT_SET_LIFETIME)


@retention.register("concern-cached-analyses", "Cached word clouds and counts: 30 days after they were made.")
def old_analyses(now):
    from surveys.analysis.models import CachedAnalysis

    return CachedAnalysis.objects.filter(created_at__lt=now - CACHE_LIFETIME)
