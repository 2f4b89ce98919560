"""The registry in the Wagtail admin, for the partnership's admins: decide on schemes, the yearly audit report
(table, map and CSV), and alerts to every scheme in chosen wards. Members' details never appear here (NW-061)."""

import csv

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.exceptions import DomainError
from watch_schemes import services
from watch_schemes.forms import ApproveForm, DeclineForm, WardAlertForm
from watch_schemes.models import SchemeCoordinator, WatchScheme
from watch_schemes.querysets import wards_without_scheme


def require(request, permission, obj=None):
    if not request.user.has_perm(permission, obj):
        raise Http404("Not found")


class DecideSchemeView(WagtailAdminTemplateMixin, TemplateView):
    """Approve a pending scheme, saying how it was verified (NW-020), or decline it with a reason."""

    template_name = "watch_schemes/admin/decide.html"
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        self.scheme = get_object_or_404(WatchScheme.objects.select_related("ward"), pk=kwargs["pk"])
        require(request, "watch_schemes.decide_scheme", self.scheme)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"Decide: {self.scheme.name}"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("approve_form", ApproveForm())
        kwargs.setdefault("decline_form", DeclineForm())
        coordinators = self.scheme.coordinator_roles.select_related("user")
        return super().get_context_data(scheme=self.scheme, coordinators=coordinators, **kwargs)

    def post(self, request, *args, **kwargs):
        now = timezone.now()
        if request.POST.get("decision") == "approve":
            form = ApproveForm(request.POST)
            if form.is_valid():
                try:
                    services.approve_scheme(scheme=self.scheme, by=request.user, now=now, **form.cleaned_data)
                except DomainError as exc:
                    form.add_error(None, exc.message)
                else:
                    messages.success(request, f"{self.scheme.name} is approved.")
                    return redirect(reverse("wagtailsnippets_watch_schemes_watchscheme:list"))
            return self.render_to_response(self.get_context_data(approve_form=form))
        form = DeclineForm(request.POST)
        if form.is_valid():
            try:
                services.decline_scheme(scheme=self.scheme, by=request.user, now=now, **form.cleaned_data)
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, f"{self.scheme.name} is declined.")
                return redirect(reverse("wagtailsnippets_watch_schemes_watchscheme:list"))
        return self.render_to_response(self.get_context_data(decline_form=form))


AUDIT_COLUMNS = ("Scheme", "Type", "Ward", "Status", "Verification", "Last confirmed", "Review due",
                 "Households", "Members", "Coordinators")  # fmt: skip


def audit_rows():
    """One row per scheme for the audit (seed 004): by ward, with status, last confirmation and coordinators.

    Three queries whatever the size: schemes with their member counts, their coordinators, the wards.
    """
    schemes = list(
        WatchScheme.objects.select_related("ward")
        .annotate(member_count=Count("members", filter=Q(members__status="accepted")))
        .order_by("ward__name", "name")
    )
    names = {}
    for role in SchemeCoordinator.objects.select_related("user").order_by("role", "added_at"):
        names.setdefault(role.scheme_id, []).append(role.user.email)
    return [
        {
            "scheme": scheme,
            "values": (
                scheme.name,
                scheme.get_scheme_type_display(),
                scheme.ward.name if scheme.ward else "",
                scheme.get_status_display(),
                scheme.get_verification_display(),
                scheme.last_confirmed_on.isoformat() if scheme.last_confirmed_on else "",
                scheme.review_due.isoformat() if scheme.review_due else "",
                "" if scheme.households is None else scheme.households,
                scheme.member_count,
                "; ".join(names.get(scheme.pk, [])),
            ),
        }
        for scheme in schemes
    ]


MAP_SIZE = 480
STATUS_COLOURS = {"active": "#00703c", "inactive": "#f47738", "pending": "#505a5f", "closed": "#d4351c"}


def audit_map(schemes):
    """Each scheme as a dot on a square drawing of the area the schemes span (an SVG the admin's page draws
    without scripts or map tiles); the table beside it is the full text equivalent."""
    if not schemes:
        return []
    lats = [s.latitude for s in schemes]
    lngs = [s.longitude for s in schemes]
    span = max(max(lats) - min(lats), (max(lngs) - min(lngs)) * 0.62, 0.01)
    margin = 20
    scale = (MAP_SIZE - 2 * margin) / span
    return [
        {
            "x": round(margin + (s.longitude - min(lngs)) * 0.62 * scale, 1),
            "y": round(MAP_SIZE - margin - (s.latitude - min(lats)) * scale, 1),
            "colour": STATUS_COLOURS.get(s.status, "#505a5f"),
            "title": f"{s.name} ({s.get_status_display()})",
        }
        for s in schemes
    ]


class AuditView(WagtailAdminTemplateMixin, TemplateView):
    """The yearly audit of coordinators and locations (seed 004): every scheme by ward, and wards with none."""

    template_name = "watch_schemes/admin/audit.html"
    page_title = "Neighbourhood Watch audit"
    header_icon = "list-ul"

    def dispatch(self, request, *args, **kwargs):
        require(request, "watch_schemes.audit")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        rows = audit_rows()
        if request.GET.get("format") == "csv":
            response = HttpResponse(content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = 'attachment; filename="neighbourhood-watch-audit.csv"'
            writer = csv.writer(response)
            writer.writerow(AUDIT_COLUMNS)
            for row in rows:
                writer.writerow(row["values"])
            return response
        by_status = {}
        for row in rows:
            by_status[row["scheme"].get_status_display()] = by_status.get(row["scheme"].get_status_display(), 0) + 1
        points = audit_map([row["scheme"] for row in rows])
        context = self.get_context_data(
            columns=AUDIT_COLUMNS, rows=rows, by_status=sorted(by_status.items()),
            uncovered=wards_without_scheme(), points=points, map_size=MAP_SIZE,
        )  # fmt: skip
        return self.render_to_response(context)


class WardAlertView(WagtailAdminTemplateMixin, FormView):
    """An alert from the partnership to the members of every live scheme in chosen wards (NW-073)."""

    template_name = "watch_schemes/admin/ward_alert.html"
    form_class = WardAlertForm
    page_title = "Alert watch schemes in chosen wards"
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        require(request, "watch_schemes.send_ward_alert")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            message = services.send_ward_alert(by=self.request.user, now=timezone.now(), **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            return self.form_invalid(form)
        messages.success(self.request, f"Alert sent to {message.recipients} member(s).")
        return redirect(reverse("watch_schemes_ward_alert"))
