"""The demo partnership's words, in the spirit of SaferMK's Safer Neighbourhoods report (shared/seeds/004)."""

PARTNERSHIP = {
    "name": "SaferMK Partnership",
    "tagline": "Working together for safer neighbourhoods in Milton Keynes",
    "email": "safer.neighbourhoods@example.org",
    "phone": "01632 960 001",
    "address": "Community Safety Team\nCivic Offices\n1 Saxon Gate East\nMilton Keynes\nMK9 3EJ",
}

HOME_INTRO = (
    "Council, police, fire, health, probation, housing and voluntary groups working with residents "
    "to prevent crime and make every neighbourhood in Milton Keynes feel safe."
)

HOME_BODY = [
    ("heading", {"heading_text": "Safer neighbourhoods, together", "size": "l"}),
    (
        "paragraph",
        "<p>Residents know their neighbourhoods best. We want to hear what worries you, tell you what we "
        "are doing about it, and work with you on the answers: from Neighbourhood Watch schemes and Safe "
        "Places to Face the Public meetings with the officers who serve your ward.</p>",
    ),
    (
        "inset_text",
        "<p>Our priorities for this year: reducing anti-social behaviour, tackling burglary and vehicle "
        "crime, protecting people who are vulnerable, and building community resilience.</p>",
    ),
    (
        "warning_text",
        "To report a crime or anti-social behaviour call 101, or 999 in an emergency. This website is not "
        "monitored around the clock.",
    ),
    (
        "details",
        {
            "summary": "What is a Community Safety Partnership?",
            "content": "<p>Every council area in England has a Community Safety Partnership. The law "
            "(the Crime and Disorder Act 1998) asks the council, police, fire and rescue, health and "
            "probation services to work together to reduce crime, disorder and anti-social behaviour.</p>",
        },
    ),
]

ABOUT = {
    "title": "About the partnership",
    "slug": "about",
    "intro": "Who we are, who we work with and how we decide what to do.",
    "body": [
        ("heading", {"heading_text": "Who is in the partnership", "size": "l"}),
        (
            "paragraph",
            "<p>The statutory members of the partnership are Milton Keynes City Council, Thames Valley "
            "Police, Buckinghamshire and Milton Keynes Fire and Rescue Service, the Probation Service and the "
            "local NHS integrated care board. Housing providers, the voluntary and community sector and "
            "parish and town councils play an important part in everything we do.</p>",
        ),
        ("heading", {"heading_text": "How we work with communities", "size": "l"}),
        (
            "paragraph",
            "<p>We publish our priorities and what we have achieved. We ask for your views through surveys "
            "and meetings, and we tell you what we did with them. Where we can, we design and deliver the "
            "work together with residents, from street-level schemes to the whole city's plans.</p>",
        ),
    ],
}

ACCESSIBILITY = {
    "title": "Accessibility statement",
    "slug": "accessibility-statement",
    "intro": "How accessible this website is, and how to tell us about a problem.",
    "body": [
        (
            "paragraph",
            "<p>This accessibility statement applies to the SaferMK Partnership website.</p>"
            "<p>This website is run by the SaferMK Partnership. We want as many people as possible to be able "
            "to use it. For example, that means you should be able to:</p><ul><li>change colours, contrast "
            "levels and fonts using browser or device settings</li><li>zoom in up to 400% without the text "
            "spilling off the screen</li><li>navigate most of the website using a keyboard or speech "
            "recognition software</li><li>listen to most of the website using a screen reader</li></ul>",
        ),
        ("heading", {"heading_text": "How accessible this website is", "size": "l"}),
        (
            "paragraph",
            "<p>Maps showing Safe Places and Neighbourhood Watch schemes cannot be used without a mouse or "
            "touch screen. Every place on a map is also listed in text, with its address, beside the map.</p>",
        ),
        ("heading", {"heading_text": "Reporting accessibility problems with this website", "size": "l"}),
        (
            "paragraph",
            "<p>We are always looking to improve the accessibility of this website. If you find any problems "
            "not listed on this page or think we're not meeting accessibility requirements, use our contact "
            "form or email safer.neighbourhoods@example.org.</p>",
        ),
        ("heading", {"heading_text": "Enforcement procedure", "size": "l"}),
        (
            "paragraph",
            "<p>The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public "
            "Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the "
            "'accessibility regulations'). If you're not happy with how we respond to your complaint, "
            '<a href="https://www.equalityadvisoryservice.com/">contact the Equality Advisory and Support '
            "Service (EASS)</a>.</p>",
        ),
        ("heading", {"heading_text": "Compliance status", "size": "l"}),
        (
            "paragraph",
            "<p>This website is partially compliant with the Web Content Accessibility Guidelines version "
            "2.2 AA standard, due to the non-compliances listed above.</p>",
        ),
        ("heading", {"heading_text": "How we tested this website", "size": "l"}),
        (
            "paragraph",
            "<p>Every page is checked automatically with axe-core each time the website changes, and we test "
            "with a keyboard and a screen reader. This statement was prepared on 21 November 2026.</p>",
        ),
    ],
}

PRIVACY = {
    "title": "Privacy notice",
    "slug": "privacy",
    "intro": "What we collect when you use this website, why, and how long we keep it.",
    "body": [
        ("heading", {"heading_text": "Who we are", "size": "l"}),
        (
            "paragraph",
            "<p>The SaferMK Partnership's website is run by Milton Keynes City Council on behalf of the "
            "partnership. The council is the data controller for information you give us here.</p>",
        ),
        ("heading", {"heading_text": "What we collect and why", "size": "l"}),
        (
            "paragraph",
            "<p>When you contact us we keep your name, email address and message so we can reply. We do not "
            "use it for anything else. We keep contact messages for 12 months and then delete them.</p>"
            "<p>Every part of this site that keeps personal details (bookings, questions, Neighbourhood Watch "
            "membership, Safe Places, ASB Case Review applications) is listed, with why and for how long, on "
            '<a href="/privacy/what-we-keep/">what we keep about you</a>. That list is made from the site '
            "itself, so it always matches what we do.</p>",
        ),
        ("heading", {"heading_text": "Your rights", "size": "l"}),
        (
            "paragraph",
            "<p>You can ask for a copy of the information we hold about you, ask us to correct it or delete "
            "it. We will reply within one month. If you are unhappy with how we handle your information you "
            "can complain to the Information Commissioner's Office.</p>",
        ),
    ],
}

DEMO_PASSWORD = "safer-neighbourhoods-demo"

STAFF = [
    ("comms@example.org", "Cara", "Communications", "Communications officers"),
    ("cases@example.org", "Kam", "Caseworker", "Case officers"),
    ("admin@example.org", "Ade", "Administrator", "Partnership admins"),
]
