from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from partnership.querysets import YouSaidWeDidQuerySet


class YouSaidWeDid(index.Indexed, models.Model):
    """What residents said, paired with what the partnership did about it, and where that has got to.

    It is the partnership's answer to consultation (EL-007): every activity at consult or above owes one. The
    source says where residents said it: a consultation, a survey theme, a question at a public meeting.
    """

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        NOT_POSSIBLE = "not_possible", "Not possible"

    class Source(models.TextChoices):
        CONSULTATION = "consultation", "Consultation"
        SURVEY = "survey", "Survey"
        MEETING = "meeting", "Public meeting question"
        OTHER = "other", "Other"

    you_said = models.TextField(help_text="What residents told us, in their words where possible.")
    we_did = RichTextField(features=["bold", "link", "ul"], help_text="What the partnership did, or will do.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.OTHER)
    source_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The consultation, survey or meeting page where residents said it.",
    )
    source_reference = models.CharField(
        max_length=150, blank=True, help_text="E.g. the survey theme or the meeting question's reference."
    )
    priority = models.ForeignKey(
        "partnership.PriorityPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="you_said_we_did"
    )
    wards = models.ManyToManyField("core.Ward", blank=True, related_name="+")
    date = models.DateField(help_text="When the partnership gave this answer.")
    is_public = models.BooleanField(default=True, help_text="Untick to keep it off the website while it is drafted.")

    objects = YouSaidWeDidQuerySet.as_manager()

    panels = [
        FieldPanel("you_said"),
        FieldPanel("we_did"),
        FieldRowPanel([FieldPanel("status"), FieldPanel("date"), FieldPanel("is_public")]),
        MultiFieldPanel(
            [FieldPanel("source"), FieldPanel("source_page"), FieldPanel("source_reference")], heading="Source"
        ),
        FieldPanel("priority"),
        FieldPanel("wards"),
    ]
    search_fields = [index.SearchField("you_said"), index.SearchField("we_did"), index.FilterField("is_public")]

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = '"You said, we did" answer'
        verbose_name_plural = '"You said, we did" answers'

    def __str__(self):
        return self.you_said[:80]
