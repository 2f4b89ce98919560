from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="pick")
class SafePlacesSettings(BaseSiteSetting):
    """How this partnership runs its Safe Places scheme: who it is for, its logo, its yearly check, its guides."""

    select_related = ["logo", "residents_page", "staff_page", "easy_read_page"]

    scheme_name = models.CharField(max_length=60, default="Safe Places")
    eligibility = models.TextField(
        default="Anyone can use a Safe Place, whatever their age, if they feel lost, scared, bullied or in danger.",
        help_text="Who the scheme is for, in a sentence or two. Schemes differ on age (SP-002).",
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The sticker venues show in their window (SP-010, SP-011).",
    )
    logo_alt_text = models.CharField(max_length=120, default="Safe Place: Widgit symbol logo")
    notify_email = models.EmailField(
        blank=True, help_text="Where new registrations and concerns are announced (the partnership's email if empty)."
    )
    grace_days = models.PositiveSmallIntegerField(
        default=28,
        help_text="Days after its yearly check is due before an unrenewed venue leaves the finder (SP-050).",
    )
    residents_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="guide for residents",
    )  # fmt: skip
    staff_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="guide for venue staff",
    )  # fmt: skip
    easy_read_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="easy read guide",
    )  # fmt: skip

    panels = [
        MultiFieldPanel(
            [FieldPanel("scheme_name"), FieldPanel("eligibility"), FieldPanel("logo"), FieldPanel("logo_alt_text")],
            heading="The scheme",
        ),
        MultiFieldPanel([FieldPanel("notify_email"), FieldPanel("grace_days")], heading="Running it"),
        MultiFieldPanel(
            [FieldPanel("residents_page"), FieldPanel("staff_page"), FieldPanel("easy_read_page")],
            heading="What to do: guides",
        ),
    ]

    class Meta:
        verbose_name = "Safe Places settings"
