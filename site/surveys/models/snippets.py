"""Quick polls: one question that any page can embed through the poll block."""

from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from surveys import policies


class Poll(ClusterableModel):
    """A one-question poll residents answer in a click (Havant's monthly poll, seed 003).

    Officers write it once as a snippet and embed it on any page with the poll block; every page showing it
    counts votes in the same place. Residents see the results once they have voted.
    """

    question = models.CharField(max_length=200)
    closes_at = models.DateTimeField(
        null=True, blank=True, help_text="After this, residents see the results but can no longer vote."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [FieldPanel("question"), InlinePanel("options", min_num=2, label="Answers"), FieldPanel("closes_at")]

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.question

    def is_open(self, now):
        return policies.status_at(opens_at=None, closes_at=self.closes_at, at=now) == policies.Status.OPEN


class PollOption(Orderable):
    """One answer residents can choose in a poll."""

    poll = ParentalKey(Poll, on_delete=models.CASCADE, related_name="options")
    text = models.CharField(max_length=150)

    panels = [FieldPanel("text")]

    def __str__(self):
        return self.text
