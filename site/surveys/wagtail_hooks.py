"""The surveys in the Wagtail admin: polls as snippets, a "Survey results" menu, and a Results button per survey."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from surveys import admin_views
from surveys.models import Poll, SurveyPage


class PollViewSet(SnippetViewSet):
    """Quick polls officers embed on any page with the poll block."""

    model = Poll
    icon = "tasks"
    menu_label = "Quick polls"
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["question", "closes_at", "created_at"]
    search_fields = ["question"]


register_snippet(PollViewSet)


class SurveyResultsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("surveys.see_results")


@hooks.register("register_admin_urls")
def survey_admin_urls():
    return [path("survey-results/", admin_views.survey_list, name="surveys_results_index")]


@hooks.register("register_admin_menu_item")
def survey_results_menu_item():
    return SurveyResultsMenuItem(
        "Survey results", reverse("surveys_results_index"), icon_name="table", order=300, name="survey-results"
    )


@hooks.register("register_page_listing_buttons")
def results_button(page, user, next_url=None):
    if isinstance(page.specific_deferred, SurveyPage) and user.has_perm("surveys.see_results"):
        yield Button("Results", reverse("surveys:results", args=[page.pk]), icon_name="table", priority=60)
