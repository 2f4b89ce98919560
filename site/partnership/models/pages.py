"""Pages communications officers write: the partnership plan and its priorities, news, advice, "You said, we did"."""

from django import forms
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from core.blocks import BaseStreamBlock
from partnership import policies
from partnership.blocks import PartnershipStreamBlock
from partnership.querysets import PriorityPageQuerySet


class PlanPage(Page):
    """The partnership plan for a period: its summary, the strategic assessment and plan documents, and its
    priorities (the pages under it)."""

    period_start = models.DateField()
    period_end = models.DateField()
    summary = models.TextField(help_text="Two or three sentences residents read first.")
    body = StreamField(BaseStreamBlock(), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")], heading="Period"),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("documents", heading="Strategic assessment and plan documents", label="Document"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = ["core.HomePage"]
    subpage_types = ["partnership.PriorityPage"]
    template = "partnership/plan_page.html"

    class Meta:
        verbose_name = "partnership plan"

    def is_current(self, today=None):
        today = today or timezone.localdate()
        return self.period_start <= today <= self.period_end

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["priorities"] = PriorityPage.objects.child_of(self).live().public().with_progress()
        return context

    def route(self, request, path_components):
        """A plan's children are priorities: read the one asked for as a priority in one query, rather than as a
        page and then its priority row. Anything else under the plan is routed as Wagtail routes any page."""
        if path_components:
            priority = PriorityPage.objects.child_of(self).filter(slug=path_components[0]).first()
            if priority is not None:
                priority._cached_parent_obj = self  # treebeard's get_parent() reads it: no query for the plan
                return priority.route(request, path_components[1:])
        return super().route(request, path_components)


class PlanDocument(Orderable):
    page = ParentalKey(PlanPage, related_name="documents", on_delete=models.CASCADE)
    title = models.CharField(max_length=150)
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("title"), FieldPanel("document")]


class PriorityPage(Page):
    """One of the partnership's priorities: why it matters, who owns it, how it is measured, and the actions
    that deliver it. Its progress is derived from the actions' statuses, never typed in."""

    summary = models.TextField(help_text="One or two sentences: what the partnership will do.")
    why_it_matters = RichTextField(
        features=["bold", "link", "ol", "ul"], help_text="The evidence: what the strategic assessment found."
    )
    agencies = ParentalManyToManyField("partnership.PartnerAgency", blank=True, related_name="priorities")
    body = StreamField(PartnershipStreamBlock(), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("why_it_matters"),
        FieldPanel("agencies", widget=forms.CheckboxSelectMultiple),
        InlinePanel("measures", heading="Measures it is judged by", label="Measure"),
        InlinePanel("actions", heading="Actions", label="Action"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("why_it_matters"),
        index.SearchField("body"),
    ]

    parent_page_types = ["partnership.PlanPage"]
    subpage_types = []
    template = "partnership/priority_page.html"

    objects = PageManager.from_queryset(PriorityPageQuerySet)()

    class Meta:
        verbose_name = "priority"
        verbose_name_plural = "priorities"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        actions = list(self.actions.select_related("owner"))
        context["actions"] = actions
        # The progress bar and the actions table read the same rows: one query for both.
        context["progress"] = policies.derive_progress(action.status for action in actions)
        return context

    @property
    def dom_id(self):
        """A stable id for the element that names this priority, so its progress bar can be labelled by it."""
        return f"priority-{self.pk}"

    @cached_property
    def progress(self):
        """Derived from the actions; uses prefetched actions when the queryset brought them (`with_progress`)."""
        return policies.derive_progress(action.status for action in self.actions.all())


class PriorityMeasure(Orderable):
    """How residents and officers will know the priority is working, e.g. "ASB incidents reported"."""

    page = ParentalKey(PriorityPage, related_name="measures", on_delete=models.CASCADE)
    name = models.CharField(max_length=150)
    baseline = models.CharField(max_length=60, blank=True, help_text="Where we started, e.g. 1,240 in 2015/16.")
    target = models.CharField(max_length=60, blank=True)
    latest = models.CharField(max_length=60, blank=True, help_text="The latest figure and when, e.g. 1,105 (Q2).")

    panels = [FieldPanel("name"), FieldRowPanel([FieldPanel("baseline"), FieldPanel("target"), FieldPanel("latest")])]


class PriorityAction(Orderable):
    """A piece of work that delivers a priority, with the agency that owns it and where it has got to."""

    class Status(models.TextChoices):
        PLANNED = policies.PLANNED, "Planned"
        IN_PROGRESS = policies.IN_PROGRESS, "In progress"
        DONE = policies.DONE, "Done"
        STOPPED = policies.STOPPED, "Stopped"

    page = ParentalKey(PriorityPage, related_name="actions", on_delete=models.CASCADE)
    title = models.CharField(max_length=200)
    owner = models.ForeignKey(
        "partnership.PartnerAgency", null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    due = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    update = models.CharField(max_length=300, blank=True, help_text="A short update residents can read.")

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("owner"), FieldPanel("due"), FieldPanel("status")]),
        FieldPanel("update"),
    ]

    class Meta(Orderable.Meta):
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    status__in=[policies.PLANNED, policies.IN_PROGRESS, policies.DONE, policies.STOPPED]
                ),
                name="priority_action_status_known",
            )
        ]

    def __str__(self):
        return self.title


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("partnership.NewsPage", related_name="tagged_items", on_delete=models.CASCADE)


