"""The ASB Case Review application journey (a resident, by signed link) and the case officers' desk.

Thin: a form in, a service called, a DomainError shown next to its field. The journey needs no account: the signed
link in the address is the applicant's key, so every page checks it and knows nothing else about the visitor.
Staff pages check the case officer permission and write an audit event for every view, change, download and
export (GD-013).
"""

import json
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from case_reviews import forms, letters, paper_form, policies, services, statistics
from case_reviews.exceptions import CaseReviewError
from case_reviews.models import (
    AffectedPerson,
    Application,
    CaseReviewSettings,
    Evidence,
    Incident,
    Letter,
    Recommendation,
    Status,
)
from core import audit
from core.exceptions import DomainError
from core.notifications import queue_email
from core.protection import check_rate_limit, client_ip


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    form_class: type | None = None
    only_when: object = None
    optional: bool = False

    def applies(self, application):
        return self.only_when is None or self.only_when(application)


STEPS = [
    Step("basis", "Who is applying", forms.BasisForm),
    Step("applicant", "Your details", forms.ApplicantForm),
    Step("victim", "The person affected", forms.VictimForm, only_when=lambda a: a.basis == "on_behalf"),
    Step("people", "Other people affected", only_when=lambda a: a.names_other_people),
    Step("home", "Their home", forms.HomeForm, optional=True),
    Step("contact", "Safe ways to contact you", forms.ContactForm),
    Step("incidents", "Incidents and who you reported them to"),
    Step("behaviour", "The behaviour", forms.BehaviourForm),
    Step("impact", "How it affects you", forms.ImpactForm),
    Step("evidence", "Evidence", optional=True),
    Step("support", "Support you may need", forms.SupportForm, optional=True),
    Step("equality", "Equality monitoring", forms.EqualityForm, optional=True),
    Step("declaration", "Declaration and consent", forms.DeclarationForm),
]
STEP_BY_SLUG = {step.slug: step for step in STEPS}


def _steps_for(application):
    return [step for step in STEPS if step.applies(application)]


def _next_url(application, token, slug):
    steps = _steps_for(application)
    slugs = [step.slug for step in steps]
    if slug in slugs and slugs.index(slug) + 1 < len(slugs):
        return _step_url(token, slugs[slugs.index(slug) + 1])
    return reverse("case_reviews:check", args=[token])


def _step_url(token, slug):
    if slug == "incidents":
        return reverse("case_reviews:incidents", args=[token])
    if slug == "evidence":
        return reverse("case_reviews:evidence", args=[token])
    if slug == "people":
        return reverse("case_reviews:people", args=[token])
    return reverse("case_reviews:step", args=[token, slug])


def _back_url(application, token, slug):
    slugs = [step.slug for step in _steps_for(application)]
    if slug in slugs and slugs.index(slug) > 0:
        return _step_url(token, slugs[slugs.index(slug) - 1])
    return reverse("case_reviews:overview", args=[token])


def _application_or_bad_link(request, token, *, draft=True):
    application = services.application_from_token(token)
    if application is None:
        return None, render(request, "case_reviews/apply/bad_link.html", status=404)
    if draft and not application.is_draft:
        return None, redirect("case_reviews:overview", token=token)
    return application, None


def _posted(request):
    """The posted data, even when empty (an optional page sent with nothing ticked is still an answer)."""
    return request.POST if request.method == "POST" else None


def _journey(request, template, context, status=200):
    response = render(request, template, {"review_settings": CaseReviewSettings.load(), **context}, status=status)
    response["Cache-Control"] = "no-store"  # the back button after a quick exit must not show a cached page
    return response


