from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from accounts import dashboard


class AccountHomeView(LoginRequiredMixin, TemplateView):
    """ "Your account": who you are, how to change your details, and what you manage here."""

    template_name = "accounts/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(sections=dashboard.summaries_for(self.request.user), **kwargs)
