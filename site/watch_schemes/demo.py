"""Demo Neighbourhood Watch schemes for Milton Keynes: schemes across the wards in every status, their
coordinators (front-end accounts), members who asked to join or were accepted, and a message sent.

Streets and postcodes are real places near the city's libraries (their postcodes come from the Libraries
Taskforce dataset, OGL v3.0, loaded by the core demo); the schemes and people are fictional.
Idempotent: schemes are matched on their name, accounts on their email, members on their email.
"""

import json
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from core.demo.content import DEMO_PASSWORD
from core.models import User, Ward
from watch_schemes import policies
from watch_schemes.models import CoordinatorChange, Member, SchemeCoordinator, SchemeMessage, WatchScheme

COORDINATOR_EMAIL = "coordinator@example.org"
DEPUTY_EMAIL = "deputy@example.org"


def ring_around(lat, lng, size=0.004):
    ring = [(lng - size, lat - size), (lng + size, lat - size), (lng + size, lat + size), (lng - size, lat + size)]
    return json.dumps(policies.polygon_geojson(ring))


SCHEMES = [
    {"name": "Westfield Road Home Watch", "ward": "Bletchley East", "type": "home", "status": "active",
     "verification": "police", "postcodes": ["MK2 2RA"], "streets": "Westfield Road\nQueensway\nOsborne Street",
     "at": (51.99366, -0.72782), "draw": True, "show_area": True, "show_contact": True, "households": 18,
     "meeting": "First Tuesday of the month, 7pm, Bletchley Library.", "coordinator": COORDINATOR_EMAIL},
    {"name": "Winchester Circle Neighbourhood Watch", "ward": "Broughton", "type": "home", "status": "active",
     "verification": "volunteer", "postcodes": ["MK10 0BA"], "streets": "Winchester Circle\nBroughton Grounds Lane",
     "at": (52.03537, -0.68819), "draw": False, "show_area": False, "show_contact": False, "households": 22,
     "meeting": "", "coordinator": COORDINATOR_EMAIL},
    {"name": "Silbury Boulevard Business Watch", "ward": "Central Milton Keynes", "type": "business",
     "status": "active", "verification": "police", "postcodes": ["MK9 3HL"], "streets": "Silbury Boulevard",
     "at": (52.04365, -0.75957), "draw": True, "show_area": True, "show_contact": False, "households": None,
     "meeting": "Quarterly, in the Central Library meeting room.", "coordinator": "shopwatch@example.org"},
    {"name": "St John Street Home Watch", "ward": "Newport Pagnell South", "type": "home", "status": "inactive",
     "verification": "self", "postcodes": ["MK16 8HQ"], "streets": "St John Street\nHigh Street",
     "at": (52.08621, -0.72075), "draw": False, "show_area": True, "show_contact": False, "households": 12,
     "meeting": "", "coordinator": "stjohn@example.org", "overdue": True},
    {"name": "Church Street Home Watch", "ward": "Stony Stratford", "type": "home", "status": "pending",
     "verification": "self", "postcodes": ["MK11 1BD"], "streets": "Church Street\nMarket Square",
     "at": (52.05682, -0.85430), "draw": False, "show_area": False, "show_contact": False, "households": 9,
     "meeting": "", "coordinator": "newcoordinator@example.org"},
    {"name": "Woburn Sands Rural Watch", "ward": "Danesborough & Walton", "type": "rural", "status": "closed",
     "verification": "self", "postcodes": ["MK17 8SD"], "streets": "High Street, Woburn Sands",
     "at": (52.01183, -0.64753), "draw": False, "show_area": False, "show_contact": False, "households": 30,
     "meeting": "", "coordinator": "rural@example.org"},
]  # fmt: skip

