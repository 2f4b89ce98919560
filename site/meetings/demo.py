"""Demo Face the Public meetings for Milton Keynes, after Enfield's model (seed 003): evening meetings in different
wards, a 30-minute presentation on the strategic assessment, 90 minutes of questions to six senior officers, and
afterwards minutes, answers and "You said, we did" follow-ups.

Three upcoming meetings and one held six weeks ago, dated from today so the demo never goes stale. Idempotent:
meetings are matched on their slug; bookings and questions are added only when their meeting is created.
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from core.models import Ward
from meetings import policies, services
from meetings.models import Booking, MeetingAdvert, MeetingIndexPage, MeetingPage, PanelMember, Question

LONDON = ZoneInfo("Europe/London")

AGENDA = (
    "<ol><li>Welcome from the chair</li><li>Minutes of the last meeting</li>"
    "<li>The strategic assessment: what the figures say about your area (30 minutes)</li>"
    "<li>Your questions to the panel (90 minutes)</li><li>Any other business</li></ol>"
)
PANEL = [
    ("Superintendent Claire Osei", "Local Policing Area Commander", "Thames Valley Police"),
    ("Mark Ellison", "Director of Environment and Property", "Milton Keynes City Council"),
    ("Group Commander Ravi Sandhu", "Head of Prevention", "Buckinghamshire and Milton Keynes Fire and Rescue Service"),
    ("Helen Marsh", "Head of Probation Delivery Unit", "The Probation Service"),
    ("Dr Amira Haddad", "Director of Public Health", "NHS Bedfordshire, Luton and Milton Keynes Integrated Care Board"),
    ("Councillor Jane Whitfield", "Cabinet member for community safety", "Milton Keynes City Council"),
]
POLISH_ADVERT = (
    "Spotkanie otwarte z przedstawicielami policji, rady miasta i straży pożarnej. Prosimy przyjść i zadać "
    "pytania o bezpieczeństwo w Państwa okolicy. Wstęp wolny; prosimy o wcześniejszą rezerwację."
)

MEETINGS = [
    {
        "slug": "bletchley-east",
        "title": "Face the Public: Bletchley",
        "ward": "Bletchley East",
        "weeks": 3,
        "venue": ("Bletchley Leisure Centre", "Princes Way\nBletchley\nMilton Keynes", "MK2 2HQ", 51.9961, -0.7349),
        "access": "Step-free entrance from the Princes Way car park. Hearing loop in the main hall. Accessible "
        "toilets on the ground floor. Buses 4 and 5 stop outside.",
        "capacity": 120,
        "advert": True,
    },
    {
        "slug": "wolverton",
        "title": "Face the Public: Wolverton",
        "ward": "Wolverton",
        "weeks": 5,
        "venue": ("Wolverton Library", "12 Church Street\nWolverton\nMilton Keynes", "MK12 5JN", 52.0618, -0.8103),
        "access": "Level access from Church Street; a lift to the first-floor meeting room. Hearing loop available.",
        "capacity": 60,
        "advert": False,
    },
    {
        "slug": "central-milton-keynes",
        "title": "Face the Public: Central Milton Keynes",
        "ward": "Central Milton Keynes",
        "weeks": 8,
        "venue": ("Milton Keynes Central Library", "555 Silbury Boulevard\nMilton Keynes", "MK9 3HL", 52.0420, -0.7594),
        "access": "Step-free throughout. Hearing loop in the Ground Floor Hall. Blue badge parking in the Library "
        "car park.",
        "capacity": 150,
        "advert": True,
    },
]
HELD = {
    "slug": "newport-pagnell-held",
    "title": "Face the Public: Newport Pagnell",
    "ward": "Newport Pagnell South",
    "weeks": -6,
    "venue": ("Newport Pagnell Town Hall", "High Street\nNewport Pagnell", "MK16 8AR", 52.0868, -0.7226),
    "access": "Step-free access by the side entrance. Hearing loop in the main hall.",
    "capacity": 80,
    "advert": False,
}
MINUTES = (
    "<p>Forty-three residents attended. The chair welcomed everyone and the community safety information manager "
    "presented the strategic assessment: burglary down 9%, anti-social behaviour reports up 6%, most of it around "
    "the High Street in the evenings.</p><p>Residents asked twelve questions over 90 minutes; the main themes were "
    "speeding, the underpass lighting and young people gathering by the shops. The panel agreed three follow-ups, "
    'published below and on the "You said, we did" page.</p>'
)
HELD_QUESTIONS = [
    (
        "Cars race along the High Street after 10pm most weekends. What will the police do about it?",
        "Thames Valley Police will run speed checks on Friday and Saturday nights through the spring, with the "
        "community speedwatch volunteers in the evenings.",
        "Superintendent Claire Osei, Thames Valley Police",
        "Eight late-evening speed checks held; 31 drivers stopped and 4 cars seized.",
        "community-engagement",
    ),
    (
        "The underpass by the Tickford Street bridge is dark. When will the lights be fixed?",
        "The council will repair the lights within four weeks and add the underpass to its monthly lighting check.",
        "Mark Ellison, Milton Keynes City Council",
        "All 14 lights repaired and now checked every month.",
        "sustainable-community-support",
    ),
    (
        "Is there anything for teenagers to do in the evenings, so they are not outside the shops?",
        "The council and Community Action: MK will open the youth centre on Friday evenings from next term.",
        "Councillor Jane Whitfield, Milton Keynes City Council",
        "",
        "community-participation",
    ),
]
DEMO_BOOKINGS = [
    ("Priya Shah", "priya.shah@example.org", 2, ["hearing_loop"]),
    ("Tom Walker", "tom.walker@example.org", 1, []),
    ("Grace Okafor", "grace.okafor@example.org", 1, ["step_free", "large_print"]),
    ("Daniel Novak", "daniel.novak@example.org", 3, []),
]


def _evening(weeks):
    day = timezone.localdate() + timedelta(weeks=weeks)
    return datetime.combine(day, time(19, 0), tzinfo=LONDON)


@transaction.atomic
def load(stdout=None):
    home = Site.objects.get(is_default_site=True).root_page
    index = MeetingIndexPage.objects.first()
    if index is None:
        index = MeetingIndexPage(
            title="Face the Public meetings",
            slug="face-the-public",
            show_in_menus=True,
            intro="Every year senior officers from the police, council, fire service, probation and health meet "
            "residents in the evening, in a different ward each time: they present what the strategic assessment "
            "found, then answer your questions for an hour and a half. Book a seat or send a question.",
        )
        home.add_child(instance=index)
    agencies = _agencies()
    created = 0
    for spec in MEETINGS:
        meeting, is_new = _meeting(index, spec, agencies)
        if is_new and spec["slug"] == "bletchley-east":
            _bookings(meeting)
        created += is_new
    held, is_new = _meeting(index, HELD, agencies)
    if is_new:
        _held(held)
        created += 1
    if stdout:
        stdout.write(f"Meetings: {created} created (3 upcoming, 1 held with minutes, answers and follow-ups)")


def _agencies():
    from partnership.models import PartnerAgency

    return {agency.name: agency for agency in PartnerAgency.objects.all()}


def _meeting(index, spec, agencies):
    existing = MeetingPage.objects.child_of(index).filter(slug=spec["slug"]).first()
    if existing:
        return existing, False
    starts = _evening(spec["weeks"])
    name, address, postcode, latitude, longitude = spec["venue"]
    meeting = MeetingPage(
        title=spec["title"],
        slug=spec["slug"],
        summary="Senior officers from the police, council, fire service, probation and health answer your "
        f"questions about crime and safety in and around {spec['ward']}.",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        venue_name=name,
        venue_address=address,
        venue_postcode=postcode,
        latitude=latitude,
        longitude=longitude,
        access_information=spec["access"],
        agenda=AGENDA,
        capacity=spec["capacity"],
        booking_opens_at=starts - timedelta(days=policies.PUBLICITY_DAYS + 28),
        questions_close_at=starts - timedelta(days=policies.QUESTION_DEADLINE_DAYS),
        status=MeetingPage.Status.SCHEDULED,
        pcc_attending=spec["slug"] == "central-milton-keynes",
    )
    for order, (person, role, agency) in enumerate(PANEL):
        meeting.panel_members.add(PanelMember(name=person, role=role, agency=agencies.get(agency), sort_order=order))
    if spec["advert"]:
        meeting.adverts.add(MeetingAdvert(language_code="pl", language_name="Polski", text=POLISH_ADVERT))
    index.add_child(instance=meeting)
    ward = Ward.objects.filter(name=spec["ward"]).first()
    if ward:
        meeting.wards.set([ward])
    meeting.save_revision().publish()
    return meeting, True


def _bookings(meeting):
    now = timezone.now()
    for name, email, seats, adjustments in DEMO_BOOKINGS:
        booking = Booking.objects.create(
            meeting=meeting,
            code=policies.new_booking_code(),
            status=Booking.Status.CONFIRMED,
            name=name,
            email=email,
            seats=seats,
            adjustments=adjustments,
            created_at=now,
            confirmed_at=now,
        )
        if name == "Tom Walker":
            Question.objects.create(
                meeting=meeting,
                booking=booking,
                name=name,
                email=email,
                text="Why does it take so long for the council to remove fly-tipping on Water Eaton Road?",
                created_at=now,
            )


def _held(meeting):
    from partnership.models import PriorityPage, YouSaidWeDid

    meeting.status = MeetingPage.Status.HELD
    meeting.minutes = MINUTES
    meeting.booking_opens_at = None
    meeting.save_revision().publish()
    now = meeting.ends_at
    for text, answer, by, follow_up, priority_slug in HELD_QUESTIONS:
        question = Question.objects.create(
            meeting=meeting,
            name="Resident",
            email="resident@example.org",
            text=text,
            created_at=now - timedelta(days=10),
            answer_emailed_at=now,  # told when the answers went up, long before the demo was loaded
        )
        priority = PriorityPage.objects.filter(slug=priority_slug).first()
        question = services.accept_question(question=question, user=None, priority=priority, now=now)
        services.answer_question(
            question=question, answer=answer, answered_by=by, follow_up=follow_up, user=None, now=now
        )
    # The demo's follow-ups have happened: published and done, as a communications officer would leave them.
    YouSaidWeDid.objects.filter(source_page=meeting).update(is_public=True, status=YouSaidWeDid.Status.DONE)
