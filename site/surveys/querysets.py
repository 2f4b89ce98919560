"""Reads: which responses count, and the totals results are drawn from (one GROUP BY each, whatever the size)."""

from django.db import models
from django.db.models import Count
from django.db.models.functions import TruncDate


class ResponseQuerySet(models.QuerySet):
    def counted(self):
        """Responses that count in results: submitted, or confirmed by email when the survey asks for that."""
        return self.filter(status="submitted")

    def filtered(self, *, ward=None, date_from=None, date_to=None):
        """Responses from one ward and within a date range (dates inclusive, in the site's time zone)."""
        queryset = self
        if ward is not None:
            queryset = queryset.filter(ward=ward)
        if date_from:
            queryset = queryset.filter(submitted_at__date__gte=date_from)
        if date_to:
            queryset = queryset.filter(submitted_at__date__lte=date_to)
        return queryset

    def per_day(self):
        """[(date, count)] in date order: responses over time."""
        return list(
            self.annotate(day=TruncDate("submitted_at"))
            .values_list("day")
            .annotate(n=Count("id"))
            .order_by("day")
            .values_list("day", "n")
        )

    def per_ward(self):
        """{ward id or None: count}."""
        return dict(self.order_by().values_list("ward").annotate(n=Count("id")).values_list("ward", "n"))


class AnswerQuerySet(models.QuerySet):
    def of_responses(self, responses):
        return self.filter(response__in=responses)

    def tallies(self):
        """{(question, value): count}: every choice question's counts in one query."""
        rows = self.order_by().values_list("question", "value").annotate(n=Count("id"))
        return {(question, value): n for question, value, n in rows}

    def free_text(self, question):
        """One question's written answers with their ward and date: the concern analysis reads these."""
        return (
            self.filter(question=question)
            .select_related("response__ward")
            .order_by("response__submitted_at")
            .only("value", "question", "response__submitted_at", "response__ward__name", "response__ward__code")
        )
