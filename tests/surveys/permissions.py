"""Surveys and polls: only survey officers (communications officers and partnership admins) see raw responses,
exports and imports, and each officer downloads only the exports they asked for; the public answers surveys,
votes in polls and reads only published, suppressed results."""

from django.utils import timezone

from surveys.models import ExportJob, SurveyPage
from tests.factories import StaffFactory
from tests.permissions import ANYONE, Matrix, Route, World, page_route_key, page_route_url
from tests.surveys.factories import PollFactory, make_survey

OFFICERS = {"communications officer", "partnership admin"}


def world():
    from core.demo.loader import load_demo_data
    from tests.surveys.test_results import add_responses

    home = load_demo_data()
    survey = make_survey(home, title="Safer neighbourhoods survey", slug="safer-neighbourhoods-survey")
    survey.publish_results = True
    survey.save_revision().publish()
    add_responses(survey, 6)
    officer = StaffFactory(groups=["Communications officers"])
    someone_else = StaffFactory(groups=["Communications officers"])
    now = timezone.now()
    mine = ExportJob.objects.create(survey=survey, requested_by=officer, format="csv", created_at=now)
    theirs = ExportJob.objects.create(
        survey=survey, requested_by=someone_else, format="csv", status="done", created_at=now
    )
    return World(
        objects={"survey": survey, "poll": PollFactory(), "mine": mine, "theirs": theirs},
        users={"communications officer": officer},
    )


def page(name, label, *args, allowed=ANYONE, **kwargs):
    return Route(
        page_route_key(SurveyPage, name), label, lambda w: page_route_url(w["survey"], name, *args), allowed, **kwargs
    )


def s(w):
    return w["survey"].pk


MATRIX = Matrix(
    app="surveys",
    world=world,
    routes=[
        page("index_route", "open the survey's start page"),
        page("start", "start the survey"),
        page("section", "answer a section", 1),
        page("check_answers", "check your answers"),
        page("sent", "see the sent page (back to the start without a response)"),
        page("save_for_later", "save the answers for later"),
        page("resume", "come back with a forged save-for-later link", allowed=set()),
        page("confirm", "confirm a response with a forged link", allowed=set()),
        page("results", "read the published results"),
        Route("surveys:poll_vote", "vote in a quick poll (the form comes back to the page)",
              lambda w: f"/surveys/polls/{w['poll'].pk}/vote/", ANYONE),
        Route("surveys:results", "read the officer results", lambda w: f"/surveys/results/{s(w)}/", OFFICERS),
        Route("surveys:export_csv", "download the CSV export", lambda w: f"/surveys/results/{s(w)}/responses.csv",
              OFFICERS),
        Route("surveys:export_xlsx", "download the XLSX export", lambda w: f"/surveys/results/{s(w)}/responses.xlsx",
              OFFICERS),
        Route("surveys:start_export", "start a background export", lambda w: f"/surveys/results/{s(w)}/exports/",
              OFFICERS, method="post", data={"format": "csv"}),
        Route("surveys:import", "import responses", lambda w: f"/surveys/results/{s(w)}/import/", OFFICERS),
        Route("surveys:import_populations", "import ward populations", lambda w: "/surveys/ward-populations/",
              OFFICERS),
        Route("surveys:export", "follow your own export", lambda w: f"/surveys/exports/{w['mine'].pk}/",
              {"communications officer"}),
        Route("surveys:export_status", "ask how your own export is going",
              lambda w: f"/surveys/exports/{w['mine'].pk}/status/", {"communications officer"}),
        Route("surveys:export_status", "ask how another officer's export is going",
              lambda w: f"/surveys/exports/{w['theirs'].pk}/status/", set()),
        Route("surveys:export_download", "download another officer's export",
              lambda w: f"/surveys/exports/{w['theirs'].pk}/download/", set()),
        Route("surveys_results_index", "list surveys in the admin", lambda w: "/admin/survey-results/", OFFICERS),
        Route("wagtailsnippets_surveys_poll:list", "manage quick polls", lambda w: "/admin/snippets/surveys/poll/",
              OFFICERS),
    ],
)  # fmt: skip
