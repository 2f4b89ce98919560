"""Demo: the concern themes, stop-words and synonyms a partnership starts with, linked to the SaferMK
priorities, and the demo survey's concerns analysed and published on its results page (seed 004's word cloud).

Idempotent: existing themes, words and synonyms are left as officers changed them.
"""

from django.utils import timezone

from surveys.analysis import policies, services
from surveys.analysis.models import ConcernPublication, StopWord, SynonymGroup, Theme

# (name, description, words and phrases, the SaferMK priority that answers it, if any)
THEMES = [
    (
        "Anti-social behaviour",
        "Nuisance, intimidation and damage in public places.",
        ["anti-social behaviour", "graffiti", "vandalism", "intimidation", "groups", "gangs", "underpass"],
        "Community participation and involvement",
    ),
    (
        "Speeding and parking",
        "Speeding, dangerous driving and inconsiderate parking.",
        ["speeding", "speed", "racing", "parking", "parked", "pavements", "verges", "grid roads", "traffic"],
        "",
    ),
    ("Drugs", "Drug dealing and drug use.", ["drug dealing", "drugs", "drug", "dealing", "dealers", "cannabis"], ""),
    ("Burglary", "Burglary of homes, sheds and garages.", ["burglary", "break ins", "broken into", "shed"], ""),
    (
        "Litter and fly-tipping",
        "Fly-tipping, litter and dog fouling: what Environment Vision Audits look for (seed 004).",
        ["fly tipping", "litter", "rubbish", "dog fouling", "dumped"],
        "Sustainable community support",
    ),
    (
        "Street lighting",
        "Broken or poor street lights, dark redways and underpasses.",
        ["street lights", "street lighting", "lights", "dark"],
        "Sustainable community support",
    ),
    ("Youth", "Young people with nothing to do, and their safety.", ["youths", "youth", "teenagers", "kids"], ""),
    (
        "Police visibility",
        "Seeing police officers and PCSOs in the neighbourhood.",
        ["police presence", "police officer", "police", "pcso", "patrols"],
        "Community engagement",
    ),
    ("Noise", "Noise at night, motorbikes, parties.", ["noise", "noisy", "motorbikes", "loud"], ""),
    (
        "Vehicle crime",
        "Car crime, catalytic converter theft, off-road bikes.",
        ["car crime", "catalytic converter", "off road bikes", "vehicle crime"],
        "",
    ),
]

SYNONYMS = [
    ("anti-social behaviour", ["ASB", "antisocial behaviour", "antisocial behavior", "anti social behavior"]),
    ("fly-tipping", ["flytipping", "fly tipping", "dumping rubbish"]),
    ("police presence", ["police visibility", "visible police", "police patrols"]),
    ("street lights", ["streetlights", "street lamps", "lamp posts"]),
    ("off road bikes", ["off-road bikes", "scramblers", "dirt bikes"]),
]


def load(stdout=None):
    say = stdout.write if stdout else (lambda _msg: None)
    ensure_lists()
    survey = _demo_survey()
    if survey is None:
        say("Concern analysis: no demo survey, so nothing analysed")
        return None
    now = timezone.now()
    publication = ConcernPublication.objects.filter(survey=survey).first()
    if publication is None:
        publication = services.publish_concerns(
            survey=survey, question="concerns", show_cloud=True, show_table=True, show_themes=True, user=None, now=now
        )
    cached = services.analysis_for(services.Source(survey=survey, question="concerns"), now=now)
    say(f"Concern analysis: {Theme.objects.count()} themes; the demo survey's concerns {cached.get_status_display()}")
    return cached


def ensure_lists():
    from partnership.models import PriorityPage

    priorities = {}
    for page in PriorityPage.objects.order_by("pk"):  # the English originals come before their translations
        priorities.setdefault(page.title, page)
    for order, (name, description, terms, priority) in enumerate(THEMES):
        Theme.objects.get_or_create(
            name=name,
            defaults={
                "description": description,
                "terms": "\n".join(terms),
                "priority": priorities.get(priority),
                "sort_order": order,
            },
        )
    for word in policies.DEFAULT_DOMAIN_STOP_WORDS:
        StopWord.objects.get_or_create(word=word)
    for term, variants in SYNONYMS:
        SynonymGroup.objects.get_or_create(term=term, defaults={"variants": "\n".join(variants)})


def _demo_survey():
    from surveys.models import SurveyPage

    return SurveyPage.objects.filter(slug="safer-neighbourhoods-survey").first()
