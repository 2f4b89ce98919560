"""Views translate: the officer's Concerns view (filters, cloud, table, themes), comparing rounds, publishing,
importing free text, and the cloud pictures (the officer's, and the public one with small numbers left out)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.exceptions import DomainError
from core.forms import whole_number
from core.models import Ward
from surveys.analysis import policies, querysets, results, services
from surveys.analysis.forms import CompareForm, ConcernFilterForm, ImportTextForm, PublishForm
from surveys.analysis.models import CachedAnalysis, ConcernPublication, TextSet, Theme
from surveys.models import SurveyPage

officer_login_required = login_required(login_url="wagtailadmin_login")


def _require(request, perm="concern_analysis.see_concerns"):
    if not request.user.has_perm(perm):
        raise PermissionDenied


def source_choices():
    """[(value, label)]: every survey's written-answer questions, then every imported set."""
    choices = []
    for survey in SurveyPage.objects.order_by("-first_published_at", "title"):
        for reference, text in querysets.free_text_questions(survey):
            short = text if len(text) <= 70 else text[:67] + "..."
            choices.append((f"survey:{survey.pk}:{reference}", f"{survey.title}: {short}"))
    for text_set in TextSet.objects.all():
        choices.append((f"set:{text_set.pk}", f"Imported: {text_set.name}"))
    return choices


def parse_source(value):
    """The survey and question, or the imported set, a source choice names (Http404 if it names nothing)."""
    kind, _, rest = (value or "").partition(":")
    if kind == "survey":
        survey_id, _, question = rest.partition(":")
        survey = SurveyPage.objects.filter(pk=whole_number(survey_id) or 0).first()
        if survey and question in dict(querysets.free_text_questions(survey)):
            return {"survey": survey, "question": question}
    elif kind == "set" and whole_number(rest) is not None:
        text_set = TextSet.objects.filter(pk=whole_number(rest)).first()
        if text_set:
            return {"text_set": text_set}
    raise Http404("No such answers to analyse")


def _wards():
    return list(Ward.objects.order_by("name").values_list("code", "name"))


@officer_login_required
def concerns(request):
    """What residents are worried about: the word cloud, the top 50 words and phrases, and the themes."""
    _require(request)
    sources = source_choices()
    themes = list(Theme.objects.values_list("name", flat=True))
    data = request.GET.copy() if request.GET else None
    if data is None and sources:
        data = {"source": sources[0][0]}
    form = ConcernFilterForm(data, sources=sources, wards=_wards(), themes=themes)
    context = {"form": form, "sources": sources, "cached": None, "shown": None, "publication": None}
    if sources and form.is_valid():
        chosen = parse_source(form.cleaned_data["source"])
        code = form.cleaned_data["ward"]
        source = services.Source(
            **chosen,
            ward=Ward.objects.filter(code=code).first() if code else None,
            date_from=form.cleaned_data["date_from"],
            date_to=form.cleaned_data["date_to"],
            theme=form.cleaned_data["theme"],
        )
        vocab = querysets.vocabulary()
        cached = services.analysis_for(source, now=timezone.now(), vocab=vocab)
        context["cached"] = cached
        context["filtered"] = any(source.filters().values())
        if cached.status == CachedAnalysis.Status.DONE:
            context["shown"] = results.present(cached, vocab)
        if source.survey is not None:
            publication = ConcernPublication.objects.filter(survey=source.survey).first()
            context["publication"] = publication
            context["survey"] = source.survey
            context["publish_form"] = PublishForm(
                initial={
                    "show_cloud": publication.show_cloud if publication else True,
                    "show_table": publication.show_table if publication else True,
                    "show_themes": publication.show_themes if publication else True,
                }
            )
            context["can_publish"] = request.user.has_perm("concern_analysis.change_concernpublication")
    return TemplateResponse(request, "concern_analysis/concerns.html", context)


@officer_login_required
def picture(request, cached_id, fmt):
    """The officer's word cloud as PNG or SVG (every term, however few residents used it)."""
    _require(request)
    cached = get_object_or_404(CachedAnalysis.objects.only("png", "svg", "status"), pk=cached_id, status="done")
    return _picture_response(bytes(cached.png) if fmt == "png" else cached.svg, fmt, f"concerns-{cached_id}")


