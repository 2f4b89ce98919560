"""The finder, venue pages, venues' own registration and upkeep, concerns, and the open-data feeds."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.generic import FormView

from core.exceptions import DomainError
from core.maps import map_context, with_map_tiles
from core.models import Postcode
from core.views import ProtectedFormView
from safe_places import policies, services
from safe_places.exceptions import PostcodeNotFound
from safe_places.forms import (
    FinderForm,
    HoursExceptionForm,
    RegisterVenueForm,
    RenewVenueForm,
    ReportConcernForm,
    VenueDetailsForm,
    WithdrawVenueForm,
)
from safe_places.models import SafePlacesSettings, Venue
from safe_places.querysets import find_nearest, opening_states


def scheme_settings(request):
    return SafePlacesSettings.for_request(request)


def today():
    return policies.today_in_london(timezone.now())


def public_venues(request):
    return Venue.objects.public(today=today(), grace_days=scheme_settings(request).grace_days)


@require_GET
@with_map_tiles
def finder(request):
    """Find the nearest Safe Place, open now if asked, by postcode or "Use my location" (SP-031, SP-033)."""
    scheme = scheme_settings(request)
    form = FinderForm(request.GET or None)
    context = {"form": form, "scheme": scheme, "searched": False, **map_context()}
    if form.is_bound and form.is_valid():
        point = form.point
        if point is None:
            found = Postcode.objects.lookup(form.cleaned_data["postcode"])
            if found is None:
                form.add_error("postcode", PostcodeNotFound().message)
            else:
                point = float(found.latitude), float(found.longitude)
        if point is not None:
            now = timezone.now()
            matches = find_nearest(
                Venue.objects.public(today=policies.today_in_london(now), grace_days=scheme.grace_days),
                latitude=point[0],
                longitude=point[1],
                at=now,
                open_now=form.cleaned_data["open_now"],
                features=form.cleaned_data["features"],
            )
            context.update(
                searched=True,
                point=point,
                matches=matches,
                open_nearby=any(m.state.is_open and m.walkable for m in matches),
                walk_minutes=15,
                searched_at=now,
                map_points=json.dumps(
                    [
                        {
                            "name": m.venue.name,
                            "lat": m.venue.latitude,
                            "lng": m.venue.longitude,
                            "url": m.venue.get_absolute_url(),
                            "open": m.state.is_open,
                        }
                        for m in matches
                    ]
                ),
            )
    return render(request, "safe_places/finder.html", context)


def _visible_venue(request, pk):
    """A public venue, or any venue its manager or the scheme's admins look at (a preview)."""
    venue = get_object_or_404(Venue.objects.select_related("venue_type"), pk=pk)
    if request.user.has_perm("safe_places.manage_venue", venue):
        return venue
    if not public_venues(request).filter(pk=pk).exists():
        raise Http404("No such Safe Place")
    return venue


@require_GET
@with_map_tiles
def venue_detail(request, pk, slug=None):
    venue = _visible_venue(request, pk)
    if slug != venue.slug:
        return redirect(venue, permanent=True)
    now = timezone.now()
    local_today = policies.today_in_london(now)
    state = opening_states([venue], now)[venue.pk]
    context = {
        "venue": venue,
        "state": state,
        "week": policies.week_summary(venue.weekly_hours),
        "exceptions": venue.hours_exceptions.filter(date__gte=local_today)[:10],
        "is_public": venue.status == Venue.Status.APPROVED,
        "scheme": scheme_settings(request),
        **map_context(),
    }
    return render(request, "safe_places/venue_detail.html", context)


class ReportConcernView(ProtectedFormView):
    template_name = "safe_places/report_concern.html"
    form_class = ReportConcernForm

    def dispatch(self, request, *args, **kwargs):
        self.venue = get_object_or_404(public_venues(request), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(venue=self.venue, **kwargs)

    def create(self, form):
        data = form.cleaned_data
        return services.report_concern(
            venue=self.venue, kind=data["kind"], details=data["details"], email=data["email"], now=timezone.now()
        )

    def done(self, record):
        self.request.session["safe_places_concern"] = record.reference
        return redirect("safe_places:concern_sent", pk=self.venue.pk)


def concern_sent(request, pk):
    reference = request.session.get("safe_places_concern")
    venue = get_object_or_404(Venue, pk=pk)
    if not reference:
        return redirect("safe_places:report_concern", pk=pk)
    return render(request, "safe_places/concern_sent.html", {"reference": reference, "venue": venue})


# --- a venue's own account (SP-052): only its manager ------------------------------------------------------


@login_required
def my_venues(request):
    venues = Venue.objects.managed_by(request.user).select_related("venue_type").order_by("name")
    return render(request, "safe_places/my_venues.html", {"venues": venues})


def managed_venue(request, pk, permission="safe_places.edit_venue"):
    """The venue, if this person manages it; a 404 otherwise, so other venues are not even confirmed to exist."""
    venue = get_object_or_404(Venue.objects.select_related("venue_type"), pk=pk)
    if not request.user.has_perm(permission, venue):
        raise Http404("No such venue")
    return venue


@method_decorator(login_required, name="dispatch")
@method_decorator(with_map_tiles, name="dispatch")
class RegisterVenueView(ProtectedFormView):
    template_name = "safe_places/venue_form.html"
    form_class = RegisterVenueForm
    extra_context = {"title": "Register your venue as a Safe Place", "button": "Send application"}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**map_context(), **kwargs)

    def create(self, form):
        return services.register_venue(
            by=self.request.user,
            data=form.venue_data(),
            week=form.week(),
            latitude=form.cleaned_data.get("latitude"),
            longitude=form.cleaned_data.get("longitude"),
            now=timezone.now(),
        )

    def done(self, record):
        messages.success(self.request, f"Application sent for {record.name}. We will email you when we have decided.")
        return redirect("safe_places:my_venues")


