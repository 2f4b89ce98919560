"""The finder, scheme pages, joining and leaving, coordinators' own pages, and the open-data feed."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import FormView

from core.exceptions import DomainError
from core.maps import map_context, with_map_tiles
from core.models import Postcode
from core.views import ProtectedFormView
from watch_schemes import policies, services
from watch_schemes.forms import (
    ConfirmReviewForm,
    CoordinatorForm,
    FinderForm,
    HandoverForm,
    JoinForm,
    MessageForm,
    RegisterSchemeForm,
    SchemeDetailsForm,
)
from watch_schemes.models import Member, WatchScheme
from watch_schemes.querysets import find_for_postcode

ATTRIBUTION = "Neighbourhood Watch schemes registered with the partnership. Map data © OpenStreetMap contributors."
APPROXIMATE_DECIMALS = 2  # about 1 km: where a scheme does not show its area, only this close (NW-052)


def nearest_count():
    return getattr(settings, "WATCH_SCHEMES_NEAREST_COUNT", policies.NEAREST_COUNT)


def map_point(scheme):
    """What the public map may show of a scheme: its drawn area if it allows, else an approximate point."""
    ring = scheme.ring if scheme.show_area else None
    if ring:
        return {"area": policies.polygon_geojson(ring)}
    return {
        "lat": round(scheme.latitude, APPROXIMATE_DECIMALS),
        "lng": round(scheme.longitude, APPROXIMATE_DECIMALS),
        "approximate": True,
    }


@require_GET
@with_map_tiles
def finder(request):
    """Find the schemes covering a postcode, or the nearest few, as a list and a map (NW-050, NW-020)."""
    form = FinderForm(request.GET or None)
    context = {"form": form, "searched": False}
    if form.is_bound and form.is_valid():
        postcode = form.cleaned_data["postcode"]
        found = Postcode.objects.lookup(postcode)
        if found is None:
            form.add_error("postcode", "We could not find that postcode. Check it, or try a nearby one.")
        else:
            point = float(found.latitude), float(found.longitude)
            matches = find_for_postcode(
                WatchScheme.objects.public(), postcode=postcode, point=point, limit=nearest_count()
            )
            context.update(
                searched=True,
                postcode=postcode,
                point=point,
                covering=[(m, json.dumps(map_point(m.scheme))) for m in matches if m.covers],
                nearby=[(m, json.dumps(map_point(m.scheme))) for m in matches if not m.covers],
                matches=matches,
                **map_context(),
            )
    return render(request, "watch_schemes/finder.html", context)


def _visible_scheme(request, pk):
    scheme = get_object_or_404(WatchScheme.objects.select_related("ward"), pk=pk)
    if scheme.is_public or request.user.has_perm("watch_schemes.preview_scheme", scheme):
        return scheme
    raise Http404("No such scheme")


@require_GET
@with_map_tiles
def scheme_detail(request, pk, slug=None):
    scheme = _visible_scheme(request, pk)
    if slug != scheme.slug:
        return redirect(scheme, permanent=True)
    main = scheme.coordinator_roles.select_related("user").filter(role="main").first()
    context = {
        "scheme": scheme,
        "main_coordinator": main.user if main and scheme.show_coordinator_contact else None,
        "shape": json.dumps(map_point(scheme)),
        **map_context(),
        "is_coordinator": request.user.has_perm("watch_schemes.manage_scheme", scheme),
    }
    return render(request, "watch_schemes/scheme_detail.html", context)


class JoinView(ProtectedFormView):
    """A resident asks to join a scheme; the coordinators decide (NW-051). No account needed."""

    template_name = "watch_schemes/join.html"
    form_class = JoinForm

    def dispatch(self, request, *args, **kwargs):
        self.scheme = get_object_or_404(WatchScheme.objects.public(), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(scheme=self.scheme, **kwargs)

    def create(self, form):
        data = form.cleaned_data
        return services.request_to_join(
            scheme=self.scheme, name=data["name"], email=data["email"], street=data["street"],
            consent=data["consent"], now=timezone.now(),
        )  # fmt: skip

    def done(self, record):
        self.request.session["watch_joined"] = self.scheme.pk
        return redirect("watch_schemes:join_sent", pk=self.scheme.pk)


def join_sent(request, pk):
    scheme = get_object_or_404(WatchScheme.objects.public(), pk=pk)
    if request.session.get("watch_joined") != scheme.pk:
        return redirect("watch_schemes:join", pk=pk)
    return render(request, "watch_schemes/join_sent.html", {"scheme": scheme})


def membership(request, token):
    """A member's own page, reached from the link in every email: unsubscribe in one click, or leave (NW-071)."""
    member = services.member_from_token(token)
    if member is None:
        return render(request, "watch_schemes/membership_gone.html", status=404)
    if request.method == "POST":
        action = request.POST.get("action")
        now = timezone.now()
        if action == "leave":
            scheme_name = member.scheme.name
            services.leave_scheme(member=member, now=now)
            return render(request, "watch_schemes/membership_gone.html", {"left": scheme_name})
        if action == "unsubscribe":
            services.unsubscribe(member=member, now=now)
            messages.success(request, "You are unsubscribed. You will get no more messages from this scheme.")
        elif action == "resubscribe":
            services.resubscribe(member=member, now=now)
            messages.success(request, "You will get the scheme's messages again.")
        return redirect("watch_schemes:membership", token=token)
    return render(request, "watch_schemes/membership.html", {"member": member, "scheme": member.scheme})


