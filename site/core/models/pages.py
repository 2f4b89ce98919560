from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BaseStreamBlock


class HomePage(Page):
    """The front door: what the partnership does and where a resident can take part."""

    intro = models.TextField(blank=True, help_text="One or two sentences under the title.")
    body = StreamField(BaseStreamBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    template = "pages/home_page.html"
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]


class StandardPage(Page):
    """An ordinary page of text: about us, the accessibility statement, the privacy notice, advice."""

    intro = models.TextField(blank=True, help_text="One or two sentences under the title.")
    body = StreamField(BaseStreamBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    template = "pages/standard_page.html"
