"""The survey page: what a communications officer writes, previews and publishes."""

from functools import cached_property

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.engagement import EngagementLevel
from surveys import policies
from surveys.blocks import PollBlock, SectionBlock, questions_from_stream


class SurveyPage(RoutablePageMixin, Page):
    """A survey residents answer without an account, one section per page, ending with a reference number.

    Officers build the questions (sections, conditional questions, ten question types) in the page editor,
    set when it opens and closes and which rung of the engagement ladder it sits on, and choose which results
    to publish. A consultation (its own app) links to the surveys it runs; the survey does not point back.
    """

    intro = RichTextField(features=["bold", "link", "ul", "ol"], blank=True, help_text="Why we are asking.")
    engagement_level = models.CharField(
        "rung of the engagement ladder",
        max_length=12,
        choices=EngagementLevel.choices,
        default=EngagementLevel.CONSULT,
        help_text="Surveys usually consult; the promise of the rung is shown to residents (EL-007).",
    )
    time_to_complete = models.CharField(max_length=50, blank=True, help_text="E.g. “about 5 minutes”.")
    opens_at = models.DateTimeField(null=True, blank=True, help_text="Leave empty to open when published.")
    closes_at = models.DateTimeField(null=True, blank=True, help_text="Answers sent after this are refused.")
    sections = StreamField([("section", SectionBlock())], use_json_field=True)
    confirm_by_email = models.BooleanField(
        default=False,
        help_text="Residents give an email address and click a link to confirm; then one email counts once. "
        "The address itself is not kept.",
    )
    thank_you = RichTextField(
        features=["bold", "link", "ul"], blank=True, help_text="Shown on the confirmation page: what happens next."
    )
    outcome_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Where residents can read what came of it once the survey has closed (“You said, we did”).",
    )
    more = StreamField(
        [("poll", PollBlock())],
        blank=True,
        verbose_name="more ways to have your say",
        help_text="Quick polls shown beside the survey's start page.",
    )
    publish_results = models.BooleanField(
        default=False,
        help_text="Show the results of the questions marked “publish” on a public results page. Counts for "
        "fewer than 5 people are never shown there.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("engagement_level"),
        FieldPanel("time_to_complete"),
        MultiFieldPanel([FieldPanel("opens_at"), FieldPanel("closes_at")], heading="When residents can answer"),
        FieldPanel("sections"),
        FieldPanel("confirm_by_email"),
        FieldPanel("thank_you"),
        MultiFieldPanel([FieldPanel("publish_results"), FieldPanel("outcome_page")], heading="Results and outcome"),
        FieldPanel("more"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    template = "surveys/survey_page.html"
    subpage_types = []

    class Meta:
        verbose_name = "survey"

    def clean(self):
        super().clean()
        problems = policies.check_questionnaire(questions_from_stream(self.sections))
        if self.opens_at and self.closes_at and self.opens_at >= self.closes_at:
            problems.append("The survey must close after it opens.")
        if problems:
            raise ValidationError({"sections": problems})

    @cached_property
    def _questionnaire(self):
        return questions_from_stream(self.sections)

    def questionnaire(self):
        """The pure questionnaire the survey rules work on (see surveys.policies)."""
        return self._questionnaire

    @property
    def level(self):
        return EngagementLevel(self.engagement_level)

    def status_at(self, now):
        return policies.status_at(opens_at=self.opens_at, closes_at=self.closes_at, at=now)

    def subpage_url(self, name, *args):
        return self.url + self.reverse_subpage(name, args=list(args))

    @property
    def results_url(self):
        return self.subpage_url("results")

    # The resident's journey, under the survey's own address -----------------------------------------------------

    @path("")
    def start(self, request):
        from surveys import views

        return views.start(request, self)

    @path("section/<int:number>/")
    def section(self, request, number):
        from surveys import views

        return views.SectionView.as_view()(request, survey=self, number=number)

    @path("check-your-answers/")
    def check_answers(self, request):
        from surveys import views

        return views.CheckAnswersView.as_view()(request, survey=self)

    @path("sent/")
    def sent(self, request):
        from surveys import views

        return views.sent(request, self)

    @path("save/")
    def save_for_later(self, request):
        from surveys import views

        return views.SaveForLaterView.as_view()(request, survey=self)

    # Signed tokens hold colons, which page addresses cannot: they travel in the query string (?t=...).
    @path("resume/")
    def resume(self, request):
        from surveys import views

        return views.resume(request, self, request.GET.get("t", ""))

    @path("confirm/")
    def confirm(self, request):
        from surveys import views

        return views.confirm(request, self, request.GET.get("t", ""))

    @path("results/")
    def results(self, request):
        from surveys import views

        return views.published_results(request, self)
