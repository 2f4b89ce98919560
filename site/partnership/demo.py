"""The demo partnership's plan, priorities, news, advice and "You said, we did" answers.

Drawn from SaferMK's Safer Neighbourhoods discussion report (shared/seeds/004): its three themes and six
actions become the priorities and actions; the 2016 survey's concerns become "You said, we did" answers.
Idempotent: each page and record is looked up by slug or text before it is created.
"""

from datetime import date

from django.db import transaction

from core.models import HomePage, Ward
from partnership.models import (
    AdviceIndexPage,
    AdvicePage,
    AdviceTopic,
    NewsIndexPage,
    NewsPage,
    PartnerAgency,
    PlanPage,
    PriorityAction,
    PriorityMeasure,
    PriorityPage,
    SearchSynonym,
    YouSaidWeDid,
    YouSaidWeDidIndexPage,
)

AGENCIES = [
    ("Milton Keynes City Council", "MK Council", "council", True),
    ("Thames Valley Police", "TVP", "police", True),
    ("Buckinghamshire and Milton Keynes Fire and Rescue Service", "BMKFRS", "fire", True),
    ("The Probation Service", "Probation", "probation", True),
    ("NHS Bedfordshire, Luton and Milton Keynes Integrated Care Board", "BLMK ICB", "health", True),
    ("Milton Keynes Neighbourhood Watch Association", "MK NHWA", "voluntary", False),
    ("Community Action: MK", "CAMK", "voluntary", False),
    ("Parish and town councils", "Parishes", "council", False),
]

PRIORITIES = [
    {
        "slug": "community-engagement",
        "title": "Community engagement",
        "summary": "Give residents a strong voice: understand what worries them and tell them what we are doing.",
        "why": "<p>Between May and August 2016, 864 residents answered the SaferMK survey. Most believed crime had "
        "risen in the last year, although reported crime stayed level: perception of crime remains higher than the "
        "actual rate.</p>",
        "agencies": ["MK Council", "TVP"],
        "measures": [
            ("Residents answering the yearly survey", "864 (2016)", "1,500", "1,120 (2025)"),
            ("Residents who feel safe after dark in their area", "58%", "65%", "61% (2025)"),
        ],
        "actions": [
            (
                "An engagement plan for the Safer Neighbourhoods Group",
                "MK Council",
                date(2026, 6, 30),
                "done",
                "Agreed by the partnership board in June.",
            ),
            ("A regular forum for community organisations", "CAMK", date(2026, 9, 30), "done", "Meets every quarter."),
            (
                "A yearly crime trends communication plan",
                "TVP",
                date(2027, 1, 31),
                "in_progress",
                "Autumn campaign on burglary running now.",
            ),
            ("Face the Public meetings in every part of the city", "MK Council", date(2027, 3, 31), "planned", ""),
        ],
    },
    {
        "slug": "community-participation",
        "title": "Community participation and involvement",
        "summary": "Support Neighbourhood Action Groups, residents' associations and watch schemes to tackle "
        "local problems with partners.",
        "why": "<p>28 Neighbourhood Action Groups started in 2008; a review found 18 still running and 13 meeting "
        "regularly. Residents are pivotal in making their area safer.</p>",
        "agencies": ["TVP", "MK NHWA", "Parishes"],
        "measures": [("Active Neighbourhood Action Groups", "13", "20", "15")],
        "actions": [
            ("Review the support for community groups", "MK Council", date(2026, 7, 31), "done", ""),
            (
                "Promote and support Neighbourhood Watch and other watch schemes",
                "MK NHWA",
                date(2027, 3, 31),
                "in_progress",
                "Audit of coordinators and locations under way.",
            ),
            ("A toolkit for community task-and-finish groups", "CAMK", date(2027, 2, 28), "in_progress", ""),
            (
                "Link community groups to joint agency tasking (JATAC)",
                "TVP",
                date(2026, 10, 31),
                "stopped",
                "Replaced by ward tasking meetings.",
            ),
        ],
    },
    {
        "slug": "sustainable-community-support",
        "title": "Sustainable community support",
        "summary": "Keep neighbourhoods safe for the long term: Safe Places, crime prevention advice and "
        "reassurance, and a restorative city.",
        "why": "<p>Safe Places give people who feel bullied, harassed or afraid somewhere to go. The scheme has worked "
        "in Oxford, Eastleigh and Cumbria.</p>",
        "agencies": ["MK Council", "TVP", "BMKFRS"],
        "measures": [("Registered Safe Places", "0", "60", "11 libraries")],
        "actions": [
            (
                "Launch Safe Places across Milton Keynes",
                "MK Council",
                date(2026, 12, 31),
                "in_progress",
                "Every library has signed up.",
            ),
            ("Environmental visual audits in hotspot areas", "MK Council", date(2027, 3, 31), "planned", ""),
            ("Explore making Milton Keynes a restorative city", "Probation", date(2027, 3, 31), "planned", ""),
        ],
    },
]

