"""Demo Safe Places for Milton Keynes: the city's libraries (real, from the Libraries Taskforce dataset, OGL v3.0)
as approved venues with estimated hours, a few shops and cafés, a venue account with an application waiting,
and the "What to do" guides for residents, venue staff and in easy read (SP-001, SP-003, SP-030).

Idempotent: venues are matched on their source, pages on their slug, the account on its email.
"""

from datetime import date

from django.db import transaction
from wagtail.models import Site

from accounts.services import mark_email_confirmed
from core.demo.content import DEMO_PASSWORD
from core.importers import SHARED_DATA
from core.models import HomePage, StandardPage, User
from safe_places import policies
from safe_places.importers import import_venues
from safe_places.models import SafePlacesSettings, Venue, VenueType

MILTON_KEYNES_LIBRARIES = "80"
VENUE_MANAGER_EMAIL = "venue@example.org"

# Fictional shops and cafés at real central Milton Keynes locations.
SHOPS_AND_CAFES = [
    {
        "name": "Midsummer Pharmacy", "type": "pharmacy", "address": "Unit 4, Midsummer Place, Central Milton Keynes",
        "postcode": "MK9 3HL", "latitude": 52.04265, "longitude": -0.75790, "phone": "01632 960 101",
        "hours": [[["08:00", "21:00"]]] * 6 + [[["10:00", "16:00"]]], "bank_holidays": policies.BANK_HOLIDAY_SUNDAY,
        "features": {"step_free": True, "hearing_loop": True},
    },
    {
        "name": "Station Square Café", "type": "cafe", "address": "2 Station Square, Central Milton Keynes",
        "postcode": "MK9 3HL", "latitude": 52.03455, "longitude": -0.77360, "phone": "01632 960 102",
        "hours": [[["06:30", "19:00"]]] * 5 + [[["08:00", "18:00"]]] * 2, "bank_holidays": policies.BANK_HOLIDAY_USUAL,
        "features": {"step_free": True, "accessible_toilet": True},
    },
    {
        "name": "Late Stop Convenience Store", "type": "shop", "address": "14 Queensway, Bletchley, Milton Keynes",
        "postcode": "MK2 2RA", "latitude": 51.99520, "longitude": -0.73250, "phone": "01632 960 103",
        "hours": [[["07:00", "02:00"]]] * 7, "bank_holidays": policies.BANK_HOLIDAY_USUAL,
        "features": {"step_free": True},
    },
    {
        "name": "Wolverton Community Café", "type": "cafe", "address": "Church Street, Wolverton, Milton Keynes",
        "postcode": "MK12 5LY", "latitude": 52.06270, "longitude": -0.80920, "phone": "01632 960 104",
        "hours": [[]] + [[["09:00", "15:00"]]] * 5 + [[]], "bank_holidays": policies.BANK_HOLIDAY_CLOSED,
        "features": {"quiet_space": True, "accessible_toilet": True, "step_free": True},
    },
]  # fmt: skip

PENDING_APPLICATION = {
    "name": "Kingston Corner Café", "type": "cafe", "address": "Kingston Centre, Winchester Circle, Milton Keynes",
    "postcode": "MK10 0BA", "latitude": 52.03490, "longitude": -0.68770, "phone": "01632 960 105",
    "hours": [[["08:00", "18:00"]]] * 6 + [[]], "bank_holidays": policies.BANK_HOLIDAY_CLOSED,
    "features": {"step_free": True},
}  # fmt: skip


