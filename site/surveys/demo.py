"""Demo: the "Safer neighbourhoods survey", after SaferMK's 2016 survey (seed 004), with generated responses.

Seed 004 asked residents whether crime had gone up (most thought it had, though recorded crime was flat) and
"What (if any), are the issues in your neighbourhood or the area where you work that cause you concern?".
The responses are generated from a fixed random seed across the Milton Keynes wards, so every run makes the
same ones; running the loader again changes nothing.
"""

import random
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from core.engagement import EngagementLevel
from core.models import HomePage, Ward
from surveys import policies, services
from surveys.models import Answer, Poll, PollOption, Response, SurveyPage

RESPONSES = 420
SEED = 2016

CRIME_CHANGE = [
    "Increased a lot",
    "Increased a little",
    "Stayed about the same",
    "Decreased a little",
    "Decreased a lot",
    "Don't know",
]
CONCERN_QUESTION = (
    "So that SaferMK can prioritise our work, please tell us: what (if any) are the issues in your "
    "neighbourhood or the area where you work that cause you concern?"
)
SEEN = ["Speeding", "Anti-social behaviour", "Fly-tipping", "Drug dealing", "Burglary", "Vandalism or graffiti"]
AGES = ["16 to 24", "25 to 44", "45 to 64", "65 or over", "Prefer not to say"]


def _q(kind, reference, text, **extra):
    value = {
        "text": text,
        "reference": reference,
        "help_text": extra.pop("help_text", ""),
        "required": extra.pop("required", True),
        "show_if_reference": extra.pop("show_if_reference", ""),
        "show_if_answer": extra.pop("show_if_answer", ""),
        "publish": extra.pop("publish", True),
        **extra,
    }
    return {"type": kind, "value": value}


def _section(title, questions, intro="", equality=False):
    return {
        "type": "section",
        "value": {"title": title, "intro": intro, "equality_monitoring": equality, "questions": questions},
    }


SECTIONS = [
    _section(
        "Where you live",
        [
            _q("ward", "ward", "Which ward do you live in?", help_text="If you are not sure, choose the nearest"),
            _q(
                "single_choice",
                "connection",
                "How are you connected to Milton Keynes?",
                choices=["I live here", "I work here", "I live and work here"],
                allow_other=True,
            ),
        ],
    ),
    _section(
        "Crime and safety",
        [
            _q(
                "single_choice",
                "crime-perception",
                "In the last year, do you think crime in your neighbourhood has increased, decreased or stayed the same?",
                choices=CRIME_CHANGE,
            ),
            _q(
                "agreement_scale",
                "feel-safe",
                "I feel safe walking alone in my neighbourhood after dark",
            ),
            _q(
                "single_choice",
                "victim",
                "Have you been a victim of crime in Milton Keynes in the last 12 months?",
                choices=["Yes", "No", "Prefer not to say"],
            ),
        ],
    ),
    _section(
        "Reporting crime",
        [
            _q(
                "single_choice",
                "reported",
                "Did you report it to the police?",
                choices=["Yes", "No"],
                show_if_reference="victim",
                show_if_answer="Yes",
            ),
            _q(
                "rating",
                "report-handling",
                "How well was it dealt with?",
                help_text="1 is very poorly, 5 is very well",
                maximum="5",
                required=False,
                show_if_reference="victim",
                show_if_answer="Yes",
            ),
        ],
        intro="You told us you have been a victim of crime. We are sorry that happened.",
    ),
    _section(
        "Your concerns",
        [
            _q("long_text", "concerns", CONCERN_QUESTION, required=False, publish=False),
            _q(
                "multiple_choice",
                "seen",
                "Which of these have you seen in your neighbourhood in the last 12 months?",
                help_text="Select all that apply",
                choices=SEEN,
                allow_other=True,
                required=False,
            ),
        ],
    ),
    _section(
        "About you",
        [
            _q("single_choice", "age", "How old are you?", choices=AGES),
            _q(
                "single_choice",
                "disability",
                "Do you consider yourself to have a disability?",
                choices=["Yes", "No", "Prefer not to say"],
            ),
        ],
        intro="These questions are optional.",
        equality=True,
    ),
]

CONCERN_PHRASES = [
    "speeding cars on the grid roads",
    "cars speeding past the school at pick up time",
    "anti social behaviour in the underpass",
    "antisocial behaviour by groups of youths at night",
    "fly tipping behind the shops",
    "fly-tipping in the redways",
    "drug dealing near the local centre",
    "people dealing drugs in the car park",
    "burglaries on our estate",
    "a burglary next door last month",
    "street lighting is poor on the redway",
    "broken street lights",
    "parking on pavements and verges",
    "inconsiderate parking near the school",
    "not enough police presence",
    "we never see a police officer",
    "litter and dog fouling",
    "graffiti on the bridges",
    "noise from motorbikes late at night",
    "off road bikes on the paths",
    "car crime and catalytic converter theft",
]