NEWS = [
    (
        "safe-places-launch",
        "Every library in Milton Keynes is now a Safe Place",
        date(2026, 11, 3),
        "Anyone who feels bullied, harassed or afraid can go to any library in Milton Keynes for help.",
        ["safe places", "libraries"],
    ),
    (
        "autumn-burglary-campaign",
        "Autumn burglary campaign: lock up as the nights draw in",
        date(2026, 10, 20),
        "Thames Valley Police and the council are visiting streets where burglaries rose last winter.",
        ["burglary", "crime prevention"],
    ),
    (
        "face-the-public-bletchley",
        "Face the Public in Bletchley: your questions answered",
        date(2026, 9, 15),
        "Senior officers from each agency answered 41 questions from residents in Bletchley.",
        ["face the public", "bletchley"],
    ),
]

TOPICS = [
    ("home-security", "Home security", "Protect your home and belongings."),
    ("scams", "Scams and fraud", "Spot a scam and what to do if it happens to you."),
    ("anti-social-behaviour", "Anti-social behaviour", "What counts as anti-social behaviour and how to report it."),
]

ADVICE = [
    (
        "protect-your-home",
        "Protect your home from burglary",
        "home-security",
        "Most burglars try doors and windows left unlocked. Simple steps make your home much harder to get into.",
    ),
    (
        "doorstep-scams",
        "Doorstep callers and scams",
        "scams",
        "Genuine callers will not mind you checking who they are. If in doubt, keep them out.",
    ),
    (
        "report-anti-social-behaviour",
        "How to report anti-social behaviour",
        "anti-social-behaviour",
        "Report anti-social behaviour to the police on 101 or online, and to your landlord if you rent. If you have "
        "reported it three times in six months and nothing has changed, you can ask for an ASB Case Review.",
    ),
]

# Polish translations of the plan and its priorities (the demo's second language; see core/demo/translations.py).
POLISH = {
    "plan": {
        "title": "Plan Partnerstwa SaferMK na lata 2026-2027",
        "summary": "Nasz plan dla bezpieczniejszych sąsiedztw: trzy priorytety uzgodnione po ocenie strategicznej "
        "i ankiecie wśród mieszkańców.",
    },
    "community-engagement": {
        "title": "Zaangażowanie społeczności",
        "summary": "Dać mieszkańcom silny głos: zrozumieć, co ich niepokoi, i informować o naszych działaniach.",
        "why_it_matters": "<p>W 2016 roku na ankietę SaferMK odpowiedziało 864 mieszkańców.</p>",
    },
    "community-participation": {
        "title": "Udział i zaangażowanie mieszkańców",
        "summary": "Wspierać grupy sąsiedzkie, stowarzyszenia mieszkańców i programy Neighbourhood Watch.",
        "why_it_matters": "<p>Mieszkańcy odgrywają kluczową rolę w poprawie bezpieczeństwa swojej okolicy.</p>",
    },
    "sustainable-community-support": {
        "title": "Trwałe wsparcie dla społeczności",
        "summary": "Bezpieczne Miejsca, porady dotyczące zapobiegania przestępczości i miasto sprawiedliwości "
        "naprawczej.",
        "why_it_matters": "<p>Bezpieczne Miejsca dają schronienie osobom, które czują się zastraszane lub zagrożone.</p>",
    },
}

SYNONYMS = [
    "community trigger, ASB case review, anti-social behaviour case review",
    "ASB, anti-social behaviour, antisocial behaviour, anti social behaviour, antisocial behavior",
    "fly tipping, fly-tipping, dumping, illegal dumping",
    "NHW, neighbourhood watch, neighborhood watch, home watch",
]

YOU_SAID = [
    (
        "Speeding cars on estate roads, especially at night.",
        "<p>Thames Valley Police ran Community Speedwatch with "
        "volunteers on six roads and the council added traffic calming on two.</p>",
        "in_progress",
        "survey",
        "2016 survey theme: speeding and parking",
        "community-engagement",
        ["Bletchley East", "Stantonbury"],
    ),
    (
        "Street lights out in the underpasses make us feel unsafe walking home.",
        "<p>The council repaired 140 underpass lights and now checks them monthly.</p>",
        "done",
        "meeting",
        "Face the Public, Bletchley, question 12",
        "sustainable-community-support",
        ["Bletchley Park"],
    ),
    (
        "We don't know who our Neighbourhood Watch coordinator is.",
        "<p>We are auditing every scheme and will publish a finder so you can look yours up by postcode.</p>",
        "in_progress",
        "consultation",
        "",
        "community-participation",
        ["Olney", "Newport Pagnell South"],
    ),
]