def rich(*paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


GUIDES = {
    "residents": {
        "title": "Using a Safe Place",
        "slug": "using-a-safe-place",
        "intro": "Anyone can use a Safe Place if they feel lost, scared, bullied or in danger when they are out.",
        "body": [
            (
                "paragraph",
                rich(
                    "Safe Places are shops, libraries, cafés and public buildings in Milton Keynes whose staff have "
                    "agreed to help. Look for the Safe Place sticker in the window or on the door.",
                    "Anyone can use a Safe Place, whatever their age. The scheme started for people with learning "
                    "disabilities, and it is for everyone: people with autism, dementia or a mental health "
                    "condition, older people, anyone who feels harassed or unsafe.",
                ),
            ),
            ("heading", {"heading_text": "When to use a Safe Place", "size": "l"}),
            (
                "paragraph",
                "<ul><li>you are lost</li><li>you have lost something, like your bus pass or purse</li>"
                "<li>something has been stolen from you</li><li>someone is bullying or following you</li>"
                "<li>you feel upset or anxious</li><li>you have become separated from your carer</li>"
                "<li>the person you were meeting has not turned up</li><li>you have been a victim of hate crime</li></ul>",
            ),
            ("heading", {"heading_text": "What the staff will do", "size": "l"}),
            (
                "paragraph",
                rich(
                    "They will ask what has happened, find you somewhere safe to sit, and call someone for you: a "
                    "person on your card if you have one, or the police. You can stay until you feel safe. You do "
                    "not need a card to use a Safe Place.",
                ),
            ),
            ("warning_text", "A Safe Place is not an emergency service. If you are in danger now, call 999."),
        ],
    },
    "staff": {
        "title": "Information for Safe Place staff",
        "slug": "safe-place-staff",
        "intro": "What to do when someone comes into your venue and asks for help.",
        "body": [
            ("heading", {"heading_text": "When someone asks for help", "size": "l"}),
            (
                "paragraph",
                "<ol><li>Welcome them and ask: how can I help? What has happened?</li>"
                "<li>Find them a safe, comfortable place to sit or wait.</li>"
                "<li>If they have a Keep Safe card, contact a person named on it (cards list up to three).</li>"
                "<li>If there is no card, or it is needed, call 101 or social care. Call 999 if a crime has been "
                "committed or they need medical help.</li>"
                "<li>Let them wait until the person or the emergency services arrive, or until they feel safe to leave.</li>"
                "<li>Help them report a hate crime if they want to, including anonymously through a third-party reporting centre.</li>"
                "<li>Keep what they tell you confidential.</li>"
                "<li>Note that someone used your Safe Place (no names) so the partnership can count how often venues help.</li></ol>",
            ),
            ("heading", {"heading_text": "Keeping your venue in the scheme", "size": "l"}),
            (
                "paragraph",
                rich(
                    "Keep your opening hours up to date in your account, tell us about closures, and renew each year "
                    "when we remind you. At least one member of staff on duty should have had the Safe Place training.",
                ),
            ),
        ],
    },
    "easy_read": {
        "title": "Safe Places: easy read",
        "slug": "safe-places-easy-read",
        "intro": "A Safe Place is a shop or building where people will help you.",
        "body": [
            (
                "paragraph",
                rich(
                    "Look for the Safe Place sticker on the door or window.",
                    "Go in if you feel lost, scared or upset.",
                    "Tell the staff you need help.",
                    "They will find you a safe place to sit.",
                    "They can phone someone for you.",
                    "You can stay until you feel safe.",
                ),
            ),
            ("warning_text", "If you are in danger, call 999."),
        ],
    },
}


@transaction.atomic
def load(stdout=None):
    say = stdout.write if stdout else (lambda _msg: None)
    admin = User.objects.filter(email="admin@example.org").first()
    report = import_venues(
        path=SHARED_DATA / "england_public_libraries.csv", authority_id=MILTON_KEYNES_LIBRARIES, approve_as=admin
    )
    say(f"Milton Keynes libraries: {report}")
    for spec in SHOPS_AND_CAFES:
        ensure_venue(spec, approved_by=admin)
    manager = ensure_venue_manager()
    ensure_venue({**PENDING_APPLICATION}, approved_by=None, manager=manager)
    say(f"Shops and cafés ready; venue account {VENUE_MANAGER_EMAIL} has an application waiting")
    ensure_guides()


def ensure_venue_manager():
    user = User.objects.filter(email=VENUE_MANAGER_EMAIL).first()
    if user is None:
        user = User.objects.create_user(
            email=VENUE_MANAGER_EMAIL, password=DEMO_PASSWORD, first_name="Priya", last_name="Patel"
        )
    # The demo manager signs in at once, without the confirmation email a real sign-up needs.
    mark_email_confirmed(user=user)
    return user


def ensure_venue(spec, *, approved_by, manager=None):
    venue = Venue.objects.filter(source="demo", source_id=spec["name"]).first()
    if venue is not None:
        return venue
    venue = Venue(
        name=spec["name"], venue_type=VenueType.objects.get(slug=spec["type"]), address=spec["address"],
        postcode=spec["postcode"], latitude=spec["latitude"], longitude=spec["longitude"], phone=spec["phone"],
        opening_hours=spec["hours"], bank_holidays=spec["bank_holidays"], trained_staff=2,
        training_date=date(2026, 3, 12), training_provider="SaferMK Partnership", contact_name="Venue manager",
        open_to_public=True, has_liability_insurance=True, accessible_premises=True, agrees_to_procedure=True,
        manager=manager, source="demo", source_id=spec["name"], **spec["features"],
    )  # fmt: skip
    if approved_by is not None:
        from django.utils import timezone

        venue.status = Venue.Status.APPROVED
        venue.verified_by, venue.verified_at = approved_by, timezone.now()
        venue.next_check_due = policies.next_check_due(policies.today_in_london(venue.verified_at))
    venue.save()
    return venue


def ensure_guides():
    home = HomePage.objects.first()
    site = Site.objects.filter(is_default_site=True).first()
    if home is None or site is None:
        return
    pages = {}
    for key, spec in GUIDES.items():
        page = StandardPage.objects.child_of(home).filter(slug=spec["slug"]).first()
        if page is None:
            page = home.add_child(
                instance=StandardPage(title=spec["title"], slug=spec["slug"], intro=spec["intro"], body=spec["body"])
            )
            page.save_revision().publish()
        pages[key] = page
    settings = SafePlacesSettings.for_site(site)
    settings.residents_page, settings.staff_page, settings.easy_read_page = (
        pages["residents"], pages["staff"], pages["easy_read"],
    )  # fmt: skip
    settings.save()
