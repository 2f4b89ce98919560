"""What officers and processes create for the concern analysis: imported free text, cached analyses, and the
choice to publish a survey's concerns on its results page."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class TextSet(models.Model):
    """A set of free text from outside the surveys (questions sent to a Face the Public meeting, a consultation's
    comments), imported from CSV so its concerns are analysed the same way as a survey's."""

    name = models.CharField(max_length=150)
    description = models.TextField(blank=True, help_text="Where the text came from.")
    imported_at = models.DateTimeField()
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-imported_at"]
        verbose_name = "imported free-text set"

    def __str__(self):
        return self.name


class ImportedText(models.Model):
    """One piece of imported free text, already redacted (no email, phone, postcode, plate or address is kept)."""

    text_set = models.ForeignKey(TextSet, on_delete=models.CASCADE, related_name="texts")
    text = models.TextField()
    ward = models.ForeignKey("core.Ward", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    written_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.text[:40]


class CachedAnalysis(models.Model):
    """One analysis (a survey question or an imported set, with its filters) and its word cloud pictures.

    Kept so the Concerns view and the results page do not recount thousands of answers on every visit; a new
    response updates the counts (tasks.add_response) and an edit to the themes, stop-words or synonyms gives
    every analysis a new key, so the old ones are rebuilt rather than shown out of date.
    """

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting to start"
        RUNNING = "running", "Running"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    key = models.CharField(max_length=64, unique=True)
    survey = models.ForeignKey("surveys.SurveyPage", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    question = models.CharField(max_length=50, blank=True)
    text_set = models.ForeignKey(TextSet, null=True, blank=True, on_delete=models.CASCADE, related_name="analyses")
    filters = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    result = models.JSONField(default=dict, blank=True)
    png = models.BinaryField(blank=True, default=b"")
    svg = models.TextField(blank=True)
    # The public results page's pictures: only terms 5 or more residents used (small-number suppression).
    public_png = models.BinaryField(blank=True, default=b"")
    public_svg = models.TextField(blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "cached analyses"
        constraints = [
            models.CheckConstraint(
                condition=Q(survey__isnull=False) | Q(text_set__isnull=False), name="concern_analysis_has_source"
            ),
            models.CheckConstraint(condition=Q(done__lte=models.F("total")), name="concern_analysis_progress"),
        ]

    def __str__(self):
        return f"Concern analysis {self.key[:8]} ({self.get_status_display()})"

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else (100 if self.status == "done" else 0)


class ConcernPublication(models.Model):
    """An officer's choice to show a survey's concerns on its public results page: the word cloud, the table
    of words and phrases, and the theme counts, each with counts for fewer than 5 residents left out."""

    survey = models.OneToOneField("surveys.SurveyPage", on_delete=models.CASCADE, related_name="+")
    question = models.CharField(max_length=50, help_text="The free-text question's short name.")
    show_cloud = models.BooleanField("show the word cloud", default=True)
    show_table = models.BooleanField("show the table of words and phrases", default=True)
    show_themes = models.BooleanField("show the theme counts", default=True)
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self):
        return f"Concerns published for {self.survey_id}"
