"""The engagement ladder: every activity the partnership runs sits on one rung, and each rung is a promise.

The rungs follow the IAP2 Spectrum (EL-001 to EL-005) in the partnership's own words: "co-produce" covers
IAP2's collaborate and empower and the UK co-production definitions (EL-020 to EL-025). They are levels, not
steps (EL-006): an activity is placed on the rung that matches how much say residents really have.
"""

from django.db import models


class EngagementLevel(models.TextChoices):
    INFORM = "inform", "Inform"
    CONSULT = "consult", "Consult"
    INVOLVE = "involve", "Involve"
    CO_PRODUCE = "co-produce", "Co-produce"

    @property
    def goal(self):
        return _LADDER[self.value][0]

    @property
    def promise(self):
        return _LADDER[self.value][1]

    @property
    def owes_feedback(self):
        """Consult and above owe residents a "You said, we did" answer (EL-007)."""
        return self is not EngagementLevel.INFORM

    @property
    def rung(self):
        """1 to 4, for ordering and for drawing the ladder."""
        return list(EngagementLevel).index(self) + 1


_LADDER = {
    "inform": (
        "Give you balanced, factual information so you can understand the problem and what can be done.",
        "We will keep you informed.",
    ),
    "consult": (
        "Ask for your views on what we have found, the options and our decisions.",
        "We will keep you informed, listen to your concerns and hopes, and tell you how what you said "
        "influenced the decision.",
    ),
    "involve": (
        "Work with you throughout, so your concerns and hopes are understood and considered at every stage.",
        "We will work with you so that your concerns and hopes are reflected in the options we develop, and "
        "tell you how what you said influenced the decision.",
    ),
    "co-produce": (
        "Plan and deliver together: residents and partners share power from the start to the end.",
        "We will look to you for advice and ideas, work out the answers with you, and put your "
        "recommendations into what we do as far as we possibly can.",
    ),
}
