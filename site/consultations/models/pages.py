"""The pages editors write for the engagement ladder: the Get involved hub, each engagement activity, and the
task-and-finish groups of the co-produce rung.

Every activity sits on one rung (EL-007): the rung is required and its promise is shown to residents. Status is
not typed: it follows from the opening and closing dates, and "complete" is the one thing an editor marks, which
the outcome rule guards (consult and above need a published "You said, we did" answer first, FP-011).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from consultations import policies
from consultations.blocks import ConsultationStreamBlock
from consultations.querysets import ConsultationPageQuerySet
from core import caching
from core.engagement import EngagementLevel

# Addresses under /get-involved/ that belong to the app's own views (consultations/urls.py), so no page there
# may take them as its slug.
RESERVED_SLUGS = {"alerts", "ladder-report", "ladder-report.csv", "activities", "groups", "memberships"}


def _check_slug(page):
    parent = page.get_parent() if page.pk else None
    if page.slug in RESERVED_SLUGS and (parent is None or isinstance(parent.specific, GetInvolvedPage)):
        raise ValidationError({"slug": f"“{page.slug}” is used by the Get involved pages. Choose another slug."})


class GetInvolvedPage(Page):
    """The Get involved hub: every engagement activity, what is open now first, filterable by rung, status, ward
    and topic; a calendar of what is coming; and the way to sign up for alerts about new activities."""

    intro = models.TextField(blank=True, help_text="Two or three sentences: how residents can have a say.")

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["consultations.ConsultationPage", "consultations.TaskGroupPage"]
    template = "consultations/get_involved_page.html"
    max_count = 1
    per_page = 20
    calendar_days = 92

    class Meta:
        verbose_name = "Get involved hub"

    def activities(self):
        return ConsultationPage.objects.child_of(self).live().public()

    def get_context(self, request, *args, **kwargs):
        from consultations.forms import HubFilterForm
        from consultations.querysets import calendar_entries

        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        activities = self.activities()
        caching.changes_at(request, activities.next_change(now))
        form = HubFilterForm(request.GET or None, activities=activities)
        listing = activities.for_listing()
        if form.is_valid():
            listing = listing.filter_by(now=now, **form.cleaned_data)
        listing = listing.open_first(now)
        page_obj = Paginator(listing, self.per_page).get_page(request.GET.get("page"))
        context.update(
            form=form,
            page_obj=page_obj,
            filtered=form.is_bound and form.is_valid() and any(form.cleaned_data.values()),
            query_string=form.query_string() if form.is_bound and form.is_valid() else "",
            calendar=calendar_entries(hub=self, now=now, days=self.calendar_days),
            now=now,
        )
        return context


class ConsultationPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "consultations.ConsultationPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ConsultationPage(Page):
    """An engagement activity: a consultation, a workshop, a newsletter, a co-production project.

    Residents see its rung and the promise that comes with it, when it is open, the wards and topics it is about,
    every way to take part (online and offline: paper, phone, events), the surveys, polls, meetings and groups it
    runs through, its documents, and in the end what came of it.
    """

    summary = models.TextField(help_text="Two or three sentences for the hub and the alerts.")
    engagement_level = models.CharField(
        "rung of the engagement ladder",
        max_length=12,
        choices=EngagementLevel.choices,
        help_text="How much say residents really have (EL-006: levels, not steps). Residents see the rung's promise.",
    )
    opens_at = models.DateTimeField("opens")
    closes_at = models.DateTimeField("closes", null=True, blank=True, help_text="Leave empty if it is ongoing.")
    is_complete = models.BooleanField(
        "mark complete",
        default=False,
        help_text="At consult and above, only once its “You said, we did” outcome is published.",
    )
    outcome_due_on = models.DateField(
        "outcome due by",
        null=True,
        blank=True,
        help_text="When residents will hear what came of it. Twelve weeks after closing if left empty (EL-007).",
    )
    wards = ParentalManyToManyField(
        "core.Ward", blank=True, related_name="engagement_activities", help_text="Leave empty for borough-wide."
    )
    tags = ClusterTaggableManager("topics", through=ConsultationPageTag, blank=True)
    priorities = ParentalManyToManyField("partnership.PriorityPage", blank=True, related_name="+")
    surveys = ParentalManyToManyField("surveys.SurveyPage", blank=True, related_name="+")
    meetings = ParentalManyToManyField("meetings.MeetingPage", blank=True, related_name="+")
    groups = ParentalManyToManyField("consultations.TaskGroupPage", blank=True, related_name="activities")
    body = StreamField(
        ConsultationStreamBlock(),
        blank=True,
        help_text="The detail: background, options, questions. Add a quick poll here.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("engagement_level"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("outcome_due_on"),
                FieldPanel("is_complete"),
            ],
            heading="When",
        ),
        MultiFieldPanel(
            [FieldPanel("wards", widget=forms.CheckboxSelectMultiple), FieldPanel("tags")], heading="Where and what"
        ),
        InlinePanel("ways_to_take_part", heading="Ways to take part", label="Way to take part"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("priorities"), FieldPanel("surveys"), FieldPanel("meetings"), FieldPanel("groups")],
            heading="Linked pages",
        ),
        InlinePanel("documents", heading="Documents", label="Document"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = ["consultations.GetInvolvedPage"]
    subpage_types = []
    template = "consultations/consultation_page.html"

    objects = PageManager.from_queryset(ConsultationPageQuerySet)()

    class Meta:
        verbose_name = "engagement activity"
        verbose_name_plural = "engagement activities"

    @property
    def level(self):
        return EngagementLevel(self.engagement_level)

    def status_at(self, now):
        return policies.status_at(
            opens_at=self.opens_at, closes_at=self.closes_at, is_complete=self.is_complete, now=now
        )

    @property
    def status(self):
        return self.status_at(timezone.now())

    @property
    def owes_outcome(self):
        return policies.owes_outcome(self.engagement_level)

    @property
    def outcome_due(self):
        return policies.outcome_due(level=self.engagement_level, closes_at=self.closes_at, given=self.outcome_due_on)

    def outcome_answers(self):
        """The published "You said, we did" answers whose source is this activity."""
        from partnership.models import YouSaidWeDid

        if not self.pk:
            return YouSaidWeDid.objects.none()
        return YouSaidWeDid.objects.public().filter(source_page_id=self.pk)

    def clean(self):
        super().clean()
        _check_slug(self)
        errors = {}
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = "The activity must close after it opens."
        if (
            self.is_complete
            and self.engagement_level
            and not policies.may_mark_complete(
                level=self.engagement_level, outcome_published=self.outcome_answers().exists()
            )
        ):
            errors["is_complete"] = policies.OUTCOME_MISSING.format(level=self.level.label)
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        caching.changes_at(request, caching.first_after(now, self.opens_at, self.closes_at))
        context.update(
            status=self.status_at(now),
            ways=self.ways_to_take_part.all(),
            documents=self.documents.select_related("document"),
            linked_priorities=self.priorities.live().public(),
            linked_surveys=self.surveys.live().public(),
            linked_meetings=self.meetings.live().public().order_by("starts_at"),
            linked_groups=self.groups.live().public().select_related("ward"),
            outcome=self.outcome_answers().order_by("-date", "-pk") if self.owes_outcome else [],
            offer_hear_back=self.owes_outcome and not self.is_complete,
        )
        return context


class WayToTakePart(Orderable):
    """One way a resident can take part, online or not: the partnership's "ways to engage" (seed 004), with
    paper, phone and drop-in routes so nobody needs the internet to have a say."""

    class Kind(models.TextChoices):
        WEBSITE = "website", "On this website"
        EMAIL = "email", "By email"
        PAPER = "paper", "On paper"
        PHONE = "phone", "By phone"
        SOCIAL_MEDIA = "social_media", "Social media"
        PRESS = "press", "Press releases"
        REPORTS = "reports", "Reports"
        PRESENTATIONS = "presentations", "Presentations"
        NEWSLETTER = "newsletter", "Newsletter"
        PERSONAL_VISITS = "personal_visits", "Personal visits and contacts"
        EXISTING_NETWORKS = "existing_networks", "Existing networks"
        COMMUNITY_PARTNERSHIP = "community_partnership", "Community partnership"
        PUBLIC_MEETING = "public_meeting", "Community, partnership and public meetings"
        FOCUS_GROUP = "focus_group", "Focus group"
        SURVEY = "survey", "Survey"
        EVENT = "event", "Events and conferences"
        WORKSHOP = "workshop", "Workshop"
        RESEARCH = "research", "Research"
        STRATEGY = "strategy", "Developing and carrying out strategies"
        PARISH_COUNCIL = "parish_council", "Parish and town councils"
        TASK_AND_FINISH_GROUP = "task_and_finish_group", "Task and finish group"
        COMMUNITY_GROUP = "community_group", "Community groups"
        TOOLKIT = "toolkit", "Community toolkit"
        OTHER = "other", "Something else"

    OFFLINE = {"paper", "phone", "personal_visits", "public_meeting", "focus_group", "event", "workshop"}

    page = ParentalKey(ConsultationPage, related_name="ways_to_take_part", on_delete=models.CASCADE)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    description = models.CharField(
        max_length=300, help_text="What to do, e.g. “Pick up a paper form at any library” or “Call 01908 252080”."
    )
    when_and_where = models.CharField(max_length=200, blank=True, help_text="For events: the date, time and place.")
    link = models.URLField(blank=True)

    panels = [FieldPanel("kind"), FieldPanel("description"), FieldPanel("when_and_where"), FieldPanel("link")]

    @property
    def is_offline(self):
        return self.kind in self.OFFLINE


class ConsultationDocument(Orderable):
    """A document residents may read: the consultation paper, an easy-read version, the findings."""

    page = ParentalKey(ConsultationPage, related_name="documents", on_delete=models.CASCADE)
    title = models.CharField(max_length=150)
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("title"), FieldPanel("document")]


class TaskGroupPage(Page):
    """A task-and-finish group (seed 004, "Forward Together"): residents and partners working out a local
    problem together, with a purpose, a ward, meeting dates and the outputs it publishes. Residents ask to join;
    the group's lead (a staff member, or a resident given the role) accepts them."""

    purpose = models.TextField(help_text="What the group will do and by when, in two or three sentences.")
    ward = models.ForeignKey(
        "core.Ward",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="task_groups",
        help_text="Leave empty for a borough-wide group.",
    )
    lead_officer = models.ForeignKey(
        "core.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"is_staff": True},
        help_text="The staff member who leads the group. A resident can be made lead from the group's members list.",
    )
    accepting_members = models.BooleanField(default=True, help_text="Untick when the group is full or finished.")
    places = models.PositiveSmallIntegerField(default=12, help_text="How many residents the group can take.")

    content_panels = [
        *Page.content_panels,
        FieldPanel("purpose"),
        FieldPanel("ward"),
        FieldPanel("lead_officer"),
        FieldRowPanel([FieldPanel("accepting_members"), FieldPanel("places")]),
        InlinePanel("meeting_dates", heading="Meeting dates", label="Meeting"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("purpose")]

    parent_page_types = ["consultations.GetInvolvedPage"]
    subpage_types = []
    template = "consultations/task_group_page.html"

    class Meta:
        verbose_name = "task-and-finish group"

    def clean(self):
        super().clean()
        _check_slug(self)

    def get_context(self, request, *args, **kwargs):
        from consultations import rules as group_rules
        from consultations.models import GroupMembership, GroupOutput

        context = super().get_context(request, *args, **kwargs)
        user = request.user
        membership = GroupMembership.objects.filter(group=self, user=user).first() if user.is_authenticated else None
        context.update(
            level=EngagementLevel.CO_PRODUCE,
            meeting_dates=self.meeting_dates.all(),
            outputs=GroupOutput.objects.filter(group=self).order_by("-published_at"),
            membership=membership,
            can_see_members=group_rules.can(user, "see_members", self),
            can_publish=group_rules.can(user, "publish", self),
            members_count=GroupMembership.objects.filter(group=self, status="accepted").count(),
        )
        return context


class GroupMeetingDate(Orderable):
    """When and where a task-and-finish group meets."""

    page = ParentalKey(TaskGroupPage, related_name="meeting_dates", on_delete=models.CASCADE)
    starts_at = models.DateTimeField("starts")
    place = models.CharField(max_length=200, help_text="E.g. Bletchley Library, meeting room 2.")

    panels = [FieldPanel("starts_at"), FieldPanel("place")]

    class Meta(Orderable.Meta):
        ordering = ["starts_at"]
