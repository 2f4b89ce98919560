"""Pages around engagement activities that are not Wagtail pages: hearing back, alerts, joining a task-and-finish
group, its members and outputs, and the ladder report. Thin: forms in, services called, DomainErrors shown."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from consultations import charts, exceptions, services
from consultations import rules as group_rules
from consultations.forms import AlertsForm, HearBackForm, JoinGroupForm, OutputForm
from consultations.models import ConsultationPage, GroupMembership, TaskGroupPage
from consultations.policies import GroupAction
from consultations.querysets import ladder_rows
from core import audit
from core.engagement import EngagementLevel
from core.exceptions import DomainError
from core.forms import whole_number
from core.views import ProtectedFormView


def _hub():
    from consultations.models import GetInvolvedPage

    return GetInvolvedPage.objects.live().public().first()


class HearBackView(ProtectedFormView):
    """ "Tell me what came of it" (EL-002): a resident who took part leaves an email address, used once."""

    template_name = "consultations/hear_back.html"
    form_class = HearBackForm

    def dispatch(self, request, *args, **kwargs):
        self.activity = get_object_or_404(ConsultationPage.objects.live().public(), pk=kwargs["page_id"])
        if not self.activity.owes_outcome or self.activity.is_complete:
            raise Http404("There is no outcome to wait for.")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(activity=self.activity, **kwargs)

    def create(self, form):
        return services.ask_to_hear_back(activity=self.activity, email=form.cleaned_data["email"])

    def done(self, record):
        messages.success(self.request, "Thank you. We will email you once, when we publish what came of this.")
        return redirect(self.activity.url)


class AlertsView(ProtectedFormView):
    """Sign up for alerts about new activities in chosen wards or topics (double opt-in)."""

    template_name = "consultations/alerts.html"
    form_class = AlertsForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(hub=_hub(), **kwargs)

    def create(self, form):
        data = form.cleaned_data
        return services.subscribe(email=data["email"], wards=data["wards"], topics=data["topics"])

    def done(self, record):
        self.request.session["alerts_email"] = record.email
        return redirect("consultations:alerts_sent")


@require_GET
def alerts_sent(request):
    email = request.session.get("alerts_email")
    if not email:
        return redirect("consultations:alerts")
    return render(request, "consultations/alerts_sent.html", {"email": email, "hub": _hub()})


@require_GET
def confirm_alerts(request, token):
    try:
        subscription = services.confirm(token=token)
    except exceptions.BadLink:
        return render(request, "consultations/bad_link.html", {"hub": _hub()}, status=404)
    return render(
        request,
        "consultations/alerts_confirmed.html",
        {
            "subscription": subscription,
            "wards": subscription.wards.all(),
            "topics": subscription.topics.all(),
            "unsubscribe_token": services.unsubscribe_token(subscription),
            "hub": _hub(),
        },
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """One click from an alert email: the subscription and the address are deleted at once.

    GET is the link in the email's body; POST is the mail program's own Unsubscribe button (RFC 8058), which sends
    no cookies and so no CSRF token: the signed token in the address is what proves the right to unsubscribe.
    """
    try:
        existed = services.unsubscribe(token=token)
    except exceptions.BadLink:
        return render(request, "consultations/bad_link.html", {"hub": _hub()}, status=404)
    return render(request, "consultations/unsubscribed.html", {"existed": existed, "hub": _hub()})


# Task-and-finish groups ----------------------------------------------------------------------------------------------


def _live_group(group_id):
    return get_object_or_404(TaskGroupPage.objects.live().public().select_related("ward"), pk=group_id)


class JoinGroupView(LoginRequiredMixin, ProtectedFormView):
    """A signed-in resident asks to join; the lead decides. An account lets members come back to the group."""

    template_name = "consultations/join_group.html"
    form_class = JoinGroupForm

    def dispatch(self, request, *args, **kwargs):
        self.group = _live_group(kwargs["group_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        membership = (
            GroupMembership.objects.filter(group=self.group, user=self.request.user).first()
            if self.request.user.is_authenticated
            else None
        )
        return super().get_context_data(group=self.group, membership=membership, **kwargs)

    def create(self, form):
        return services.ask_to_join(group=self.group, user=self.request.user, message=form.cleaned_data["message"])

    def done(self, record):
        messages.success(
            self.request, "You have asked to join. The group's lead will reply by email, usually within a week."
        )
        return redirect(self.group.url)


@login_required
@require_GET
def my_groups(request):
    """ "Your task-and-finish groups" on a resident's account: the groups they lead, belong to or asked to join."""
    memberships = (
        GroupMembership.objects.filter(user=request.user, status__in=["requested", "accepted"])
        .select_related("group")
        .order_by("-created_at")
    )
    return render(request, "consultations/my_groups.html", {"memberships": memberships, "hub": _hub()})


