"""The scheme admins' decisions in the Wagtail admin: approve, ask for changes, decline, suspend; resolve concerns."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.exceptions import DomainError
from safe_places import policies, services
from safe_places.models import Venue, VenueConcern

DECISIONS = {
    "approve": ("Approve: the venue goes live in the finder", services.approve_venue),
    "request_changes": ("Ask the venue to change something (give the reason)", services.request_changes),
    "decline": ("Decline the application (give the reason)", services.decline_venue),
    "suspend": ("Suspend: take it out of the finder for now (give the reason)", services.suspend_venue),
}
ALLOWED_FROM = {
    Venue.Status.PENDING: ("approve", "request_changes", "decline"),
    Venue.Status.CHANGES_REQUESTED: ("decline",),
    Venue.Status.APPROVED: ("suspend",),
    Venue.Status.SUSPENDED: ("approve",),
    Venue.Status.EXPIRED: ("approve",),
}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(widget=forms.RadioSelect, label="Decision")
    reason = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 4}), label="Reason",
        help_text="The venue sees this in its email and its account. Needed unless you approve.",
    )  # fmt: skip

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = [(key, DECISIONS[key][0]) for key in choices]


class DecideVenueView(WagtailAdminTemplateMixin, FormView):
    template_name = "safe_places/admin/decide.html"
    form_class = DecisionForm
    header_icon = "pick"

    def dispatch(self, request, *args, **kwargs):
        self.venue = get_object_or_404(Venue.objects.select_related("venue_type", "manager"), pk=kwargs["pk"])
        if not request.user.has_perm("safe_places.decide_venue", self.venue):
            raise Http404("No such venue")
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"Decide: {self.venue.name}"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "choices": ALLOWED_FROM.get(self.venue.status, ())}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            venue=self.venue,
            problems=policies.approval_problems(criteria=self.venue.criteria, trained_staff=self.venue.trained_staff),
            week=policies.week_summary(self.venue.weekly_hours),
            **kwargs,
        )

    def form_valid(self, form):
        decision = form.cleaned_data["decision"]
        service = DECISIONS[decision][1]
        extra = {} if decision == "approve" else {"reason": form.cleaned_data["reason"]}
        try:
            service(venue=self.venue, by=self.request.user, now=timezone.now(), **extra)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            return self.form_invalid(form)
        messages.success(self.request, f"{self.venue.name}: {DECISIONS[decision][0].split(':')[0].lower()} done.")
        return redirect(reverse("wagtailsnippets_safe_places_venue:list"))


class ResolveConcernForm(forms.Form):
    resolution = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label="What did you do about it?")


class ResolveConcernView(WagtailAdminTemplateMixin, FormView):
    template_name = "safe_places/admin/resolve.html"
    form_class = ResolveConcernForm
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        self.concern = get_object_or_404(VenueConcern.objects.select_related("venue"), pk=kwargs["pk"])
        if not request.user.has_perm("safe_places.resolve_concern", self.concern):
            raise Http404("No such concern")
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"Resolve concern {self.concern.reference}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(concern=self.concern, **kwargs)

    def form_valid(self, form):
        try:
            services.resolve_concern(
                concern=self.concern, by=self.request.user, resolution=form.cleaned_data["resolution"],
                now=timezone.now(),
            )  # fmt: skip
        except DomainError as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        messages.success(self.request, f"Concern {self.concern.reference} resolved.")
        return redirect(reverse("wagtailsnippets_safe_places_venueconcern:list"))
