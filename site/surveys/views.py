"""Views translate: the resident's journey through a survey, polls, and the officer's results and exports.

The answers a resident has given so far live in their session (no account, no JavaScript needed) until they
send them from the check-your-answers page; "save and come back later" moves them into a draft and emails a
signed link.
"""

import datetime
import secrets
import tempfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django.views.generic import FormView

from core import caching
from core.exceptions import DomainError
from core.models import Ward
from core.views import ProtectedFormView
from surveys import exports, policies, results, services
from surveys.forms import (
    ConfirmByEmailForm,
    ImportForm,
    PollForm,
    PopulationImportForm,
    ResultsFilterForm,
    SaveForLaterForm,
    SectionForm,
    SubmitForm,
)
from surveys.models import ExportJob, Poll, Response, SurveyPage
from surveys.policies import Kind

RESPONDENT = "surveys:respondent"
DIRECT_XLSX_LIMIT = 5000
# Officers sign in where all staff do, the Wagtail admin's sign-in page.
officer_login_required = login_required(login_url="wagtailadmin_login")


def _answers_key(survey):
    return f"surveys:{survey.pk}:answers"


def _reference_key(survey):
    return f"surveys:{survey.pk}:reference"


def session_answers(request, survey):
    return dict(request.session.get(_answers_key(survey), {}))


def respondent_of(request):
    """A random id for this browser's session: how one response per person is recognised without an account."""
    if RESPONDENT not in request.session:
        request.session[RESPONDENT] = secrets.token_hex(16)
    return request.session[RESPONDENT]


def _ward_choices():
    return list(Ward.objects.order_by("name").values_list("code", "name"))


def _first_section_url(survey, answers):
    indexes = policies.visible_section_indexes(survey.questionnaire(), answers)
    return survey.url + survey.reverse_subpage("section", args=[indexes[0] + 1]) if indexes else survey.url


def _closed_response(request, survey, status):
    return TemplateResponse(
        request, "surveys/closed.html", {"page": survey, "survey": survey, "status": status}, status=200
    )


def start(request, survey):
    """The start page: why we ask, the ladder's promise, when it closes, and a Start button."""
    now = timezone.now()
    answers = session_answers(request, survey)
    caching.changes_at(request, caching.first_after(now, survey.opens_at, survey.closes_at))
    return TemplateResponse(
        request,
        "surveys/survey_page.html",
        {
            "page": survey,
            "survey": survey,
            "status": survey.status_at(now),
            "reference": request.session.get(_reference_key(survey)),
            "start_url": _first_section_url(survey, answers),
            "has_answers": bool(answers),
            "check_url": survey.url + survey.reverse_subpage("check_answers"),
        },
    )


class SurveyStepMixin:
    """The survey (and whether it is open) for each step of the journey."""

    def dispatch(self, request, *args, survey, **kwargs):
        self.survey = survey
        self.questionnaire = survey.questionnaire()
        status = survey.status_at(timezone.now())
        if status != policies.Status.OPEN:
            return _closed_response(request, survey, status)
        if request.session.get(_reference_key(survey)) and not isinstance(self, SaveForLaterView):
            return redirect(survey.url + survey.reverse_subpage("sent"))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(page=self.survey, survey=self.survey, **kwargs)


