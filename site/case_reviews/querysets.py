"""Reads for case reviews: what case officers work on, what is overdue, what the statistics count."""

from django.db import models


class ApplicationQuerySet(models.QuerySet):
    def sent(self):
        return self.exclude(status="draft")

    def drafts(self):
        return self.filter(status="draft")

    def open_cases(self):
        return self.sent().exclude(status="closed")

    def for_officers(self):
        """The case list: one query with the single point of contact, however many cases."""
        return self.sent().select_related("spoc").order_by("-submitted_at")

    def statistics_rows(self):
        """The few dates the yearly statistics need, with whether a review made recommendations (CT-017)."""
        return (
            self.sent()
            .annotate(recommendation_count=models.Count("recommendations"))
            .values(
                "submitted_at",
                "threshold_decided_at",
                "threshold_met",
                "review_held_at",
                "recommendation_count",
                "pcc_area__name",
            )
        )

    def for_subject(self, email):
        """One person's applications, by the email they gave as applicant or victim (subject access, GD-030)."""
        return self.filter(models.Q(email__iexact=email) | models.Q(victim_email__iexact=email))


class LetterQuerySet(models.QuerySet):
    def to_post(self):
        """Letters for applicants who said post is the safe way to reach them, not yet posted, oldest first."""
        return self.filter(channel="letter", emailed=False, sent_at__isnull=True).order_by("created_at", "pk")
