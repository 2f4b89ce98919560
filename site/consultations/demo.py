"""Demo engagement activities for Milton Keynes, drawn from the Safer Neighbourhoods discussion report (seed 004):
its ladder (Inform, Consult, Involve, Forward Together, which we call co-produce), its "ways to engage" column, and
its actions: review the Neighbourhood Action Groups, support watch schemes, explore a restorative city, pilot
LISP with the police, and build a toolkit for community task-and-finish groups.

Dated from today so the demo never goes stale; one consultation from last year is complete with its outcome
published, so the hub, the outcome rule and the ladder report all have something to show. Idempotent: pages are
matched on their slug under the hub.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from consultations import services
from consultations.models import (
    ConsultationPage,
    GetInvolvedPage,
    GroupMeetingDate,
    GroupOutput,
    TaskGroupPage,
    WayToTakePart,
)
from core.models import User, Ward

LONDON = ZoneInfo("Europe/London")
PHONE = "01908 252080"


def _at(days, hour=9):
    day = timezone.localdate() + timedelta(days=days)
    return datetime.combine(day, time(hour), tzinfo=LONDON)


def _wards(*names):
    return list(Ward.objects.filter(name__in=names))


GROUP = {
    "slug": "bletchley-underpasses-group",
    "title": "Bletchley underpasses task and finish group",
    "purpose": "Residents, Thames Valley Police, the council's lighting and landscape teams and the youth service "
    "agree, by the end of March, what would make the underpasses around Bletchley station feel safe to walk "
    "through after dark, and who will do what.",
    "ward": "Bletchley East",
    "meetings": [(9, "Bletchley Library, meeting room 2"), (37, "Bletchley Leisure Centre, the Ouzel room")],
}

ACTIVITIES = [
    {
        "slug": "winter-crime-prevention-newsletter",
        "title": "Winter crime prevention newsletter",
        "level": "inform",
        "summary": "Our winter newsletter: how to protect your home when the nights draw in, what the strategic "
        "assessment found about burglary, and where to find free property marking.",
        "opens": -20,
        "closes": None,
        "wards": [],
        "topics": ["Crime prevention", "Burglary"],
        "ways": [
            ("newsletter", "Read the newsletter online, or ask for it by email", ""),
            ("paper", "Pick up a printed copy at any Milton Keynes library", ""),
            ("phone", f"Call {PHONE} for a copy in large print, Braille, audio or another language", ""),
            ("presentations", "Ask for a talk at your residents' association or community group", ""),
        ],
    },
    {
        "slug": "neighbourhood-action-groups-review",
        "title": "Review of Neighbourhood Action Groups: have your say",
        "level": "consult",
        "summary": "Of 28 Neighbourhood Action Groups set up in 2008, 13 still meet. Before the partnership decides "
        "how to support local groups from April, tell us what works in your area: a NAG, a residents' association, "
        "a watch scheme, or something else.",
        "opens": -6,
        "closes": 28,
        "wards": [],
        "topics": ["Neighbourhood Action Groups", "Community groups"],
        "ways": [
            ("survey", "Answer the Safer neighbourhoods survey online (about 10 minutes)", ""),
            ("paper", "Fill in a paper form at any library and post it back free", ""),
            ("phone", f"Call {PHONE} and we will take your answers over the phone", "Monday to Friday, 9am to 5pm"),
            ("public_meeting", "Come to a drop-in", "Wolverton Library, Saturday mornings until it closes"),
            ("existing_networks", "Ask your parish or town council to respond for your area", ""),
        ],
        "survey": "safer-neighbourhoods-survey",
    },
    {
        "slug": "restorative-city-workshops",
        "title": "Making Milton Keynes a restorative city: workshops",
        "level": "involve",
        "summary": "Restorative practice brings people harmed by crime or conflict together with those responsible, "
        "to repair the harm. Help us work out what a restorative city would mean in your neighbourhood.",
        "opens": 14,
        "closes": 60,
        "wards": ["Wolverton", "Stony Stratford"],
        "topics": ["Restorative justice"],
        "ways": [
            ("workshop", "Join a two-hour workshop with the Restorative Justice hub", "Wolverton Library, evenings"),
            ("event", "Meet us at the Stony Stratford community event", "Market Square, a Saturday in the spring"),
            ("phone", f"Call {PHONE} if you would rather talk one to one", ""),
        ],
    },
    {
        "slug": "forward-together-bletchley-underpasses",
        "title": "Forward Together: Bletchley underpasses",
        "level": "co-produce",
        "summary": "Residents told us the underpasses around Bletchley station feel unsafe after dark. Rather than "
        "decide for you, we are setting up a task-and-finish group of residents and partners to work out the "
        "answer together.",
        "opens": -3,
        "closes": 45,
        "wards": ["Bletchley East", "Bletchley West"],
        "topics": ["Underpasses", "Anti-social behaviour", "Street lighting"],
        "ways": [
            ("task_and_finish_group", "Ask to join the task and finish group", ""),
            ("public_meeting", "Raise it at Face the Public: Bletchley", ""),
            ("community_group", "Ask your residents' association to nominate someone", ""),
        ],
        "group": True,
    },
    {
        "slug": "lisp-pilot-woughton-fishermead",
        "title": "Locally Identified Solutions and Practices (LISP) pilot",
        "level": "co-produce",
        "summary": "With Thames Valley Police and the University of Northampton's research, residents of Woughton "
        "and Fishermead identify their own problems and design the solutions, with partners' support.",
        "opens": -40,
        "closes": None,
        "wards": ["Woughton & Fishermead"],
        "topics": ["Community groups", "Anti-social behaviour"],
        "ways": [
            ("personal_visits", "Talk to the community researchers who knock on doors each fortnight", ""),
            ("community_group", "Come to the residents' forum", "Fishermead Trinity Centre, first Tuesday monthly"),
            ("toolkit", "Use the community toolkit to start something in your street", ""),
        ],
    },
    {
        "slug": "safe-places-first-venues",
        "title": "Safe Places: where should the first venues be?",
        "level": "consult",
        "summary": "Safe Places give anyone who feels vulnerable, afraid or harassed somewhere to go for help. We "
        "asked where the first venues should be.",
        "opens": -400,
        "closes": -340,
        "wards": ["Central Milton Keynes", "Bletchley East", "Wolverton"],
        "topics": ["Safe Places"],
        "ways": [
            ("survey", "A short survey online and on paper in libraries", ""),
            ("focus_group", "Two focus groups with people with a learning disability and their carers", ""),
        ],
        "outcome": (
            "Put the first Safe Places where people go every day: libraries, the shopping centre, the bus station.",
            "<p>The first 12 Safe Places opened in the three central libraries, the centre:mk information desk and "
            "the bus station. Staff were trained with Milton Keynes Mencap.</p>",
        ),
    },
    {
        "slug": "parish-councils-safety-workshop",
        "title": "Parish and town councils: community safety workshop",
        "level": "involve",
        "summary": "Parish and town councils worked with the partnership on how councillors feed local concerns into "
        "the Safer Neighbourhoods plan.",
        "opens": -380,
        "closes": -370,
        "wards": ["Olney", "Newport Pagnell North & Hanslope"],
        "topics": ["Parish and town councils"],
        "ways": [("parish_council", "A half-day workshop for clerks and councillors", "Olney Centre")],
    },
]


def _hub(home):
    hub = GetInvolvedPage.objects.first()
    if hub is None:
        hub = GetInvolvedPage(
            title="Get involved",
            slug="get-involved",
            show_in_menus=True,
            intro="Have your say on how your neighbourhood is kept safe: read what we are doing, tell us what you "
            "think, work with us, or help design the answer. Every activity says how much say you will have.",
        )
        home.add_child(instance=hub)
    return hub


def _group(hub):
    group = TaskGroupPage.objects.child_of(hub).filter(slug=GROUP["slug"]).first()
    if group:
        return group, False
    group = TaskGroupPage(
        title=GROUP["title"],
        slug=GROUP["slug"],
        purpose=GROUP["purpose"],
        ward=Ward.objects.filter(name=GROUP["ward"]).first(),
        lead_officer=User.objects.filter(email="comms@example.org").first(),
        places=12,
    )
    for days, place in GROUP["meetings"]:
        group.meeting_dates.add(GroupMeetingDate(starts_at=_at(days, hour=18), place=place))
    hub.add_child(instance=group)
    GroupOutput.objects.create(
        group=group,
        title="What we walked and what we found",
        summary="Eight residents walked the four underpasses with a police officer and a lighting engineer one "
        "evening. We found 11 lights out, two blind corners and no signs to the station. The council has "
        "fixed the lights; the corners and signs are on the agenda for the next meeting.",
        published_at=timezone.now() - timedelta(days=1),
        published_by=group.lead_officer,
    )
    return group, True


def _activity(hub, spec, group):
    from surveys.models import SurveyPage

    existing = ConsultationPage.objects.child_of(hub).filter(slug=spec["slug"]).first()
    if existing:
        return existing, False
    activity = ConsultationPage(
        title=spec["title"],
        slug=spec["slug"],
        summary=spec["summary"],
        engagement_level=spec["level"],
        opens_at=_at(spec["opens"]),
        closes_at=_at(spec["closes"], hour=23) if spec["closes"] is not None else None,
    )
    activity.wards = _wards(*spec["wards"])
    activity.tags.add(*spec["topics"])
    for kind, description, when in spec["ways"]:
        activity.ways_to_take_part.add(WayToTakePart(kind=kind, description=description, when_and_where=when))
    if spec.get("survey"):
        activity.surveys = list(SurveyPage.objects.filter(slug=spec["survey"]))
    if spec.get("group") and group:
        activity.groups = [group]
    hub.add_child(instance=activity)
    if spec.get("outcome"):
        from partnership.services import record_you_said_we_did

        you_said, we_did = spec["outcome"]
        record_you_said_we_did(
            you_said=you_said,
            we_did=we_did,
            date=date.today() - timedelta(days=300),
            source="consultation",
            source_page=activity,
            wards=activity.wards.all(),
            is_public=True,
        )
        services.mark_complete(activity=activity)
    return activity, True


@transaction.atomic
def load(stdout=None):
    home = Site.objects.get(is_default_site=True).root_page
    hub = _hub(home)
    group, group_created = _group(hub)
    created = sum(_activity(hub, spec, group)[1] for spec in ACTIVITIES)
    if stdout:
        stdout.write(
            f"Get involved: {created} activities created across the four rungs"
            f"{', and the Bletchley underpasses task and finish group' if group_created else ''}"
        )