class SectionView(SurveyStepMixin, FormView):
    """One section of the survey as one GOV.UK question page, showing only the questions that apply."""

    template_name = "surveys/section.html"
    form_class = SectionForm

    def dispatch(self, request, *args, number, **kwargs):
        self.number = number
        return super().dispatch(request, *args, **kwargs)

    def setup_section(self):
        sections = self.questionnaire.sections
        if not 1 <= self.number <= len(sections):
            raise Http404("No such section")
        self.section = sections[self.number - 1]
        self.answers = session_answers(self.request, self.survey)
        self.pruned = policies.prune(self.questionnaire, self.answers)
        self.questions = policies.visible_questions(self.section, self.pruned)

    def get(self, request, *args, **kwargs):
        self.setup_section()
        if not self.questions:
            return redirect(self.next_url())
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.setup_section()
        if not self.questions:
            return redirect(self.next_url())
        form = self.get_form()
        valid = form.is_valid()
        if "save" in request.POST:
            self.remember(_valid_part(form))
            return redirect(self.survey.url + self.survey.reverse_subpage("save_for_later"))
        if not valid:
            form.renew_token()
            return self.form_invalid(form)
        self.remember(form.answers())
        return redirect(self.next_url())

    def remember(self, given):
        answers = {k: v for k, v in self.answers.items() if k not in self._names()}
        answers.update(given)
        self.request.session[_answers_key(self.survey)] = policies.prune(self.questionnaire, answers)
        respondent_of(self.request)

    def _names(self):
        names = set()
        for question in self.questions:
            names |= {question.reference, question.reference + policies.OTHER_SUFFIX}
        return names

    def next_url(self):
        answers = policies.prune(self.questionnaire, session_answers(self.request, self.survey))
        for index in policies.visible_section_indexes(self.questionnaire, answers):
            if index + 1 > self.number:
                return self.survey.url + self.survey.reverse_subpage("section", args=[index + 1])
        return self.survey.url + self.survey.reverse_subpage("check_answers")

    def back_url(self):
        for index in reversed(policies.visible_section_indexes(self.questionnaire, self.pruned)):
            if index + 1 < self.number:
                return self.survey.url + self.survey.reverse_subpage("section", args=[index + 1])
        return self.survey.url

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["questions"] = self.questions
        kwargs["wards"] = _ward_choices() if any(q.kind == Kind.WARD for q in self.questions) else ()
        kwargs["initial"] = SectionForm.initial_from(self.questions, self.pruned)
        return kwargs

    def get_context_data(self, **kwargs):
        visible = policies.visible_section_indexes(self.questionnaire, self.pruned)
        position = visible.index(self.number - 1) + 1 if self.number - 1 in visible else self.number
        return super().get_context_data(
            section=self.section,
            number=self.number,
            position=position,
            of=max(len(visible), position),
            back_url=self.back_url(),
            next_url=self.next_url(),
            **kwargs,
        )


def _valid_part(form):
    """The answers of a half-finished page that are valid on their own (kept when a resident saves for later)."""
    answers = {}
    for question in form.questions:
        for name in (question.reference, question.reference + policies.OTHER_SUFFIX):
            if name in form.cleaned_data and name not in form.errors and form.cleaned_data[name] not in (None, "", []):
                value = form.cleaned_data[name]
                answers[name] = int(value) if question.kind == Kind.RATING and name == question.reference else value
    return answers


class CheckAnswersView(SurveyStepMixin, ProtectedFormView):
    """Check your answers, then send them: the one post that creates a response (once, however often sent)."""

    template_name = "surveys/check_answers.html"

    def get_form_class(self):
        return ConfirmByEmailForm if self.survey.confirm_by_email else SubmitForm

    def get(self, request, *args, **kwargs):
        answers = session_answers(request, self.survey)
        missing = policies.missing_answers(self.questionnaire, answers)
        if missing:
            if answers:
                messages.info(request, "Some questions still need an answer.")
            return redirect(self.section_url_of(missing[0]))
        return super().get(request, *args, **kwargs)

    def section_url_of(self, question):
        for index, section in enumerate(self.questionnaire.sections):
            if question in section.questions:
                return self.survey.url + self.survey.reverse_subpage("section", args=[index + 1])
        return self.survey.url

    def get_context_data(self, **kwargs):
        answers = policies.prune(self.questionnaire, session_answers(self.request, self.survey))
        ward_names = dict(_ward_choices())
        summary = []
        for index, section in enumerate(self.questionnaire.sections):
            rows = []
            for question in policies.visible_questions(section, answers):
                rows.append((question, _display(question, answers, ward_names)))
            if rows:
                url = self.survey.url + self.survey.reverse_subpage("section", args=[index + 1])
                summary.append((section, url, rows))
        return super().get_context_data(summary=summary, **kwargs)

    def create(self, form):
        return services.submit_response(
            survey=self.survey,
            answers=session_answers(self.request, self.survey),
            respondent=respondent_of(self.request),
            email=form.cleaned_data.get("email", ""),
            now=timezone.now(),
        )

    def done(self, record):
        self.request.session[_reference_key(self.survey)] = record.reference
        self.request.session.pop(_answers_key(self.survey), None)
        return redirect(self.survey.url + self.survey.reverse_subpage("sent"))


def _display(question, answers, ward_names):
    value = answers.get(question.reference)
    if value in (None, "", []):
        return "Not answered"
    if question.kind == Kind.MULTIPLE_CHOICE:
        shown = list(value)
    elif question.kind == Kind.WARD:
        shown = [ward_names.get(value, value)]
    elif question.kind == Kind.DATE:
        date = datetime.date.fromisoformat(value)
        shown = [f"{date.day} {date:%B %Y}"]
    else:
        shown = [str(value)]
    other = answers.get(question.reference + policies.OTHER_SUFFIX)
    if other:
        shown.append(f"Other: {other}")
    return shown