MEMBERS = [
    ("Westfield Road Home Watch", "Priya Shah", "priya.shah@example.net", "Westfield Road", "accepted"),
    ("Westfield Road Home Watch", "Tom Baker", "tom.baker@example.net", "Queensway", "accepted"),
    ("Westfield Road Home Watch", "Grace Okafor", "grace.okafor@example.net", "Osborne Street", "requested"),
    (
        "Winchester Circle Neighbourhood Watch",
        "Ellen Price",
        "ellen.price@example.net",
        "Winchester Circle",
        "accepted",
    ),
    ("Silbury Boulevard Business Watch", "Sam Lee", "sam.lee@example.net", "Silbury Boulevard", "accepted"),
]


def account(email, first, last):
    user, created = User.objects.get_or_create(email=email, defaults={"first_name": first, "last_name": last})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
        _verify_email(user)
    return user


def _verify_email(user):
    """Demo coordinators sign in at once, without the confirmation email a real sign-up needs."""
    from accounts.services import mark_email_confirmed

    mark_email_confirmed(user=user)


@transaction.atomic
def load(stdout=None):
    say = stdout.write if stdout else (lambda _msg: None)
    now = timezone.now()
    today = now.date()
    wards = {ward.name: ward for ward in Ward.objects.filter(local_authority__code="E06000042")}
    for spec in SCHEMES:
        coordinator = account(spec["coordinator"], spec["coordinator"].split("@")[0].title(), "Demo")
        lat, lng = spec["at"]
        status = spec["status"]
        live = status in ("active", "inactive")
        confirmed = today - timedelta(days=400) if spec.get("overdue") else today - timedelta(days=120)
        scheme, created = WatchScheme.objects.get_or_create(
            name=spec["name"],
            defaults={
                "scheme_type": spec["type"], "status": status, "verification": spec["verification"],
                "postcodes": spec["postcodes"], "streets": spec["streets"],
                "area": ring_around(lat, lng) if spec["draw"] else "", "latitude": lat, "longitude": lng,
                "ward": wards.get(spec["ward"]), "households": spec["households"],
                "meeting_details": spec["meeting"], "show_area": spec["show_area"],
                "show_coordinator_contact": spec["show_contact"], "start_date": date(2019, 5, 1),
                "accepted_code_of_conduct_at": now, "accepted_data_protection_at": now,
                "approved_at": now if live else None, "last_confirmed_on": confirmed if live else None,
                "review_due": policies.next_review(confirmed) if live else None,
                "decision_reason": "The area is already covered by another scheme." if status == "closed" else "",
            },
        )  # fmt: skip
        if created:
            SchemeCoordinator.objects.create(scheme=scheme, user=coordinator, role="main")
            CoordinatorChange.objects.create(scheme=scheme, action="registered", to_user=coordinator, by=coordinator,
                                             at=now)  # fmt: skip
    westfield = WatchScheme.objects.get(name="Westfield Road Home Watch")
    deputy = account(DEPUTY_EMAIL, "Dee", "Deputy")
    SchemeCoordinator.objects.get_or_create(scheme=westfield, user=deputy, defaults={"role": "deputy"})
    for scheme_name, name, email, street, status in MEMBERS:
        Member.objects.get_or_create(
            scheme=WatchScheme.objects.get(name=scheme_name), email=email,
            defaults={"name": name, "street": street, "status": status, "consented_at": now, "created_at": now,
                      "decided_at": now if status == "accepted" else None},
        )  # fmt: skip
    SchemeMessage.objects.get_or_create(
        scheme=westfield, subject="Catalytic converter thefts on Westfield Road",
        defaults={"body": "Thames Valley Police tell us three catalytic converters were stolen near the library "
                          "last week. Park in your garage or a well-lit spot if you can, and report anything "
                          "suspicious on 101.",
                  "sent_by": westfield.coordinator_roles.get(role="main").user, "sent_at": now, "recipients": 2},
    )  # fmt: skip
    say(f"Neighbourhood Watch: {WatchScheme.objects.count()} schemes; coordinator {COORDINATOR_EMAIL}, "
        f"password {DEMO_PASSWORD}")  # fmt: skip