# The applicant's journey ------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def start(request):
    """Before you start: what you need, why we cannot accept an anonymous application (CT-023), other ways to apply
    (CT-070). Starting makes a draft and takes the applicant to its first page, whose address is their link."""
    error = None
    if request.method == "POST":
        try:
            check_rate_limit(scope="case-review-start", ip=client_ip(request))
        except DomainError as exc:
            error = exc.message
        else:
            application = services.start_application(now=timezone.now())
            return redirect("case_reviews:step", token=services.application_token(application), slug="basis")
    return _journey(request, "case_reviews/apply/start.html", {"error": error}, status=429 if error else 200)


@require_GET
def overview(request, token):
    """The applicant's own page: a task list while it is a draft; the progress of the case once sent (CT-080)."""
    application, bad = _application_or_bad_link(request, token, draft=False)
    if bad:
        return bad
    if application.is_draft:
        missing = {page for page, _ in services.missing_answers(application)}
        steps = [
            {"step": step, "url": _step_url(token, step.slug), "todo": step.slug in missing}
            for step in _steps_for(application)
        ]
        return _journey(request, "case_reviews/apply/task_list.html", {"application": application, "token": token,
                                                                        "steps": steps})  # fmt: skip
    events = application.events.exclude(note__startswith="Letter to send")
    return _journey(
        request,
        "case_reviews/apply/progress.html",
        {"application": application, "token": token, "events": events},
    )


@require_http_methods(["GET", "POST"])
def step(request, token, slug):
    """One question page. "Save and come back later" keeps the answers and shows the link to return with."""
    application, bad = _application_or_bad_link(request, token)
    if bad:
        return bad
    page = STEP_BY_SLUG.get(slug)
    if page is None or page.form_class is None or not page.applies(application):
        raise Http404("No such question page.")
    form = page.form_class(_posted(request), instance=application)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_answers(application=application, answers=form.answers(), now=timezone.now())
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            if "later" in request.POST:
                return redirect("case_reviews:saved", token=token)
            if "return_to_check" in request.GET:
                return redirect("case_reviews:check", token=token)
            application.refresh_from_db()
            return redirect(_next_url(application, token, slug))
    return _journey(
        request,
        "case_reviews/apply/step.html",
        {
            "application": application,
            "token": token,
            "page": page,
            "form": form,
            "back_url": _back_url(application, token, slug),
        },
        status=400 if form.errors else 200,
    )


@require_GET
def incidents(request, token):
    """The incidents so far, each with the agencies it went to; add more one page at a time (no JavaScript)."""
    application, bad = _application_or_bad_link(request, token)
    if bad:
        return bad
    return _journey(
        request,
        "case_reviews/apply/incidents.html",
        {
            "application": application,
            "token": token,
            "incidents": application.incidents.prefetch_related("reports"),
            "next_url": _next_url(application, token, "incidents"),
            "back_url": _back_url(application, token, "incidents"),
            "precheck": services.precheck(application, today=timezone.localdate()),
        },
    )


