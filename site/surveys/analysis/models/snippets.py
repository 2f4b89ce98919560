"""The lists officers keep for the concern analysis: themes, domain stop-words and synonyms (admin snippets)."""

from django.db import models
from wagtail.admin.panels import FieldPanel


def lines(text):
    """The non-empty lines of a one-per-line field, stripped."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class Theme(models.Model):
    """A theme of residents' concerns ("Speeding and parking", "Drugs"): the words and phrases that mark it.

    Each response that uses any of the words or phrases is counted under the theme, by ward and by month, so an
    officer can say "a third of residents in Bletchley East mention speeding" and set it beside the partnership
    priority that answers it.
    """

    name = models.CharField(max_length=80, unique=True)
    description = models.TextField(blank=True, help_text="What the theme covers, for officers and residents.")
    terms = models.TextField(
        "words and phrases",
        help_text="One a line. Any form of a word counts (“car” finds “cars”); phrases match as written "
        "(“drug dealing”, “fly tipping”).",
    )
    priority = models.ForeignKey(
        "partnership.PriorityPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The partnership priority that answers this concern, if there is one.",
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [FieldPanel("name"), FieldPanel("description"), FieldPanel("terms"), FieldPanel("priority")]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def term_list(self):
        return lines(self.terms)


class StopWord(models.Model):
    """A word the analysis leaves out because it says nothing about a concern here ("area", "Milton Keynes").

    General English words ("the", "and") are always left out; these are the partnership's own additions.
    """

    word = models.CharField(max_length=50, unique=True, help_text="One word, in any case.")

    panels = [FieldPanel("word")]

    class Meta:
        ordering = ["word"]
        verbose_name = "stop-word"

    def __str__(self):
        return self.word

    def save(self, *args, **kwargs):
        self.word = self.word.strip().lower()
        super().save(*args, **kwargs)


class SynonymGroup(models.Model):
    """Ways of writing one concern that should count as one: "ASB", "antisocial behavior" = "anti-social behaviour".

    The main term is what residents and officers see in the word cloud and the table.
    """

    term = models.CharField("main term", max_length=80, unique=True)
    variants = models.TextField(help_text="Other ways residents write it, one a line.")

    panels = [FieldPanel("term"), FieldPanel("variants")]

    class Meta:
        ordering = ["term"]
        verbose_name = "synonym group"

    def __str__(self):
        return self.term

    def variant_list(self):
        return lines(self.variants)
