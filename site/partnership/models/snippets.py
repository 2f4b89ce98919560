"""Lists editors keep: the partner agencies, advice topics and search synonyms."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class PartnerAgency(index.Indexed, models.Model):
    """A member of the partnership (police, fire, council, health, probation, housing, a voluntary group).

    Priorities, actions, meetings and case reviews name the agency responsible, so residents see who does what.
    """

    class Kind(models.TextChoices):
        POLICE = "police", "Police"
        FIRE = "fire", "Fire and rescue"
        COUNCIL = "council", "Council"
        HEALTH = "health", "Health"
        PROBATION = "probation", "Probation"
        HOUSING = "housing", "Housing provider"
        VOLUNTARY = "voluntary", "Voluntary and community sector"
        OTHER = "other", "Other"

    name = models.CharField(max_length=150, unique=True)
    short_name = models.CharField(max_length=40, blank=True, help_text="E.g. TVP. Shown where space is short.")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    statutory = models.BooleanField(
        default=False, help_text="A responsible authority under the Crime and Disorder Act 1998."
    )
    website = models.URLField(blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("kind"),
        FieldPanel("statutory"),
        FieldPanel("website"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "partner agencies"

    def __str__(self):
        return self.name

    @property
    def display_name(self):
        return self.short_name or self.name


class AdviceTopic(models.Model):
    """A heading residents look under for advice: home security, scams, staying safe at night, ..."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(unique=True)
    description = models.CharField(max_length=250, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class SearchSynonym(models.Model):
    """Words residents use for the same thing, so a search for one finds pages that use another.

    "community trigger" finds the ASB Case Review; "ASB" finds anti-social behaviour.
    """

    terms = models.CharField(
        max_length=250,
        unique=True,
        help_text="Phrases that mean the same, separated by commas, e.g. ASB, anti-social behaviour, antisocial behaviour",
    )

    panels = [FieldPanel("terms")]

    class Meta:
        verbose_name = "search synonym"

    def __str__(self):
        return self.terms

    @property
    def group(self):
        return {" ".join(term.lower().split()) for term in self.terms.split(",") if term.strip()}
