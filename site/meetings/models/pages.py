"""Face the Public meetings as editors write them: the listing by ward and date, and each meeting's page.

Reg 12(4) of SI 2007/1830 (FP-003) asks for public meetings attended by senior people from each responsible
authority, publicised beforehand, with what was discussed published afterwards. The page carries all three: the
panel, the advert (in other languages where given) and, once held, the minutes and the answers.
"""

from datetime import timedelta

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from core import caching, maps
from meetings import policies
from meetings.querysets import MeetingPageQuerySet

# How old the "seats left" on a kept copy of a meeting's page may be while booking is open.
SEATS_SHOWN_FRESH = timedelta(seconds=30)


class MeetingIndexPage(Page):
    """The list of Face the Public meetings residents can filter by ward: upcoming first, then past ones."""

    intro = models.TextField(blank=True, help_text="What these meetings are for, in two or three sentences.")

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["meetings.MeetingPage"]
    template = "meetings/meeting_index_page.html"
    max_count = 1

    class Meta:
        verbose_name = "meetings listing"

    def get_context(self, request, *args, **kwargs):
        from core.models import Ward

        context = super().get_context(request, *args, **kwargs)
        meetings = MeetingPage.objects.child_of(self).live().for_listing()
        ward = None
        ward_code = request.GET.get("ward", "")
        if ward_code:
            ward = Ward.objects.filter(code=ward_code).first()
            if ward:
                meetings = meetings.filter(wards=ward)
        now = timezone.now()
        upcoming = list(meetings.upcoming(now))
        # A meeting stays in "upcoming" until it ends, then moves to the past list.
        caching.changes_at(request, caching.first_after(now, *(meeting.ends_at for meeting in upcoming)))
        context.update(
            upcoming=upcoming,
            past=list(meetings.past(now)[:20]),
            wards=Ward.objects.filter(meetings__in=MeetingPage.objects.child_of(self).live()).distinct(),
            ward=ward,
            ward_code=ward_code,
        )
        return context


