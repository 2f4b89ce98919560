"""Concern analysis (issue 6): only the officers who read survey results (communications officers and partnership
admins) see residents' concerns, compare rounds, import free text, publish and open the officer's word clouds; a
case officer holds nothing here. The public sees only the cloud an officer chose to publish, built from terms five
or more residents used."""

from django.utils import timezone

from surveys.analysis import services
from tests.factories import StaffFactory
from tests.permissions import ANYONE, Matrix, Route, World
from tests.surveys.analysis import corpus
from tests.surveys.analysis.factories import add_concerns, add_vocabulary
from tests.surveys.factories import make_survey

OFFICERS = {"communications officer", "partnership admin"}
QUESTION = "concerns"


def world():
    from core.demo.loader import load_demo_data

    home = load_demo_data()
    survey = make_survey(home, title="Safer neighbourhoods survey", slug="safer-neighbourhoods-survey")
    survey.publish_results = True
    survey.save_revision().publish()
    add_vocabulary()
    add_concerns(survey, corpus.CORPUS, question=QUESTION)
    officer = StaffFactory(groups=["Communications officers"])
    now = timezone.now()
    cached = services.analysis_for(services.Source(survey=survey, question=QUESTION), now=now)
    services.publish_concerns(
        survey=survey, question=QUESTION, show_cloud=True, show_table=True, show_themes=True, user=officer, now=now
    )
    return World(objects={"survey": survey, "cached": cached}, users={"communications officer": officer})


MATRIX = Matrix(
    app="concern_analysis",
    world=world,
    routes=[
        Route("concern_analysis:concerns", "read residents' concerns", lambda w: "/admin/concerns/", OFFICERS),
        Route("concern_analysis:compare", "compare two survey rounds", lambda w: "/admin/concerns/compare/", OFFICERS),
        Route("concern_analysis:import", "open the free-text import", lambda w: "/admin/concerns/import/", OFFICERS),
        Route("concern_analysis:publish", "choose what the public results page shows",
              lambda w: f"/admin/concerns/publish/{w['survey'].pk}/", OFFICERS, method="post",
              data={"question": QUESTION, "show_cloud": "on", "show_table": "on"}),
        Route("concern_analysis:cloud", "open the officer's word cloud (every term)",
              lambda w: f"/admin/concerns/{w['cached'].pk}/cloud.png", OFFICERS),
        Route("concern_analysis:cloud", "open the officer's word cloud as SVG",
              lambda w: f"/admin/concerns/{w['cached'].pk}/cloud.svg", OFFICERS),
        Route("surveys:concern_analysis_public:cloud", "see the published word cloud",
              lambda w: f"/surveys/concerns/{w['survey'].pk}/cloud.png", ANYONE),
    ],
)  # fmt: skip