@require_http_methods(["GET", "POST"])
def incident_add(request, token):
    application, bad = _application_or_bad_link(request, token)
    if bad:
        return bad
    form = forms.IncidentForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_incident(
                application=application,
                happened_on=data["happened_on"],
                what_happened=data["what_happened"],
                hate=bool(data["hate"]),
                report=form.report(),
                now=timezone.now(),
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            if "later" in request.POST:
                return redirect("case_reviews:saved", token=token)
            return redirect("case_reviews:incidents", token=token)
    return _journey(
        request,
        "case_reviews/apply/incident_form.html",
        {"application": application, "token": token, "form": form, "title": "Add an incident"},
        status=400 if form.errors else 200,
    )


def _own_incident(application, incident_id):
    return get_object_or_404(Incident, pk=incident_id, application=application)


@require_http_methods(["GET", "POST"])
def report_add(request, token, incident_id):
    """Another agency the same incident was reported to: it still counts once (CT-033)."""
    application, bad = _application_or_bad_link(request, token)
    if bad:
        return bad
    incident = _own_incident(application, incident_id)
    form = forms.ReportForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if not k.startswith("reported_on_")}
        try:
            services.add_report(incident=incident, now=timezone.now(), **data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("case_reviews:incidents", token=token)
    return _journey(
        request,
        "case_reviews/apply/incident_form.html",
        {
            "application": application,
            "token": token,
            "form": form,
            "incident": incident,
            "title": f"Another organisation you reported the incident of {incident.happened_on:%-d %B %Y} to",
        },
        status=400 if form.errors else 200,
    )


@require_POST
def incident_remove(request, token, incident_id):
    application, bad = _application_or_bad_link(request, token)
    if bad:
        return bad
    _own_incident(application, incident_id)
    services.remove_incident(application=application, incident_id=incident_id, now=timezone.now())
    messages.success(request, "The incident has been removed.")
    return redirect("case_reviews:incidents", token=token)


def _people_step(request, application, token, *, error=None):
    return _journey(
        request,
        "case_reviews/apply/people.html",
        {
            "application": application,
            "token": token,
            "people": application.affected_people.all(),
            "needed": CaseReviewSettings.load().group_consents_needed if application.basis == "group" else 0,
            "error": error,
            "back_url": _back_url(application, token, "people"),
        },
        status=400 if error else 200,
    )


@require_http_methods(["GET", "POST"])
def people(request, token):
    """The other people affected, added one page at a time (CT-022, no JavaScript). Continuing checks that enough
    of a group have agreed, where the partnership asks for that."""
    application, bad = _application_or_bad_link(request, token)
    if bad:
        return bad
    if not application.names_other_people:
        raise Http404("Only a group, or one of several people affected, names other people.")
    if request.method == "POST":
        if "later" in request.POST:
            return redirect("case_reviews:saved", token=token)
        problem = services.group_consent_problem(application)
        if problem:
            return _people_step(request, application, token, error=problem)
        if "return_to_check" in request.GET:
            return redirect("case_reviews:check", token=token)
        return redirect(_next_url(application, token, "people"))
    return _people_step(request, application, token)


@require_http_methods(["GET", "POST"])
def person_add(request, token):
    application, bad = _application_or_bad_link(request, token)
    if bad:
        return bad
    if not application.names_other_people:
        raise Http404("Only a group, or one of several people affected, names other people.")
    form = forms.AffectedPersonForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.add_affected_person(application=application, now=timezone.now(), **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"{form.cleaned_data['name']} has been added.")
            return redirect("case_reviews:people", token=token)
    return _journey(
        request,
        "case_reviews/apply/person_form.html",
        {"application": application, "token": token, "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
def person_remove(request, token, person_id):
    application, bad = _application_or_bad_link(request, token)
    if bad:
        return bad
    get_object_or_404(AffectedPerson, pk=person_id, application=application)
    services.remove_affected_person(application=application, person_id=person_id, now=timezone.now())
    messages.success(request, "The person has been removed.")
    return redirect("case_reviews:people", token=token)


@require_http_methods(["GET", "POST"])
def evidence(request, token):
    """Upload supporting evidence or written consent (CT-022, CT-057): checked before it is stored, kept private."""
    application, bad = _application_or_bad_link(request, token)
    if bad:
        return bad
    form = forms.EvidenceForm(_posted(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_evidence(
                application=application, upload=form.cleaned_data["file"], kind=form.cleaned_data["kind"],
                now=timezone.now(),
            )  # fmt: skip
        except DomainError as exc:
            form.add_error("file" if exc.field == "file" else None, exc.message)
        else:
            messages.success(request, f"{form.cleaned_data['file'].name} has been uploaded.")
            return redirect("case_reviews:evidence", token=token)
    return _journey(
        request,
        "case_reviews/apply/evidence.html",
        {
            "application": application,
            "token": token,
            "form": form,
            "files": application.evidence.all(),
            "next_url": _next_url(application, token, "evidence"),
            "back_url": _back_url(application, token, "evidence"),
        },
        status=400 if form.errors else 200,
    )


@require_POST
def evidence_remove(request, token, evidence_id):
    application, bad = _application_or_bad_link(request, token)
    if bad:
        return bad
    get_object_or_404(Evidence, pk=evidence_id, application=application)
    services.remove_evidence(application=application, evidence_id=evidence_id)
    messages.success(request, "The file has been removed.")
    return redirect("case_reviews:evidence", token=token)


def _serve(evidence_row):
    try:
        handle = evidence_row.file.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404("The file is no longer stored.") from exc
    response = FileResponse(handle, as_attachment=True, filename=evidence_row.original_name,
                            content_type=evidence_row.content_type)  # fmt: skip
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def evidence_download(request, token, evidence_id):
    """The applicant's own file, through their link only (never a public address)."""
    application, bad = _application_or_bad_link(request, token, draft=False)
    if bad:
        return bad
    row = get_object_or_404(Evidence, pk=evidence_id, application=application)
    audit.record(actor=None, action=audit.DOWNLOAD, obj=application, detail="applicant by signed link",
                 request=request)  # fmt: skip
    return _serve(row)


@require_http_methods(["GET", "POST"])
def saved(request, token):
    """Save and come back later (CT-061): the link to return with, and, if they ask, an email with it."""
    application, bad = _application_or_bad_link(request, token)
    if bad:
        return bad
    fresh = services.application_token(application)
    link = request.build_absolute_uri(reverse("case_reviews:overview", args=[fresh]))
    emailed = False
    if request.method == "POST" and application.email:
        try:
            check_rate_limit(scope="case-review-link", ip=client_ip(request), email=application.email)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            queue_email(
                to=application.email,
                template="case_reviews/emails/resume_link",
                context={"link": link, "days": services.RESUME_LINK_DAYS},
                purpose="case-review-resume-link",
            )
            emailed = True
    return _journey(request, "case_reviews/apply/saved.html", {"application": application, "token": fresh,
                                                                "link": link, "emailed": emailed})  # fmt: skip


@require_http_methods(["GET", "POST"])
def check(request, token):
    """Check your answers, with the indicative pre-check (CT-039): it never stops anyone sending."""
    application, bad = _application_or_bad_link(request, token)
    if bad:
        return bad
    error = None
    if request.method == "POST":
        try:
            services.submit_application(application=application, now=timezone.now())
        except DomainError as exc:
            error = exc.message
        else:
            return redirect("case_reviews:sent", token=token)
    return _journey(
        request,
        "case_reviews/apply/check.html",
        {
            "application": application,
            "token": token,
            "missing": [(_step_url(token, page), message) for page, message in services.missing_answers(application)],
            "precheck": services.precheck(application, today=timezone.localdate()),
            "incidents": application.incidents.prefetch_related("reports"),
            "people": application.affected_people.all() if application.names_other_people else None,
            "files": application.evidence.all(),
            "sections": summary_sections(application, token),
            "error": error,
        },
        status=400 if error else 200,
    )


def _display(application, form, name):
    value = getattr(application, name, None) if name in form.fields and hasattr(application, name) else None
    if name in forms.EQUALITY_QUESTIONS:
        return application.equality.get(name, "") or "Not answered"
    field = form.fields[name]
    if value in (None, "", []):
        return "Not answered"
    if value is True:
        return "Yes"
    if value is False:
        return "No"
    choices = dict(getattr(field, "choices", []) or [])
    if isinstance(value, list):
        return ", ".join(str(choices.get(v, v)) for v in value)
    return str(choices.get(value, value))


def summary_sections(application, token):
    """Check your answers: each question page's answers, with a link back to change them."""
    sections = []
    for page in _steps_for(application):
        if page.form_class is None:
            continue
        form = page.form_class(instance=application)
        rows = [(form.fields[name].label, _display(application, form, name)) for name in form.fields]
        url = _step_url(token, page.slug) + "?return_to_check=1"
        sections.append({"title": page.title, "url": url, "rows": rows, "slug": page.slug})
    return sections


@require_GET
def sent(request, token):
    application, bad = _application_or_bad_link(request, token, draft=False)
    if bad:
        return bad
    if application.is_draft:
        return redirect("case_reviews:check", token=token)
    return _journey(request, "case_reviews/apply/sent.html", {"application": application, "token": token})


# Other ways to apply, and the partners' letter (CT-070..CT-072) -----------------------------------------------------


def _contact_line(review_settings):
    parts = [review_settings.contact_name]
    if review_settings.contact_phone:
        parts.append(f"phone {review_settings.contact_phone}")
    if review_settings.contact_email:
        parts.append(f"email {review_settings.contact_email}")
    if review_settings.contact_address:
        parts.append("post " + ", ".join(line.strip() for line in review_settings.contact_address.splitlines() if line))
    return "; ".join(parts)


def _information_page_url(request):
    from case_reviews.models import CaseReviewPage

    page = CaseReviewPage.objects.live().first()
    return page.get_url(request) if page else ""


@require_GET
def application_form(request):
    """The application form to print, or to read and fill in with help (CT-070, CT-072): the journey's questions."""
    review_settings = CaseReviewSettings.load()
    return render(
        request,
        "case_reviews/paper_form.html",
        {
            "sections": paper_form_sections(),
            "review_settings": review_settings,
            "information_page_url": _information_page_url(request),
        },
    )


def paper_form_sections():
    return paper_form.sections(STEPS)


@require_GET
def application_form_text(request):
    """The same form as a plain-text file, to fill in on any computer (CT-072)."""
    body = paper_form.as_text(paper_form_sections(), contact=_contact_line(CaseReviewSettings.load()))
    response = HttpResponse(body, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="asb-case-review-application-form.txt"'
    return response


@require_GET
def application_form_docx(request):
    """The same form as a Word document with real headings, to fill in on a computer or print (CT-072)."""
    body = paper_form.as_docx(paper_form_sections(), contact=_contact_line(CaseReviewSettings.load()))
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response["Content-Disposition"] = 'attachment; filename="asb-case-review-application-form.docx"'
    return response


def _partner_letter(request):
    review_settings = CaseReviewSettings.load()
    needed = review_settings.complaints_needed
    threshold = (
        f"you have complained about the same problem {needed} time{'s' if needed != 1 else ''} or more in the last "
        f"{review_settings.application_window_months} months, each time within "
        f"{review_settings.complaint_window_months} month{'s' if review_settings.complaint_window_months != 1 else ''}"
        " of it happening"
    )
    if review_settings.local_rules:
        threshold += ", or after " + " or ".join(review_settings.local_rules)
    return letters.letter(
        "partner_letter",
        {
            "threshold": threshold,
            "apply_url": request.build_absolute_uri(reverse("case_reviews:start")),
            "contact": _contact_line(review_settings),
        },
    )


@require_GET
def partner_letter(request):
    """ "Do you know about the ASB Case Review?" (CT-071): a page to share with any victim who reports ASB a second
    time, and the same words for partner agencies to put in their letters."""
    subject, body = _partner_letter(request)
    return render(
        request,
        "case_reviews/partner_letter.html",
        {
            "subject": subject,
            "paragraphs": [p for p in body.split("\n\n") if p.strip()],
            "review_settings": CaseReviewSettings.load(),
            "information_page_url": _information_page_url(request),
        },
    )


@require_GET
def partner_letter_text(request):
    """The partners' paragraph as a text file, to paste into a letter or message (CT-071)."""
    subject, body = _partner_letter(request)
    response = HttpResponse(f"{subject}\n\n{body}\n", content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="do-you-know-about-the-asb-case-review.txt"'
    return response


# The case officers' desk ------------------------------------------------------------------------------------------


def _officer(request, perm="case_reviews.work_cases"):
    if not request.user.has_perm(perm):
        raise PermissionDenied


def _staff_page(request, template, context, status=200):
    response = render(request, template, context, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required(login_url="wagtailadmin_login")
@require_GET
def cases(request):
    """Every case with its next step, due date and overdue flag (CT-088), newest first."""
    _officer(request)
    review_settings = CaseReviewSettings.load()
    targets = services.targets_from(review_settings)
    today = timezone.localdate()
    show = request.GET.get("show", "open")
    queryset = Application.objects.for_officers().prefetch_related(Prefetch("appeals", to_attr="appeal_list"))
    if show == "open":
        queryset = queryset.exclude(status=Status.CLOSED)
    rows = []
    for application in queryset[:500]:
        open_appeal = next((a for a in reversed(application.appeal_list) if a.decided_at is None), None)
        due = services.due_for(application, targets, open_appeal)
        rows.append({"application": application, "due": due, "overdue": bool(due and due.overdue(today))})
    audit.record(actor=request.user, action=audit.VIEW, obj=None, label="ASB case review list",
                 detail=f"listed {len(rows)} cases", request=request)  # fmt: skip
    context = {"rows": rows, "show": show, "today": today, "letters_to_post": Letter.objects.to_post().count()}
    return _staff_page(request, "case_reviews/staff/cases.html", context)


ACTIONS = {
    "acknowledge": (
        forms.AcknowledgeForm,
        lambda a, d, u, now: services.acknowledge(
            application=a, user=u, spoc=d["spoc"], victim_support_offered=d["victim_support_offered"], now=now
        ),
    ),
    "decide_threshold": (
        forms.ThresholdForm,
        lambda a, d, u, now: services.decide_threshold(application=a, user=u, now=now, **d),
    ),
    "schedule_meeting": (forms.MeetingForm, lambda a, d, u, now: services.schedule_meeting(application=a, user=u,
                                                                                           now=now, **d)),
    "hold_review": (forms.NoteForm, lambda a, d, u, now: services.hold_review(application=a, user=u, now=now, **d)),
    "share_action_plan": (forms.NoteForm, lambda a, d, u, now: services.share_action_plan(application=a, user=u,
                                                                                          now=now, **d)),
    "send_outcome": (forms.OutcomeForm, lambda a, d, u, now: services.send_outcome(application=a, user=u, now=now,
                                                                                   **d)),
    "open_appeal": (forms.AppealForm, lambda a, d, u, now: services.open_appeal(application=a, user=u, now=now, **d)),
    "decide_appeal": (forms.AppealDecisionForm, lambda a, d, u, now: services.decide_appeal(application=a, user=u,
                                                                                            now=now, **d)),
    "request_pcc_review": (forms.PccRequestForm, lambda a, d, u, now: services.request_pcc_review(
        application=a, user=u, now=now, **d)),
    "record_pcc_decision": (forms.PccDecisionForm, lambda a, d, u, now: services.record_pcc_decision(
        application=a, user=u, now=now, **d)),
    "close": (forms.CloseForm, lambda a, d, u, now: services.close_case(application=a, user=u, now=now, **d)),
    "add_recommendation": (
        forms.RecommendationForm,
        lambda a, d, u, now: services.add_recommendation(application=a, user=u, now=now, **d),
    ),
}  # fmt: skip
ACTION_TITLES = {
    "acknowledge": "Acknowledge and name the single point of contact",
    "decide_threshold": "Record the threshold decision",
    "schedule_meeting": "Schedule the review meeting",
    "hold_review": "Record the review as held",
    "share_action_plan": "Share the draft action plan with the victim",
    "send_outcome": "Send the outcome",
    "open_appeal": "Record an appeal",
    "decide_appeal": "Decide the appeal",
    "request_pcc_review": "Record a request for the PCC's review",
    "record_pcc_decision": "Record the PCC's decision",
    "close": "Close the case",
    "add_recommendation": "Add a recommendation",
}


def _case(pk):
    return get_object_or_404(Application.objects.sent().select_related("spoc"), pk=pk)


@login_required(login_url="wagtailadmin_login")
@require_http_methods(["GET", "POST"])
def case_detail(request, pk):
    """One case: the application, the pre-check, the clock, the history, and the forms for the next steps."""
    _officer(request)
    application = _case(pk)
    failed_action, failed_form = None, None
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in ACTIONS:
            raise Http404("No such step.")
        form_class, run = ACTIONS[action]
        form = form_class(request.POST, prefix=action)
        if form.is_valid():
            try:
                run(application, form.cleaned_data, request.user, timezone.now())
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, f"{ACTION_TITLES[action]}: done.")
                return redirect("case_reviews:case", pk=application.pk)
        failed_action, failed_form = action, form
    review_settings = CaseReviewSettings.load()
    due = services.due_for(application, services.targets_from(review_settings))
    available = [
        {"name": name, "title": ACTION_TITLES[name],
         "form": failed_form if name == failed_action else ACTIONS[name][0](prefix=name)}
        for name in ACTIONS
        if policies.can(name, application.status, pcc_review_enabled=review_settings.pcc_review_enabled)
    ]  # fmt: skip
    audit.record(actor=request.user, action=audit.VIEW, obj=application, detail="opened the case", request=request)
    people = list(application.affected_people.all())
    return _staff_page(
        request,
        "case_reviews/staff/case.html",
        {
            "application": application,
            "incidents": application.incidents.prefetch_related("reports"),
            "people": people,
            "people_agreed": sum(person.consents for person in people),
            "files": application.evidence.all(),
            "events": application.events.select_related("by"),
            "notifications": application.notifications.select_related("body"),
            "recommendations": application.recommendations.select_related("owner"),
            "appeals": application.appeals.all(),
            "pcc_reviews": application.pcc_reviews.all(),
            "letters": application.letters.select_related("sent_by"),
            "due": due,
            "overdue": bool(due and due.overdue(timezone.localdate())),
            "actions": available,
            "has_errors": failed_form is not None,
            "state_form": forms.RecommendationStateForm(),
        },
        status=400 if failed_form is not None else 200,
    )


@login_required(login_url="wagtailadmin_login")
@require_POST
def recommendation_update(request, pk, recommendation_id):
    _officer(request)
    application = _case(pk)
    recommendation = get_object_or_404(Recommendation, pk=recommendation_id, application=application)
    form = forms.RecommendationStateForm(request.POST)
    if form.is_valid():
        try:
            services.update_recommendation(recommendation=recommendation, user=request.user, **form.cleaned_data)
        except CaseReviewError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "The recommendation has been updated.")
    else:
        messages.error(request, "Choose a status for the recommendation.")
    return redirect("case_reviews:case", pk=application.pk)


@login_required(login_url="wagtailadmin_login")
@require_GET
def letters_to_post(request):
    """Every letter still to post, oldest first, across all cases: the applicants who said post is the safe way."""
    _officer(request)
    rows = Letter.objects.to_post().select_related("application")[:500]
    audit.record(actor=request.user, action=audit.VIEW, obj=None, label="ASB case review letters to post",
                 detail=f"listed {len(rows)} letters to post", request=request)  # fmt: skip
    return _staff_page(request, "case_reviews/staff/letters_to_post.html", {"rows": rows})


@login_required(login_url="wagtailadmin_login")
@require_GET
def letter_print(request, pk, letter_id):
    """One letter as it was written, laid out to print and post: the applicant's address, the date, the words."""
    _officer(request)
    application = _case(pk)
    letter = get_object_or_404(Letter, pk=letter_id, application=application)
    audit.record(actor=request.user, action=audit.VIEW, obj=application,
                 detail=f"opened letter {letter.pk} to print", request=request)  # fmt: skip
    return _staff_page(
        request,
        "case_reviews/staff/letter_print.html",
        {"application": application, "letter": letter, "review_settings": CaseReviewSettings.load()},
    )


@login_required(login_url="wagtailadmin_login")
@require_POST
def letter_sent(request, pk, letter_id):
    _officer(request)
    application = _case(pk)
    letter = get_object_or_404(Letter, pk=letter_id, application=application)
    services.mark_letter_sent(letter=letter, user=request.user, now=timezone.now())
    messages.success(request, f"Marked as sent: {letter.subject}.")
    if request.POST.get("next") == "letters":
        return redirect("case_reviews:letters_to_post")
    return redirect("case_reviews:case", pk=application.pk)


@login_required(login_url="wagtailadmin_login")
@require_GET
def staff_evidence_download(request, pk, evidence_id):
    _officer(request)
    application = _case(pk)
    row = get_object_or_404(Evidence, pk=evidence_id, application=application)
    audit.record(actor=request.user, action=audit.DOWNLOAD, obj=application,
                 detail=f"downloaded evidence {row.pk}", request=request)  # fmt: skip
    return _serve(row)


def export_case(application):
    """Everything held about one application, for a subject access request (GD-030) or a partner's secure copy."""
    fields = [f.name for f in Application._meta.concrete_fields if f.name not in ("id",)]
    data = {name: getattr(application, name) for name in fields if name not in ("spoc", "pcc_area")}
    data["spoc"] = application.spoc.email if application.spoc else None
    data["pcc_area"] = application.pcc_area.name if application.pcc_area else None
    data["incidents"] = [
        {
            "happened_on": incident.happened_on,
            "what_happened": incident.what_happened,
            "hate": incident.hate,
            "reports": list(incident.reports.values("reported_on", "agency", "agency_name", "officer", "reference",
                                                    "action_promised", "outcome", "reported_by")),
        }
        for incident in application.incidents.prefetch_related("reports")
    ]  # fmt: skip
    data["affected_people"] = list(application.affected_people.values("name", "contact", "consents"))
    data["evidence"] = list(application.evidence.values("kind", "original_name", "content_type", "size",
                                                        "uploaded_at"))  # fmt: skip
    data["history"] = list(application.events.values("status", "at", "note"))
    data["bodies_notified"] = list(application.notifications.values("body__name", "notified_at"))
    data["recommendations"] = list(application.recommendations.values("text", "owner__name", "due_on", "state",
                                                                      "note"))  # fmt: skip
    data["pcc_reviews"] = list(application.pcc_reviews.values("about", "by_agency", "details", "requested_at",
                                                              "decision", "decision_reasons", "decided_at"))  # fmt: skip
    data["letters"] = list(application.letters.values("subject", "body", "channel", "created_at", "sent_at"))
    data["appeals"] = list(application.appeals.values("kind", "ground", "by_agency", "details", "received_at",
                                                      "outcome", "outcome_reasons", "decided_at"))  # fmt: skip
    return data


@login_required(login_url="wagtailadmin_login")
@require_GET
def case_export(request, pk):
    _officer(request, "case_reviews.export_cases")
    application = _case(pk)
    audit.record(actor=request.user, action=audit.EXPORT, obj=application, detail="exported the case as JSON",
                 request=request)  # fmt: skip
    body = json.dumps(export_case(application), cls=DjangoJSONEncoder, indent=2)
    response = HttpResponse(body, content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{application.reference}.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required(login_url="wagtailadmin_login")
@require_GET
@never_cache
def statistics_csv(request):
    """The yearly statistics as CSV (CT-107): aggregates only, for sending to the PCC."""
    _officer(request)
    response = HttpResponse(statistics.as_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="asb-case-review-statistics.csv"'
    return response