def sent(request, survey):
    reference = request.session.get(_reference_key(survey))
    if not reference:
        return redirect(survey.url)
    response = Response.objects.filter(reference=reference).only("status").first()
    return TemplateResponse(
        request,
        "surveys/sent.html",
        {
            "page": survey,
            "survey": survey,
            "reference": reference,
            "awaiting_confirmation": response is not None and response.status != Response.Status.SUBMITTED,
        },
    )


class SaveForLaterView(SurveyStepMixin, ProtectedFormView):
    """Save and come back later: the answers so far go into a draft; the link comes by email."""

    template_name = "surveys/save.html"
    form_class = SaveForLaterForm

    def create(self, form):
        return services.save_draft(
            survey=self.survey,
            answers=session_answers(self.request, self.survey),
            email=form.cleaned_data["email"],
            now=timezone.now(),
        )

    def done(self, record):
        return TemplateResponse(
            self.request,
            "surveys/saved.html",
            {"page": self.survey, "survey": self.survey, "expires_at": record.expires_at},
        )


def resume(request, survey, token):
    try:
        answers = services.resume_draft(survey=survey, token=token, now=timezone.now())
    except DomainError as exc:
        return TemplateResponse(
            request, "surveys/link_problem.html", {"page": survey, "survey": survey, "message": exc.message}, status=410
        )
    request.session[_answers_key(survey)] = answers
    respondent_of(request)
    messages.success(request, "Welcome back: we have your answers so far.")
    return redirect(survey.url + survey.reverse_subpage("check_answers"))


def confirm(request, survey, token):
    try:
        response = services.confirm_response(survey=survey, token=token, now=timezone.now())
    except DomainError as exc:
        return TemplateResponse(
            request, "surveys/link_problem.html", {"page": survey, "survey": survey, "message": exc.message}, status=410
        )
    return TemplateResponse(
        request, "surveys/confirmed.html", {"page": survey, "survey": survey, "reference": response.reference}
    )


def published_results(request, survey):
    """The public results page: only what the officer published, with small numbers suppressed."""
    if not survey.publish_results:
        raise Http404("These results are not published")
    from surveys.analysis.views import published_concerns  # the concern analysis, when the officer publishes it

    return TemplateResponse(
        request,
        "surveys/published_results.html",
        {
            "page": survey,
            "survey": survey,
            "results": results.survey_results(survey, public=True),
            "concerns": published_concerns(survey),
        },
    )


# Quick polls -------------------------------------------------------------------------------------------------


def _voter(request):
    return "session:" + respondent_of(request)


def _back_to(request, fallback="/"):
    target = request.POST.get("next") or request.GET.get("next") or fallback
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = fallback
    return target


class PollVoteView(ProtectedFormView):
    """A vote from a poll block on any page; the resident returns to that page and sees the results."""

    template_name = "surveys/poll_vote.html"

    def dispatch(self, request, *args, poll_id, **kwargs):
        self.poll = get_object_or_404(Poll.objects.prefetch_related("options"), pk=poll_id)
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        return PollForm(**self.get_form_kwargs(), poll=self.poll)

    def get_context_data(self, **kwargs):
        return super().get_context_data(poll=self.poll, next=_back_to(self.request), **kwargs)

    def get(self, request, *args, **kwargs):
        return redirect(_back_to(request))

    def post(self, request, *args, **kwargs):
        if services.has_voted(poll=self.poll, voter=_voter(request)):
            messages.info(request, "You have already voted in this poll. Thank you.")
            return redirect(_back_to(request) + f"#poll-{self.poll.pk}")
        return super().post(request, *args, **kwargs)

    def create(self, form):
        return services.cast_vote(
            poll=self.poll, option_id=form.cleaned_data["option"], voter=_voter(self.request), now=timezone.now()
        )

    def done(self, record):
        messages.success(self.request, "Thank you for voting.")
        return redirect(_back_to(self.request) + f"#poll-{self.poll.pk}")


# Officers: results, exports, imports -------------------------------------------------------------------------


def _officer_survey(request, survey_id, perm="surveys.see_results"):
    if not request.user.has_perm(perm):
        raise PermissionDenied
    return get_object_or_404(SurveyPage, pk=survey_id)