@csrf_exempt
@require_POST
def one_click_unsubscribe(request, token):
    """A mail program's own Unsubscribe button on a scheme message (RFC 8058, NW-071).

    The mail program sends no cookies and so no CSRF token: the signed member token in the address is the proof.
    Anything posted here only stops messages; leaving the scheme stays on the member's own page.
    """
    member = services.member_from_token(token)
    if member is None:
        return render(request, "watch_schemes/membership_gone.html", status=404)
    services.unsubscribe(member=member, now=timezone.now())
    return render(request, "watch_schemes/unsubscribed.html", {"member": member, "scheme": member.scheme})


# --- open data (issue 8, point 7) ----------------------------------------------------------------------------


@require_GET
@cache_control(max_age=300, public=True)
def schemes_geojson(request):
    """Public schemes' names and types; their area only where the scheme allows, else an approximate point."""
    features = []
    for scheme in WatchScheme.objects.public().select_related("ward").order_by("pk"):
        shown = map_point(scheme)
        geometry = shown.get("area") or {"type": "Point", "coordinates": [shown["lng"], shown["lat"]]}
        features.append({
            "type": "Feature",
            "geometry": geometry,
            "properties": {
                "id": scheme.pk,
                "name": scheme.name,
                "type": scheme.get_scheme_type_display(),
                "status": scheme.status,
                "verification": scheme.get_verification_display(),
                "ward": scheme.ward.name if scheme.ward else None,
                "approximate_location": bool(shown.get("approximate")),
                "url": request.build_absolute_uri(scheme.get_absolute_url()),
            },
        })  # fmt: skip
    response = JsonResponse({"type": "FeatureCollection", "attribution": ATTRIBUTION, "features": features})
    response["Content-Type"] = "application/geo+json"
    return response


# --- coordinators' own pages: only their schemes (NW-061) ----------------------------------------------------


@method_decorator(login_required, name="dispatch")
@method_decorator(with_map_tiles, name="dispatch")
class RegisterSchemeView(ProtectedFormView):
    """Start a scheme: accept the code of conduct and data-protection rules, then describe it (NW-012, NW-023)."""

    template_name = "watch_schemes/scheme_form.html"
    form_class = RegisterSchemeForm
    extra_context = {"title": "Start a Neighbourhood Watch scheme", "button": "Register the scheme"}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**map_context(), **kwargs)

    def get_initial(self):
        postcode = self.request.GET.get("postcode", "")
        return {"postcodes": postcode[:8]} if postcode else {}

    def create(self, form):
        data = form.cleaned_data
        return services.register_scheme(
            by=self.request.user, data=data, accepts_code_of_conduct=data["accepts_code_of_conduct"],
            accepts_data_protection=data["accepts_data_protection"], now=timezone.now(),
        )  # fmt: skip

    def done(self, record):
        messages.success(self.request, f"{record.name} is registered. We will email you when an admin has approved it.")
        return redirect("watch_schemes:manage", pk=record.pk)


@login_required
def my_schemes(request):
    schemes = WatchScheme.objects.coordinated_by(request.user).select_related("ward").order_by("name").distinct()
    return render(request, "watch_schemes/my_schemes.html", {"schemes": schemes})


def coordinated_scheme(request, pk, permission="watch_schemes.manage_scheme"):
    """The scheme, if this person coordinates it; a 404 otherwise, so other schemes' members stay unseen."""
    scheme = get_object_or_404(WatchScheme.objects.select_related("ward"), pk=pk)
    if not request.user.has_perm(permission, scheme):
        raise Http404("No such scheme")
    return scheme


