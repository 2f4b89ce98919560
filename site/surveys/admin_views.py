"""The officer's list of surveys in the Wagtail admin, each with its response count and results."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from surveys.models import SurveyPage


class SurveyListView(WagtailAdminTemplateMixin, TemplateView):
    page_title = "Survey results"
    header_icon = "table"
    template_name = "surveys/admin/survey_list.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("surveys.see_results"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        surveys = SurveyPage.objects.annotate(
            response_count=Count("responses", filter=Q(responses__status="submitted"))
        ).order_by("-first_published_at", "title")
        return super().get_context_data(surveys=surveys, **kwargs)


survey_list = SurveyListView.as_view()