@officer_login_required
def officer_results(request, survey_id):
    """Every question as a chart with its table, filtered by ward and dates; counts over time; who answered."""
    survey = _officer_survey(request, survey_id)
    wards = _ward_choices()
    form = ResultsFilterForm(request.GET or None, wards=wards)
    ward = date_from = date_to = None
    if form.is_bound and form.is_valid():
        code = form.cleaned_data["ward"]
        ward = Ward.objects.filter(code=code).first() if code else None
        date_from, date_to = form.cleaned_data["date_from"], form.cleaned_data["date_to"]
    return TemplateResponse(
        request,
        "surveys/officer_results.html",
        {
            "survey": survey,
            "form": form,
            "filtered": bool(ward or date_from or date_to),
            "results": results.survey_results(survey, ward=ward, date_from=date_from, date_to=date_to),
            "representation": results.representation(survey),
            "exports": ExportJob.objects.filter(survey=survey, requested_by=request.user)[:5],
            "free_text": [q for q in survey.questionnaire().questions() if q.is_free_text],
        },
    )


@officer_login_required
def export_csv(request, survey_id):
    survey = _officer_survey(request, survey_id, "surveys.export_responses")
    response = StreamingHttpResponse(exports.csv_chunks(survey), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{survey.slug}-responses.csv"'
    return response


@officer_login_required
def export_xlsx(request, survey_id):
    """XLSX while the survey is small; beyond that (openpyxl writes about 500 rows a second) in the background."""
    survey = _officer_survey(request, survey_id, "surveys.export_responses")
    if Response.objects.filter(survey=survey).counted().count() > DIRECT_XLSX_LIMIT:
        job = services.request_export(survey=survey, user=request.user, file_format="xlsx", now=timezone.now())
        messages.info(request, "This survey has many responses, so we are preparing the Excel file in the background.")
        return redirect("surveys:export", job_id=job.pk)
    handle = tempfile.TemporaryFile()  # noqa: SIM115  (FileResponse closes it once sent)
    exports.write_xlsx(survey, handle)
    handle.seek(0)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"{survey.slug}-responses.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@officer_login_required
@require_POST
def start_export(request, survey_id):
    survey = _officer_survey(request, survey_id, "surveys.export_responses")
    file_format = request.POST.get("format")
    if file_format not in ExportJob.Format.values:
        raise Http404("No such format")
    job = services.request_export(survey=survey, user=request.user, file_format=file_format, now=timezone.now())
    return redirect("surveys:export", job_id=job.pk)


def _own_export(request, job_id):
    job = get_object_or_404(ExportJob.objects.select_related("survey"), pk=job_id)
    if not request.user.has_perm("surveys.download_export", job):
        raise PermissionDenied
    return job


@officer_login_required
def export_progress(request, job_id):
    job = _own_export(request, job_id)
    return TemplateResponse(request, "surveys/export_progress.html", {"job": job, "survey": job.survey})


@officer_login_required
def export_status(request, job_id):
    job = _own_export(request, job_id)
    return JsonResponse(
        {
            "status": job.status,
            "done": job.done,
            "total": job.total,
            "percent": job.percent,
            "download": reverse("surveys:export_download", args=[job.pk]) if job.status == "done" else None,
        }
    )


@officer_login_required
def export_download(request, job_id):
    job = _own_export(request, job_id)
    if job.status != ExportJob.Status.DONE or not job.file:
        raise Http404("This export is not ready")
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.file.name.rsplit("/", 1)[-1])


@officer_login_required
def import_responses(request, survey_id):
    survey = _officer_survey(request, survey_id, "surveys.import_responses")
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        raw = form.cleaned_data["file"].read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            form.add_error("file", "The file must be a CSV saved as UTF-8")
        else:
            report = services.import_responses(survey=survey, csv_text=text, now=timezone.now())
    return render(request, "surveys/import.html", {"survey": survey, "form": form, "report": report})


@officer_login_required
def import_populations(request):
    if not request.user.has_perm("surveys.import_responses"):
        raise PermissionDenied
    form = PopulationImportForm(request.POST or None, request.FILES or None)
    outcome = None
    if request.method == "POST" and form.is_valid():
        try:
            text = form.cleaned_data["file"].read().decode("utf-8-sig")
        except UnicodeDecodeError:
            form.add_error("file", "The file must be a CSV saved as UTF-8")
        else:
            outcome = services.import_ward_populations(csv_text=text, source=form.cleaned_data["source"])
    return render(request, "surveys/import_populations.html", {"form": form, "outcome": outcome})