@transaction.atomic
def load(stdout=None):
    home = HomePage.objects.first()
    agencies = {short: _agency(name, short, kind, statutory) for name, short, kind, statutory in AGENCIES}
    plan = _child(
        home,
        PlanPage,
        "plan",
        lambda: PlanPage(
            title="SaferMK Partnership Plan 2026 to 2027",
            slug="plan",
            show_in_menus=True,
            period_start=date(2026, 4, 1),
            period_end=date(2027, 3, 31),
            summary="Our plan for safer neighbourhoods: three priorities, agreed by the partnership after the "
            "strategic assessment and residents' survey.",
        ),
    )
    priorities = {spec["slug"]: _priority(plan, spec, agencies) for spec in PRIORITIES}
    news_index = _child(
        home,
        NewsIndexPage,
        "news",
        lambda: NewsIndexPage(
            title="News", slug="news", show_in_menus=True, intro="What the partnership is doing in your neighbourhood."
        ),
    )
    for slug, title, day, summary, tags in NEWS:
        _news(news_index, slug, title, day, summary, tags)
    advice_index = _child(
        home,
        AdviceIndexPage,
        "advice",
        lambda: AdviceIndexPage(
            title="Advice", slug="advice", show_in_menus=True, intro="Keep yourself, your home and your community safe."
        ),
    )
    topics = {}
    for order, (slug, name, description) in enumerate(TOPICS):
        topics[slug], _ = AdviceTopic.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "sort_order": order}
        )
    for slug, title, topic, summary in ADVICE:
        _child(
            advice_index,
            AdvicePage,
            slug,
            lambda t=title, s=slug, tp=topic, sm=summary: AdvicePage(
                title=t, slug=s, topic=topics[tp], summary=sm, body=[("paragraph", f"<p>{sm}</p>")]
            ),
        )
    _child(
        home,
        YouSaidWeDidIndexPage,
        "you-said-we-did",
        lambda: YouSaidWeDidIndexPage(
            title="You said, we did",
            slug="you-said-we-did",
            show_in_menus=True,
            intro="What residents told us, and what the partnership did about it.",
        ),
    )
    for terms in SYNONYMS:
        SearchSynonym.objects.get_or_create(terms=terms)
    wards = {ward.name: ward for ward in Ward.objects.all()}
    for said, did, status, source, reference, priority, ward_names in YOU_SAID:
        answer, created = YouSaidWeDid.objects.get_or_create(
            you_said=said,
            defaults={
                "we_did": did,
                "status": status,
                "source": source,
                "source_reference": reference,
                "priority": priorities[priority],
                "date": date(2026, 10, 1),
                "is_public": True,
            },
        )
        if created:
            answer.wards.set([wards[name] for name in ward_names if name in wards])
    _translate_plan(plan, priorities)
    if stdout:
        stdout.write(
            f"Partnership: plan with {len(priorities)} priorities, {len(NEWS)} news stories, "
            f"{len(ADVICE)} advice pages, {len(YOU_SAID)} answers"
        )


def _agency(name, short, kind, statutory):
    agency, _ = PartnerAgency.objects.get_or_create(
        name=name, defaults={"short_name": short, "kind": kind, "statutory": statutory}
    )
    return agency


def _child(parent, model, slug, build):
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing
    page = parent.add_child(instance=build())
    page.save_revision().publish()
    return page


def _priority(plan, spec, agencies):
    def build():
        page = PriorityPage(title=spec["title"], slug=spec["slug"], summary=spec["summary"], why_it_matters=spec["why"])
        page.agencies = [agencies[short] for short in spec["agencies"]]
        page.measures = [
            PriorityMeasure(name=n, baseline=b, target=t, latest=latest) for n, b, t, latest in spec["measures"]
        ]
        page.actions = [
            PriorityAction(title=title, owner=agencies[owner], due=due, status=status, update=update)
            for title, owner, due, status, update in spec["actions"]
        ]
        page.body = [("you_said_we_did", {"heading": "You said, we did", "items": [], "limit": 3})]
        return page

    return _child(plan, PriorityPage, spec["slug"], build)


def _news(index, slug, title, day, summary, tags):
    def build():
        return NewsPage(title=title, slug=slug, date=day, summary=summary, body=[("paragraph", f"<p>{summary}</p>")])

    page = _child(index, NewsPage, slug, build)
    if not page.tags.exists():
        page.tags.add(*tags)
        page.save_revision().publish()
    return page


def _translate_plan(plan, priorities):
    from wagtail.models import Locale

    polish = Locale.objects.filter(language_code="pl").first()
    if polish is None or plan.get_parent().get_translation_or_none(polish) is None:
        return
    for page, fields in [(plan, POLISH["plan"])] + [(priorities[slug], POLISH[slug]) for slug in priorities]:
        if page.get_translation_or_none(polish) is not None:
            continue
        translation = page.copy_for_translation(polish)
        for name, value in fields.items():
            setattr(translation, name, value)
        translation.body = []
        translation.save_revision().publish()