class MeetingPage(Page):
    """One Face the Public meeting: where and when, who sits on the panel, how to book and ask a question, and
    afterwards the minutes and answers (FP-003, FP-007, FP-010). Bookings and questions are records, not pages."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        CANCELLED = "cancelled", "Cancelled"
        HELD = "held", "Held"

    summary = models.TextField(help_text="Two or three sentences for the listing and the advert.")
    wards = ParentalManyToManyField("core.Ward", blank=True, related_name="meetings")
    starts_at = models.DateTimeField("starts")
    ends_at = models.DateTimeField("ends")
    venue_name = models.CharField(max_length=150)
    venue_address = models.TextField()
    venue_postcode = models.CharField(max_length=10, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    access_information = models.TextField(
        blank=True, help_text="Step-free access, hearing loop, parking, toilets, public transport."
    )
    livestream_url = models.URLField(blank=True, help_text="Where people can watch live (FP-008).")
    agenda = RichTextField(
        features=["bold", "link", "ol", "ul"],
        blank=True,
        help_text="Welcome; minutes; the partnership's report on priorities; questions from the public; any other "
        "business (FP-010).",
    )
    capacity = models.PositiveIntegerField(default=100, help_text="Seats available to book.")
    max_seats_per_booking = models.PositiveSmallIntegerField(default=4)
    booking_opens_at = models.DateTimeField("booking opens", null=True, blank=True)
    booking_closes_at = models.DateTimeField(
        "booking closes", null=True, blank=True, help_text="Leave empty to keep booking open until the start."
    )
    questions_close_at = models.DateTimeField(
        null=True, blank=True, help_text="Written questions close; by custom 8 days before (FP-009)."
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    cancellation_reason = models.TextField(blank=True)
    organiser_email = models.EmailField(
        blank=True, help_text="Told about reasonable adjustments; the partnership's email if empty."
    )
    pcc_attending = models.BooleanField(
        "Police and Crime Commissioner attending", default=False, help_text="FP-005 (reg 14A)."
    )
    minutes = RichTextField(blank=True, help_text="What was discussed, published after the meeting (FP-003 c).")

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("wards", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("status"),
                FieldPanel("cancellation_reason"),
            ],
            heading="When",
        ),
        MultiFieldPanel(
            [
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
                FieldPanel("venue_postcode"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("access_information"),
                FieldPanel("livestream_url"),
            ],
            heading="Where",
        ),
        InlinePanel("panel_members", heading="Panel", label="Panel member"),
        FieldPanel("pcc_attending"),
        FieldPanel("agenda"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("max_seats_per_booking")]),
                FieldRowPanel([FieldPanel("booking_opens_at"), FieldPanel("booking_closes_at")]),
                FieldPanel("questions_close_at"),
                FieldPanel("organiser_email"),
            ],
            heading="Booking and questions",
        ),
        InlinePanel("adverts", heading="Advert in other languages", label="Translation"),
        FieldPanel("minutes"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("venue_name")]

    parent_page_types = ["meetings.MeetingIndexPage"]
    subpage_types = []
    template = "meetings/meeting_page.html"

    objects = PageManager.from_queryset(MeetingPageQuerySet)()

    class Meta:
        verbose_name = "Face the Public meeting"

    def booking_window(self, now=None):
        return policies.booking_window(
            now=now or timezone.now(),
            status=self.status,
            starts_at=self.starts_at,
            opens_at=self.booking_opens_at,
            closes_at=self.booking_closes_at,
        )

    def questions_open(self, now=None):
        return self.status == self.Status.SCHEDULED and policies.questions_open(
            now=now or timezone.now(), starts_at=self.starts_at, deadline=self.questions_close_at
        )

    def next_change(self, now):
        """When this page next changes by itself: booking or questions open or close, the meeting starts or ends.
        While booking is open the seats left change with every booking, so a kept copy is good for only
        SEATS_SHOWN_FRESH at most (the booking itself always counts the real seats)."""
        moments = [self.booking_opens_at, self.booking_closes_at, self.questions_close_at, self.starts_at,
                   self.ends_at]  # fmt: skip
        if self.booking_window(now) == policies.BookingWindow.OPEN:
            moments.append(now + SEATS_SHOWN_FRESH)
        return caching.first_after(now, *moments)

    @cached_property
    def seats_taken(self):
        from meetings.models import Booking

        return Booking.objects.seats_taken(self)

    @property
    def seats_left(self):
        return policies.seats_left(capacity=self.capacity, seats_taken=self.seats_taken)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from meetings.models import Question

        now = timezone.now()
        context["window"] = self.booking_window(now)
        caching.changes_at(request, self.next_change(now))
        context["panel"] = self.panel_members.select_related("agency")
        context["adverts"] = self.adverts.all()
        context["answered_questions"] = Question.objects.published_for(self)
        context["has_map"] = self.has_location
        context.update(maps.map_context())
        return context

    def serve(self, request, *args, **kwargs):
        """The page, whose venue map may load tiles from the site's tile server (core.maps)."""
        response = super().serve(request, *args, **kwargs)
        return maps.allow_map_tiles(response) if self.has_location else response

    @property
    def has_location(self):
        """Whether the venue's position is known, so the page can show it on a map (0.0 is a real longitude)."""
        return self.latitude is not None and self.longitude is not None


class PanelMember(Orderable):
    """A senior person from a responsible authority who answers residents' questions at the meeting (FP-003 b)."""

    page = ParentalKey(MeetingPage, related_name="panel_members", on_delete=models.CASCADE)
    name = models.CharField(max_length=100)
    role = models.CharField(max_length=150, help_text="E.g. Local Policing Area Commander.")
    agency = models.ForeignKey(
        "partnership.PartnerAgency", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("agency")]

    def __str__(self):
        return f"{self.name}, {self.role}"


class MeetingAdvert(Orderable):
    """The meeting's advert in another language, for communities the partnership plan particularly affects
    (FP-002 b)."""

    page = ParentalKey(MeetingPage, related_name="adverts", on_delete=models.CASCADE)
    language_code = models.CharField(max_length=12, help_text="BCP 47 code, e.g. pl, ur, pa-Guru.")
    language_name = models.CharField(max_length=50, help_text="The language's own name, e.g. Polski.")
    text = models.TextField()

    panels = [FieldPanel("language_code"), FieldPanel("language_name"), FieldPanel("text")]
