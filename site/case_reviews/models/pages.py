"""The ASB Case Review's public pages, written by editors: what it is and is not, the current procedures as dated
versions, and the yearly statistics. The application itself is a set of views, never a page."""

from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BaseStreamBlock

ALSO_KNOWN_AS = "(also known as the Community Trigger)"


class CaseReviewPage(Page):
    """What the ASB Case Review (also known as the Community Trigger) is, who can use it and how (CT-001..CT-006,
    CT-011, CT-070). The threshold, the point of contact and the non-online routes come from the case review
    settings, so the page always says what the procedures say; the editor writes the explanation around them."""

    intro = models.TextField(help_text="One or two sentences: what the case review is for.")
    what_it_is = RichTextField(
        features=["bold", "link", "ol", "ul"],
        help_text="What the case review is, and that 'anti-social behaviour' here means harassment, alarm or "
        "distress (CT-004).",
    )
    what_it_is_not = RichTextField(
        features=["bold", "link", "ol", "ul"],
        help_text="Not a complaints procedure, not a way to report new ASB; links to complaint routes and "
        "the ombudsmen (CT-005, CT-006).",
    )
    other_ways_to_apply = RichTextField(
        features=["bold", "link", "ol", "ul"], help_text="Phone, paper, in person with help (CT-070)."
    )
    body = StreamField(BaseStreamBlock(), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("what_it_is"),
        FieldPanel("what_it_is_not"),
        FieldPanel("other_ways_to_apply"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("what_it_is"),
        index.SearchField("what_it_is_not"),
        index.SearchField("body"),
    ]
    subpage_types = ["case_reviews.CaseReviewProcedurePage", "case_reviews.CaseReviewStatisticsPage"]
    template = "case_reviews/case_review_page.html"
    max_count = 1

    class Meta:
        verbose_name = "ASB Case Review page"

    def get_context(self, request, *args, **kwargs):
        from case_reviews.models import CaseReviewSettings

        context = super().get_context(request, *args, **kwargs)
        context.update(
            review_settings=CaseReviewSettings.load(request_or_site=request),
            current_procedure=_current(CaseReviewProcedurePage.objects.child_of(self).live()),
            statistics_page=CaseReviewStatisticsPage.objects.child_of(self).live().first(),
            also_known_as=ALSO_KNOWN_AS,
        )
        return context


class CaseReviewProcedurePage(Page):
    """One dated version of the partnership's case review procedures (CT-010..CT-015). Versions stay published so
    the history is visible; the current one is the latest in force. Each records when it takes effect, when it
    will be reviewed, and whom the partnership consulted (the PCC and social housing providers, CT-015)."""

    version = models.CharField(max_length=20, help_text="e.g. 3.0")
    in_force_from = models.DateField()
    next_review_on = models.DateField(help_text="When the procedures' effectiveness will be assessed (CT-014).")
    consulted_on = models.DateField(null=True, blank=True)
    consultees = models.TextField(blank=True, help_text="Who was consulted, one a line (CT-015).")
    what_changed = models.TextField(blank=True)
    body = RichTextField(features=["h2", "h3", "bold", "link", "ol", "ul"])
    appeal_route = RichTextField(
        features=["bold", "link", "ol", "ul"],
        help_text="What an applicant can do if unhappy with how the application was handled or the review was "
        "carried out (CT-013, CT-100, CT-101).",
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("version"), FieldPanel("in_force_from"), FieldPanel("next_review_on")], heading="Version"
        ),
        MultiFieldPanel(
            [FieldPanel("consulted_on"), FieldPanel("consultees"), FieldPanel("what_changed")], heading="Consultation"
        ),
        FieldPanel("body"),
        FieldPanel("appeal_route"),
    ]
    parent_page_types = ["case_reviews.CaseReviewPage"]
    subpage_types = []
    template = "case_reviews/procedure_page.html"

    class Meta:
        verbose_name = "case review procedures (one version)"

    def get_context(self, request, *args, **kwargs):
        from case_reviews.models import CaseReviewSettings

        context = super().get_context(request, *args, **kwargs)
        versions = CaseReviewProcedurePage.objects.sibling_of(self).live().order_by("-in_force_from")
        current = versions.filter(in_force_from__lte=timezone.localdate()).first()
        context.update(
            versions=versions, current=current, review_settings=CaseReviewSettings.load(request_or_site=request)
        )
        return context


def _current(queryset):
    return queryset.filter(in_force_from__lte=timezone.localdate()).order_by("-in_force_from").first()


class CaseReviewStatisticsPage(Page):
    """The statistics the law asks for, at least every 12 months (CT-016): worked out from the case records for
    each reporting year (CT-017), never typed in, with the editors' notes per year, and split by Police and Crime
    Commissioner area when the partnership's cases fall in more than one (CT-107). Aggregates only (GD-013)."""

    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["case_reviews.CaseReviewPage"]
    subpage_types = []
    template = "case_reviews/statistics_page.html"
    max_count = 1

    class Meta:
        verbose_name = "case review statistics page"

    def get_context(self, request, *args, **kwargs):
        from case_reviews import statistics

        context = super().get_context(request, *args, **kwargs)
        years = statistics.for_publication()
        context.update(
            years=years, split_by_area=statistics.split_by_area(years), area_not_known=statistics.AREA_NOT_KNOWN
        )
        return context
