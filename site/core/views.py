from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.generic import FormView, TemplateView
from wagtail.models import Site

from core import services
from core.exceptions import DomainError
from core.forms import ContactForm
from core.protection import check_rate_limit, client_ip, submit_once


class ProtectedFormView(FormView):
    """A public form: rate-limited, honeypot-checked, and creating one record however often it is posted.

    Subclasses say what the form creates (`create`) and where a resident goes afterwards (`done`).
    """

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        try:
            check_rate_limit(
                scope=form.form_name, ip=client_ip(request), email=request.POST.get(form.add_prefix("email"))
            )
        except DomainError as exc:
            form.renew_token()
            form.add_error(None, exc.message)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        if not form.is_valid():
            form.renew_token()
            return self.form_invalid(form)
        try:
            record, _created = submit_once(
                token=form.cleaned_data["submission_token"],
                form_name=form.form_name,
                create=lambda: self.create(form),
            )
        except DomainError as exc:
            form.renew_token()
            form.add_error(exc.field, exc.message)
            return self.form_invalid(form)
        return self.done(record)

    def create(self, form):
        raise NotImplementedError

    def done(self, record):
        raise NotImplementedError


class ContactView(ProtectedFormView):
    template_name = "core/contact.html"
    form_class = ContactForm

    def create(self, form):
        data = form.cleaned_data
        return services.receive_contact_message(
            name=data["name"],
            email=data["email"],
            message=data["message"],
            postcode=data.get("postcode") or "",
            site=Site.find_for_request(self.request),
        )

    def done(self, record):
        self.request.session["contact_reference"] = record.reference
        return redirect("core:contact_sent")


class ContactSentView(TemplateView):
    template_name = "core/contact_sent.html"

    def get(self, request, *args, **kwargs):
        reference = request.session.get("contact_reference")
        if not reference:
            messages.info(request, "Send us a message using this form.")
            return redirect("core:contact")
        return self.render_to_response({"reference": reference})


@require_GET
@cache_control(max_age=60 * 60 * 24, public=True)
def robots_txt(request):
    body = render_to_string("robots.txt", {"sitemap_url": request.build_absolute_uri(reverse("sitemap"))})
    return HttpResponse(body, content_type="text/plain")