class NewsIndexPage(RoutablePageMixin, Page):
    """The partnership's news, newest first, filterable by tag, with an Atom feed."""

    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["partnership.NewsPage"]
    template = "partnership/news_index_page.html"
    max_count = 1
    per_page = 10

    class Meta:
        verbose_name = "news index"

    def news(self):
        return NewsPage.objects.child_of(self).live().public().order_by("-date", "-pk")

    @path("")
    def listing(self, request):
        items = self.news().prefetch_related("tags")
        tag = request.GET.get("tag", "").strip()
        if tag:
            items = items.filter(tags__slug=tag)
        page_obj = Paginator(items, self.per_page).get_page(request.GET.get("page"))
        return self.render(request, context_overrides={"page_obj": page_obj, "tag": tag})

    @path("feed/")
    def feed(self, request):
        from partnership.feeds import NewsFeed

        return NewsFeed(self)(request)


class NewsPage(Page):
    """A news story: what happened, when, and what it means for residents."""

    date = models.DateField("published on", default=timezone.localdate)
    summary = models.TextField(help_text="One or two sentences, shown in lists and the feed.")
    body = StreamField(PartnershipStreamBlock(), blank=True)
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("date"), FieldPanel("tags")], heading="About this story"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["partnership.NewsIndexPage"]
    subpage_types = []
    template = "partnership/news_page.html"

    class Meta:
        verbose_name = "news story"
        verbose_name_plural = "news stories"


class AdviceIndexPage(Page):
    """Advice for residents (crime prevention, what to do if ...), grouped by topic."""

    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["partnership.AdvicePage"]
    template = "partnership/advice_index_page.html"
    max_count = 1

    class Meta:
        verbose_name = "advice index"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        pages = (
            AdvicePage.objects.child_of(self)
            .live()
            .public()
            .select_related("topic")
            .order_by("topic__sort_order", "topic__name", "title")
        )
        groups = {}
        for advice in pages:
            groups.setdefault(advice.topic, []).append(advice)
        context["topics"] = list(groups.items())
        return context


class AdvicePage(Page):
    """A piece of advice, e.g. "Protect your home from burglary" or "What to do if you are being harassed"."""

    topic = models.ForeignKey("partnership.AdviceTopic", on_delete=models.PROTECT, related_name="pages")
    summary = models.TextField()
    body = StreamField(PartnershipStreamBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("topic"), FieldPanel("summary"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["partnership.AdviceIndexPage"]
    subpage_types = []
    template = "partnership/advice_page.html"

    class Meta:
        verbose_name = "advice page"


class YouSaidWeDidIndexPage(Page):
    """Every "You said, we did" answer the partnership has given, filterable by priority and ward."""

    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = []
    template = "partnership/you_said_we_did_index_page.html"
    max_count = 1
    per_page = 20

    class Meta:
        verbose_name = '"You said, we did" listing'

    def get_context(self, request, *args, **kwargs):
        from partnership.forms import YouSaidWeDidFilterForm
        from partnership.models import YouSaidWeDid

        context = super().get_context(request, *args, **kwargs)
        form = YouSaidWeDidFilterForm(request.GET or None)
        items = YouSaidWeDid.objects.public().for_listing()
        if form.is_valid():
            items = items.filter_by(priority=form.cleaned_data.get("priority"), ward=form.cleaned_data.get("ward"))
        context.update(
            form=form,
            page_obj=Paginator(items, self.per_page).get_page(request.GET.get("page")),
        )
        return context