@login_required
def manage(request, pk):
    """A coordinator's page for one scheme: requests to decide, members, messages, coordinators, review."""
    scheme = coordinated_scheme(request, pk, "watch_schemes.see_members")
    members = list(scheme.members.all())
    context = {
        "scheme": scheme,
        "requests": [m for m in members if m.status == Member.Status.REQUESTED],
        "members": [m for m in members if m.status == Member.Status.ACCEPTED],
        "coordinators": scheme.coordinator_roles.select_related("user"),
        "is_main": request.user.has_perm("watch_schemes.change_coordinators", scheme),
        "sent_messages": scheme.messages.all()[:10],
        "changes": scheme.coordinator_changes.select_related("from_user", "to_user")[:10],
    }
    return render(request, "watch_schemes/manage.html", context)


@login_required
@require_POST
def decide_member(request, pk, member_pk):
    scheme = coordinated_scheme(request, pk, "watch_schemes.decide_member")
    member = get_object_or_404(Member, pk=member_pk, scheme=scheme)
    action = request.POST.get("action")
    try:
        if action in ("accept", "decline"):
            services.decide_member(member=member, by=request.user, accept=action == "accept", now=timezone.now())
            messages.success(request, f"{member.name} {'is now a member' if action == 'accept' else 'was declined'}.")
        elif action == "remove":
            services.remove_member(member=member, by=request.user, now=timezone.now())
            messages.success(request, f"{member.name} was removed and their details deleted.")
        else:
            raise Http404("No such action")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("watch_schemes:manage", pk=scheme.pk)


class CoordinatorFormView(FormView):
    """A form about one of the person's own schemes, calling one service."""

    permission = "watch_schemes.manage_scheme"
    success_message = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.scheme = coordinated_scheme(request, kwargs["pk"], self.permission)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(scheme=self.scheme, **kwargs)

    def form_valid(self, form):
        try:
            result = self.act(form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message.format(scheme=self.scheme, result=result))
        return redirect(self.get_success_url())

    def get_success_url(self):
        return reverse("watch_schemes:manage", kwargs={"pk": self.scheme.pk})


@method_decorator(with_map_tiles, name="dispatch")
class EditSchemeView(CoordinatorFormView):
    template_name = "watch_schemes/scheme_form.html"
    form_class = SchemeDetailsForm
    success_message = "The details of {scheme.name} are saved."

    def get_initial(self):
        return SchemeDetailsForm.initial_for(self.scheme)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=f"Change {self.scheme.name}", button="Save changes", **map_context(), **kwargs
        )

    def act(self, data):
        return services.update_scheme(scheme=self.scheme, by=self.request.user, data=data, now=timezone.now())


class SendMessageView(CoordinatorFormView):
    template_name = "watch_schemes/message.html"
    form_class = MessageForm
    permission = "watch_schemes.message_members"
    success_message = "Your message is on its way to {result.recipients} member(s)."

    def get_context_data(self, **kwargs):
        return super().get_context_data(recipients=self.scheme.members.to_message().count(), **kwargs)

    def act(self, data):
        return services.send_message(scheme=self.scheme, by=self.request.user, now=timezone.now(), **data)


class ConfirmReviewView(CoordinatorFormView):
    template_name = "watch_schemes/review.html"
    form_class = ConfirmReviewForm
    permission = "watch_schemes.confirm_review"
    success_message = "Thank you. {scheme.name} is confirmed for another year."

    def act(self, data):
        return services.confirm_review(scheme=self.scheme, by=self.request.user, now=timezone.now())


class AddCoordinatorView(CoordinatorFormView):
    template_name = "watch_schemes/coordinator_form.html"
    form_class = CoordinatorForm
    permission = "watch_schemes.change_coordinators"
    success_message = "{result.user.email} is now a co-coordinator of {scheme.name}."
    extra_context = {"title": "Add a co-coordinator", "button": "Add co-coordinator"}

    def act(self, data):
        return services.add_coordinator(
            scheme=self.scheme, by=self.request.user, email=data["email"], now=timezone.now()
        )


class HandoverView(CoordinatorFormView):
    template_name = "watch_schemes/coordinator_form.html"
    form_class = HandoverForm
    permission = "watch_schemes.change_coordinators"
    success_message = "{scheme.name} is handed over. The change is logged."
    extra_context = {"title": "Hand the scheme over", "button": "Hand over the scheme", "handover": True}

    def act(self, data):
        return services.hand_over(scheme=self.scheme, by=self.request.user, now=timezone.now(), **data)

    def get_success_url(self):
        if self.request.user.has_perm("watch_schemes.manage_scheme", self.scheme):
            return super().get_success_url()
        return reverse("watch_schemes:my_schemes")