@login_required
@require_http_methods(["POST"])
def leave_group(request, group_id):
    group = _live_group(group_id)
    try:
        services.leave(group=group, user=request.user)
    except DomainError as exc:  # not in the group: nothing of theirs to leave
        raise PermissionDenied(exc.message) from exc
    messages.success(request, "You have left the group. You can ask to join again at any time.")
    return redirect(group.url)


def _require(request, action, group):
    if not group_rules.can(request.user, action, group):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def members(request, group_id):
    """The members and requests to join: seen by the lead, members and officers; the lead and officers decide."""
    group = _live_group(group_id)
    _require(request, GroupAction.SEE_MEMBERS, group)
    can_accept = group_rules.can(request.user, GroupAction.ACCEPT, group)
    is_officer = group_rules.is_consultations_officer(request.user)
    error = None
    if request.method == "POST":
        membership_id = whole_number(request.POST.get("membership"))
        if membership_id is None:
            raise Http404("No such request to join.")
        membership = get_object_or_404(GroupMembership, pk=membership_id, group=group)
        action = request.POST.get("action")
        if not (can_accept if action in ("accept", "decline") else action == "make-lead" and is_officer):
            raise PermissionDenied
        try:
            if action in ("accept", "decline"):
                services.decide(membership=membership, accept=action == "accept", user=request.user)
                messages.success(
                    request,
                    f"{membership.user.get_full_name() or membership.user.email}: {action}ed. They have been told.",
                )
            elif action == "make-lead":
                services.make_lead(membership=membership, user=request.user)
                messages.success(request, "They are now a lead of this group.")
        except DomainError as exc:
            error = exc.message
        else:
            audit.record(actor=request.user, action=audit.CHANGE, obj=membership, detail=action, request=request)
            return redirect("consultations:members", group_id=group.pk)
    memberships = GroupMembership.objects.filter(group=group).select_related("user").exclude(status="left")
    if not can_accept:
        memberships = memberships.filter(status="accepted")
    if request.user.is_staff:
        audit.record(
            actor=request.user, action=audit.VIEW, obj=group, detail="saw the group's members", request=request
        )
    return render(
        request,
        "consultations/members.html",
        {
            "group": group,
            "memberships": memberships,
            "can_accept": can_accept,
            "is_officer": is_officer,
            "error": error,
        },
        status=400 if error else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def publish_output(request, group_id):
    group = _live_group(group_id)
    _require(request, GroupAction.PUBLISH, group)
    form = OutputForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.publish_output(group=group, user=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "The output is published on the group's page.")
            return redirect(group.url)
    return render(
        request, "consultations/publish_output.html", {"group": group, "form": form}, status=400 if form.errors else 200
    )


# The ladder report ---------------------------------------------------------------------------------------------------


def _report_rows(request):
    rows = ladder_rows(ConsultationPage.objects.live().public())
    years = sorted({row.year for row in rows}, reverse=True)
    year = whole_number(request.GET.get("year"))
    if year not in years:
        return rows, years, ""
    return [row for row in rows if row.year == year], years, str(year)


CSV_HEADER = [
    "Year",
    "Area",
    *[level.label for level in EngagementLevel],
    "Total",
    "Share at involve and co-produce (%)",
]


def _csv_row(row):
    return [row.year, row.area, *row.counts, row.total, row.share_involve_and_above]


@require_GET
def ladder_report(request):
    """The ladder report (issue 4, 5), public and for admins alike: activities per rung per ward per year."""
    rows, years, year = _report_rows(request)
    totals = [row for row in rows if row.area == "All activities"]
    return render(
        request,
        "consultations/ladder_report.html",
        {
            "rows": rows,
            "years": years,
            "year": year,
            "header": CSV_HEADER,
            "levels": list(EngagementLevel),
            "chart": charts.ladder_chart(totals),
            "hub": _hub(),
            "generated": timezone.now(),
        },
    )


@require_GET
def ladder_report_csv(request):
    rows, _years, year = _report_rows(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="engagement-ladder{"-" + year if year else ""}.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_HEADER)
    for row in rows:
        writer.writerow(_csv_row(row))
    return response
