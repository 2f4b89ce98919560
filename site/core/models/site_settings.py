from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="cog")
class PartnershipSettings(BaseSiteSetting):
    """Who runs the site and how to reach them: shown in the header, the footer and every email."""

    select_related = ["logo", "accessibility_statement_page", "privacy_notice_page"]

    name = models.CharField(max_length=100, default="Community Safety Partnership")
    tagline = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True, help_text="Where residents' contact-form messages are sent.")
    phone = models.CharField(max_length=30, blank=True)
    address = models.TextField(blank=True)
    emergency_number = models.CharField(max_length=10, default="999")
    non_emergency_number = models.CharField(max_length=10, default="101")
    logo = models.ForeignKey("wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    accessibility_statement_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    privacy_notice_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    contact_message_retention_days = models.PositiveIntegerField(
        default=365, help_text="How long residents' contact-form messages are kept before they are deleted."
    )

    panels = [
        MultiFieldPanel([FieldPanel("name"), FieldPanel("tagline"), FieldPanel("logo")], heading="The partnership"),
        MultiFieldPanel([FieldPanel("email"), FieldPanel("phone"), FieldPanel("address")], heading="Contact details"),
        MultiFieldPanel([FieldPanel("emergency_number"), FieldPanel("non_emergency_number")], heading="Police numbers"),
        MultiFieldPanel(
            [FieldPanel("accessibility_statement_page"), FieldPanel("privacy_notice_page")],
            heading="Footer pages",
        ),
        FieldPanel("contact_message_retention_days"),
    ]

    class Meta:
        verbose_name = "partnership settings"