def load(stdout=None):
    say = stdout.write if stdout else (lambda _msg: None)
    home = HomePage.objects.first()
    if home is None:
        say("No home page: load the core demo first")
        return None
    survey = SurveyPage.objects.child_of(home).filter(slug="safer-neighbourhoods-survey").first()
    if survey is None:
        survey = home.add_child(
            instance=SurveyPage(
                title="Safer neighbourhoods survey",
                slug="safer-neighbourhoods-survey",
                intro="<p>Tell us how safe you feel where you live and work, and what worries you. "
                "Your answers help the SaferMK Partnership decide what to work on first.</p>",
                engagement_level=EngagementLevel.CONSULT,
                time_to_complete="about 5 minutes",
                sections=SECTIONS,
                publish_results=True,
                thank_you="<p>We will publish a summary of what residents told us, and what the partnership "
                "is doing about it, on this site.</p>",
                more=[{"type": "poll", "value": {"poll": ensure_poll().pk}}],
            )
        )
        survey.save_revision().publish()
        survey = SurveyPage.objects.get(pk=survey.pk)
    made = generate_responses(survey) if not survey.responses.exists() else 0
    say(f"Safer neighbourhoods survey: {survey.responses.count()} responses ({made} generated)")
    return survey


def ensure_poll():
    poll = Poll.objects.filter(question="What should the partnership tackle first this month?").first()
    if poll is None:
        poll = Poll(question="What should the partnership tackle first this month?")
        poll.options = [PollOption(text=text) for text in ("Speeding", "Anti-social behaviour", "Fly-tipping")]
        poll.save()
    return poll


@transaction.atomic
def generate_responses(survey, count=RESPONSES, seed=SEED):
    """Deterministic responses spread over May to August 2026 and across the wards (some wards answer more)."""
    rng = random.Random(seed)
    wards = list(Ward.objects.filter(local_authority__code="E06000042").order_by("code"))
    if not wards:
        return 0
    weights = [rng.uniform(0.3, 2.0) for _ in wards]
    questionnaire = survey.questionnaire()
    start = timezone.make_aware(datetime(2026, 5, 1, 8, 0))
    made = 0
    for i in range(count):
        ward = rng.choices(wards, weights)[0]
        answers = _random_answers(rng, ward)
        response = Response.objects.create(
            survey=survey,
            respondent_key=services.respondent_key(scope=f"survey:{survey.pk}", identity=f"demo:{seed}:{i}"),
            ward=ward,
            submitted_at=start + timedelta(minutes=rng.randint(0, 122 * 24 * 60)),
        )
        Answer.objects.bulk_create(
            Answer(response=response, question=r.reference, value=r.value, detail=r.detail, number=r.number)
            for r in policies.answer_rows(questionnaire, answers)
        )
        made += 1
    return made


def _random_answers(rng, ward):
    answers = {
        "ward": ward.code,
        "connection": rng.choices(["I live here", "I work here", "I live and work here", "Other"], [60, 10, 28, 2])[0],
        # Seed 004: most residents believed crime had risen although recorded crime was flat.
        "crime-perception": rng.choices(CRIME_CHANGE, [30, 28, 25, 5, 2, 10])[0],
        "feel-safe": rng.choices(policies.AGREEMENT_SCALE, [10, 30, 25, 22, 13])[0],
        "victim": rng.choices(["Yes", "No", "Prefer not to say"], [18, 77, 5])[0],
    }
    if answers["connection"] == "Other":
        answers["connection__other"] = rng.choice(["I study here", "I visit family here"])
    if answers["victim"] == "Yes":
        answers["reported"] = rng.choice(["Yes", "No"])
        answers["report-handling"] = rng.randint(1, 5)
    if rng.random() < 0.8:
        phrases = rng.sample(CONCERN_PHRASES, rng.randint(1, 3))
        answers["concerns"] = ". ".join(p[0].upper() + p[1:] for p in phrases) + "."
    seen = [item for item in SEEN if rng.random() < 0.3]
    if seen:
        answers["seen"] = seen
    if rng.random() < 0.7:
        answers["age"] = rng.choice(AGES)
        answers["disability"] = rng.choices(["Yes", "No", "Prefer not to say"], [15, 75, 10])[0]
    return answers
