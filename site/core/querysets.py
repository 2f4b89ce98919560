from django.db import models
from django.db.models import Q


class OutboxMessageQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status="pending")

    def due(self, now):
        """Pending messages whose next try has come: the ones a sweep should send now."""
        return self.pending().filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))


class PostcodeQuerySet(models.QuerySet):
    def lookup(self, postcode):
        """The record for a normalised postcode, with its ward, or None when we do not know it."""
        return self.select_related("ward").filter(postcode=postcode).first()