@method_decorator(login_required, name="dispatch")
@method_decorator(with_map_tiles, name="dispatch")
class EditVenueView(FormView):
    template_name = "safe_places/venue_form.html"
    form_class = VenueDetailsForm

    def dispatch(self, request, *args, **kwargs):
        self.venue = managed_venue(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return VenueDetailsForm.initial_for(self.venue)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            venue=self.venue, title=f"Change the details of {self.venue.name}", button="Save changes",
            **map_context(), **kwargs,
        )  # fmt: skip

    def form_valid(self, form):
        try:
            services.update_venue(
                venue=self.venue,
                by=self.request.user,
                data=form.venue_data(),
                week=form.week(),
                latitude=form.cleaned_data.get("latitude"),
                longitude=form.cleaned_data.get("longitude"),
                now=timezone.now(),
            )
        except DomainError as exc:
            form.add_error(exc.field, exc.message)
            return self.form_invalid(form)
        messages.success(self.request, "Your venue's details have been saved.")
        return redirect("safe_places:my_venues")


class ManagedVenueFormView(FormView):
    """A form about one of the person's own venues, calling one service."""

    permission = "safe_places.edit_venue"
    success_message = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.venue = managed_venue(request, kwargs["pk"], self.permission)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(venue=self.venue, **kwargs)

    def form_valid(self, form):
        try:
            self.act(form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field, exc.message)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message.format(venue=self.venue))
        return redirect(self.get_success_url())

    def get_success_url(self):
        return reverse("safe_places:my_venues")


class RenewVenueView(ManagedVenueFormView):
    template_name = "safe_places/renew.html"
    form_class = RenewVenueForm
    permission = "safe_places.renew_venue"
    success_message = "{venue.name} has been renewed. Thank you for staying in the scheme."

    def get_initial(self):
        return {"trained_staff": self.venue.trained_staff, "training_date": self.venue.training_date}

    def act(self, data):
        services.renew_venue(
            venue=self.venue, by=self.request.user, trained_staff=data["trained_staff"],
            training_date=data["training_date"], now=timezone.now(),
        )  # fmt: skip


class WithdrawVenueView(ManagedVenueFormView):
    template_name = "safe_places/withdraw.html"
    form_class = WithdrawVenueForm
    permission = "safe_places.withdraw_venue"
    success_message = "{venue.name} has left the Safe Places scheme. Please take down your sticker."

    def act(self, data):
        services.withdraw_venue(venue=self.venue, by=self.request.user, now=timezone.now())


class HoursExceptionsView(ManagedVenueFormView):
    template_name = "safe_places/exceptions.html"
    form_class = HoursExceptionForm
    success_message = "Saved. Visitors will see the change on your venue's page."

    def get_context_data(self, **kwargs):
        upcoming = self.venue.hours_exceptions.filter(date__gte=today())
        return super().get_context_data(upcoming=upcoming, **kwargs)

    def act(self, data):
        services.set_hours_exception(venue=self.venue, by=self.request.user, now=timezone.now(), **data)

    def get_success_url(self):
        return reverse("safe_places:exceptions", kwargs={"pk": self.venue.pk})


# --- open data (SP-032): approved venues for the national network and anyone else ----------------------------

ATTRIBUTION = (
    "Venue details: the Safe Places scheme. Library locations contain public sector information licensed "
    "under the Open Government Licence v3.0 (Libraries Taskforce core dataset)."
)


def _feed_venues(request):
    return public_venues(request).select_related("venue_type").order_by("pk")


def _venue_record(request, venue):
    return {
        "id": venue.pk,
        "name": venue.name,
        "type": venue.venue_type.name,
        "address": venue.address,
        "postcode": venue.postcode,
        "latitude": round(venue.latitude, 6),
        "longitude": round(venue.longitude, 6),
        "phone": venue.phone,
        "website": venue.website,
        "url": request.build_absolute_uri(venue.get_absolute_url()),
        "opening_hours": {
            day.lower(): [[p.opens.strftime("%H:%M"), p.closes.strftime("%H:%M")] for p in periods]
            for day, periods in zip(policies.WEEKDAYS, venue.weekly_hours, strict=True)
        },
        "bank_holidays": venue.bank_holidays,
        "hours_note": venue.hours_note,
        "accessibility": venue.features,
        "next_check_due": venue.next_check_due.isoformat() if venue.next_check_due else None,
    }


@require_GET
@cache_control(max_age=300, public=True)
def venues_json(request):
    records = [_venue_record(request, venue) for venue in _feed_venues(request)]
    return JsonResponse({"attribution": ATTRIBUTION, "count": len(records), "venues": records})


@require_GET
@cache_control(max_age=300, public=True)
def venues_geojson(request):
    features = []
    for venue in _feed_venues(request):
        record = _venue_record(request, venue)
        lat, lng = record.pop("latitude"), record.pop("longitude")
        features.append(
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lng, lat]}, "properties": record}
        )
    response = JsonResponse({"type": "FeatureCollection", "attribution": ATTRIBUTION, "features": features})
    response["Content-Type"] = "application/geo+json"
    return response
