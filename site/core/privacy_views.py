"""Partnership admins answer residents' data-protection requests here; residents read what is kept and why.

Subject access (UK GDPR Art. 15) and erasure (Art. 17) run over the personal-data registry (`core.personal_data`),
so every app's records are covered without this module knowing any of them.
"""

import json

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core import personal_data, retention, services
from core.exceptions import DomainError
from core.models import SubjectAccessExport


class PersonRequestForm(forms.Form):
    email = forms.EmailField(
        label="The person's email address",
        error_messages={
            "required": "Enter the email address the person used with us.",
            "invalid": "Enter an email address in the correct format, like name@example.com.",
        },
    )


class EraseForm(PersonRequestForm):
    confirm = forms.BooleanField(
        label="I have checked this person's identity and that the law allows erasure of these records",
        error_messages={"required": "Confirm that you have checked the person's identity and the law."},
    )


class PersonalDataRequestsView(WagtailAdminTemplateMixin, FormView):
    page_title = "Personal data requests"
    header_icon = "user"
    template_name = "core/admin/personal_data.html"
    form_class = PersonRequestForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("core.add_subjectaccessexport"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        now = timezone.now()
        exports = list(SubjectAccessExport.objects.filter(requested_by=self.request.user)[:20])
        for export in exports:
            export.available = export.is_available(now)
        return super().get_context_data(
            exports=exports,
            erase_form=kwargs.pop("erase_form", None) or EraseForm(prefix="erase"),
            can_erase=self.request.user.has_perm("core.erase_personal_data"),
            declarations=personal_data.declarations(),
            **kwargs,
        )

    def form_valid(self, form):
        export = services.prepare_subject_access_export(
            email=form.cleaned_data["email"], requested_by=self.request.user
        )
        messages.success(
            self.request,
            f"Export {export.pk} is ready with {export.record_count} records. Download it once, within 7 days.",
        )
        return redirect("core_personal_data")


personal_data_requests = PersonalDataRequestsView.as_view()


@never_cache
def download_subject_access_export(request, pk):
    if not request.user.has_perm("core.add_subjectaccessexport"):
        raise PermissionDenied
    try:
        content = services.collect_subject_access_export(export_id=pk, user=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("core_personal_data")
    response = HttpResponse(json.dumps(content, indent=2, ensure_ascii=False), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="subject-access-{pk}.json"'
    return response


@require_POST
def erase_person(request):
    if not request.user.has_perm("core.erase_personal_data"):
        raise PermissionDenied
    form = EraseForm(request.POST, prefix="erase")
    if not form.is_valid():
        view = PersonalDataRequestsView(request=request, args=(), kwargs={})
        view.setup(request)
        return view.render_to_response(view.get_context_data(form=PersonRequestForm(), erase_form=form))
    result = services.erase_personal_data(email=form.cleaned_data["email"], actor=request.user)
    erased = sum(result.erased.values())
    kept = "; ".join(f"{count} kept in {label}: {why}" for label, (count, why) in result.kept.items())
    messages.success(request, f"Erased {erased} records." + (f" {kept}" if kept else ""))
    return redirect("core_personal_data")


def privacy_notice(request):
    """What the partnership keeps about residents, why, and for how long: generated from the registry itself."""
    return render(
        request,
        "core/privacy_notice.html",
        {"declarations": personal_data.declarations(), "retention_rules": retention.rules(),
         "contact_url": reverse("core:contact")},
    )  # fmt: skip