def public_picture(request, survey_id, fmt):
    """The published word cloud: only terms 5 or more residents used, and only if the officer chose to show it."""
    publication = ConcernPublication.objects.filter(survey_id=survey_id, show_cloud=True).select_related("survey")
    publication = publication.first()
    if publication is None or not publication.survey.live or not publication.survey.specific.publish_results:
        raise Http404("This word cloud is not published")
    cached = published_analysis(publication)
    if cached is None or cached.status != CachedAnalysis.Status.DONE:
        raise Http404("The word cloud is still being prepared")
    body = bytes(cached.public_png) if fmt == "png" else cached.public_svg
    return _picture_response(body, fmt, f"concerns-{publication.survey.slug}")


def _picture_response(body, fmt, name):
    if not body:
        raise Http404("No picture")
    content_type = "image/png" if fmt == "png" else "image/svg+xml"
    response = HttpResponse(body, content_type=content_type)
    if "download" in fmt or fmt == "svg":
        response["Content-Disposition"] = f'inline; filename="{name}.{fmt}"'
    response["Cache-Control"] = "private, max-age=300"
    return response


def published_analysis(publication, *, vocab=None):
    """The whole survey's analysis behind a publication (made now if small, queued if large)."""
    source = services.Source(survey=publication.survey.specific, question=publication.question)
    return services.analysis_for(source, now=timezone.now(), vocab=vocab)


def published_concerns(survey):
    """Context for the public results page: None unless the officer chose to publish the survey's concerns."""
    publication = ConcernPublication.objects.filter(survey=survey).first()
    if publication is None:
        return None
    vocab = querysets.vocabulary()
    cached = published_analysis(publication, vocab=vocab)
    shown = results.present(cached, vocab, public=True) if cached.status == CachedAnalysis.Status.DONE else None
    return {
        "publication": publication,
        "shown": shown,
        "picture_url": reverse("surveys:concern_analysis_public:cloud", args=[survey.pk, "png"]),
        "svg_url": reverse("surveys:concern_analysis_public:cloud", args=[survey.pk, "svg"]),
    }


@officer_login_required
@require_POST
def publish(request, survey_id):
    _require(request, "concern_analysis.change_concernpublication")
    survey = get_object_or_404(SurveyPage, pk=survey_id)
    form = PublishForm(request.POST)
    form.is_valid()
    question = request.POST.get("question", "")
    try:
        publication = services.publish_concerns(
            survey=survey,
            question=question,
            user=request.user,
            now=timezone.now(),
            **{name: form.cleaned_data.get(name, False) for name in ("show_cloud", "show_table", "show_themes")},
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if publication is None:
            messages.success(request, "The concerns are no longer shown on the public results page.")
        elif survey.publish_results:
            messages.success(request, "The public results page now shows what you chose, without small numbers.")
        else:
            messages.warning(
                request,
                "Saved. The survey's public results page is switched off: turn on “publish results” in the "
                "survey's settings for residents to see it.",
            )
    return redirect(reverse("concern_analysis:concerns") + f"?source=survey:{survey.pk}:{question}")


@officer_login_required
def compare(request):
    """Two survey rounds side by side: each theme's share of responses, what rose and what fell."""
    _require(request)
    sources = source_choices()
    form = CompareForm(request.GET or None, sources=sources)
    context = {"form": form, "changes": None}
    if form.is_bound and form.is_valid():
        vocab = querysets.vocabulary()
        rounds = []
        for field in ("before", "after"):
            cached = services.analysis_for(
                services.Source(**parse_source(form.cleaned_data[field])), now=timezone.now(), vocab=vocab
            )
            rounds.append(cached)
        if all(c.status == CachedAnalysis.Status.DONE for c in rounds):
            before, after = (c.result for c in rounds)
            context["changes"] = policies.compare(
                before["themes"], before["responses"], after["themes"], after["responses"]
            )
            context["totals"] = (before["responses"], after["responses"])
            labels = dict(sources)
            context["labels"] = (labels[form.cleaned_data["before"]], labels[form.cleaned_data["after"]])
        else:
            context["waiting"] = rounds
    return TemplateResponse(request, "concern_analysis/compare.html", context)


@officer_login_required
def import_text(request):
    """Import free text from CSV (public-meeting questions, comments) to analyse it like a survey's answers."""
    _require(request, "concern_analysis.add_textset")
    form = ImportTextForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            text = form.cleaned_data["file"].read().decode("utf-8-sig")
        except UnicodeDecodeError:
            form.add_error("file", "The file must be a CSV saved as UTF-8")
        else:
            try:
                report = services.import_text_set(
                    name=form.cleaned_data["name"],
                    description=form.cleaned_data["description"],
                    csv_text=text,
                    user=request.user,
                    now=timezone.now(),
                )
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
    return TemplateResponse(request, "concern_analysis/import.html", {"form": form, "report": report})
