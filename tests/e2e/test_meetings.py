"""Face the Public in Chromium (issue 7): a resident books with the keyboard and asks for a hearing loop, gets the
email, cancels by its link; staff check a resident in on a phone; a resident asks a question with JavaScript off;
the venue map. axe-core runs on every meeting page visited. Map tiles come from this test server: no internet."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from core.demo.content import DEMO_PASSWORD
from tests.accounts.two_factor import pass_second_factor
from tests.e2e.conftest import MOBILE

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def meeting(demo_site, settings):
    from tests.meetings.factories import MeetingPageFactory

    # Tiles from the live server (they 404). With OpenStreetMap's address the browser would wait on a host it
    # cannot reach, and the page's load event, which every navigation waits for, would not come in time.
    settings.MAP_TILE_URL = "/test-tiles/{z}/{x}/{y}.png"

    return MeetingPageFactory(title="Face the Public: Bletchley", capacity=50, latitude=51.9961, longitude=-0.7349)


def limit_waiting(page):
    """Fail within seconds rather than wait for ever on a page that never arrives."""
    page.set_default_timeout(15_000)
    page.set_default_navigation_timeout(20_000)


def tab_to(page, locator, presses=1):
    for _ in range(presses):
        page.keyboard.press("Tab")
    expect(locator).to_be_focused()


def test_resident_books_with_the_keyboard_asks_for_a_hearing_loop_and_cancels_by_the_link(
    meeting, page, visit, follow, check
):
    from meetings.models import Booking

    visit(page, meeting.get_parent().url)
    follow(page, page.get_by_role("link", name=meeting.title))
    expect(page.get_by_role("heading", level=1)).to_have_text(meeting.title)
    book = page.get_by_role("button", name="Book a seat")
    book.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    check(page)

    # Sent empty: the error summary says what is missing, in plain English.
    submit = page.get_by_role("button", name="Book my seat")
    submit.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    check(page)
    expect(page).to_have_title(re.compile(r"^Error: Book a seat"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter your name")

    page.get_by_label("Your name").focus()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("Jo Bloggs")
    tab_to(page, page.get_by_label("Email address"))
    page.keyboard.type("jo.bloggs@example.org")
    tab_to(page, page.get_by_label("Phone number (optional)"))
    tab_to(page, page.get_by_label("How many seats do you need?"))
    tab_to(page, page.get_by_label("Hearing loop"), presses=2)
    page.keyboard.press("Space")
    expect(page.get_by_label("Hearing loop")).to_be_checked()
    tab_to(page, page.get_by_label("Your question for the panel (optional)"), presses=5)
    page.keyboard.type("When will the underpass lights be fixed?")
    consent = page.get_by_label(re.compile("I agree that the partnership keeps these details"))
    tab_to(page, consent)
    page.keyboard.press("Space")
    tab_to(page, page.get_by_role("button", name="Book my seat"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    check(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your seat is booked")
    booking = Booking.objects.get(email="jo.bloggs@example.org")
    expect(page.locator(".govuk-panel")).to_contain_text(booking.code)
    expect(page.get_by_role("img", name=f"QR code for booking {booking.code}")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Hearing loop")

    emails = {message.to[0]: message for message in mail.outbox}
    assert "Hearing loop" in emails["organiser@example.org"].body
    confirmation = emails["jo.bloggs@example.org"]
    assert booking.code in confirmation.subject
    link = re.search(r"http://\S+/meetings/booking/\S+/", confirmation.body).group(0)

    visit(page, "/" + link.split("/", 3)[3])
    follow(page, page.get_by_role("link", name="Cancel my booking"))
    follow(page, page.get_by_role("button", name="Yes, cancel my booking"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your booking is cancelled")
    booking.refresh_from_db()
    assert booking.status == "cancelled"
    assert any(m.subject.startswith("Booking cancelled") for m in mail.outbox)

    # A link altered by hand is refused in plain English.
    visit(page, "/" + link.split("/", 3)[3].replace(booking.code[:2], "ZZ", 1), status=404)
    expect(page.get_by_role("heading", level=1)).to_have_text("This link does not work")


def test_staff_check_a_resident_in_on_a_phone(meeting, page, visit, follow, check):
    from meetings import services

    booking = services.book_seat(meeting=meeting, name="Priya Shah", email="priya@example.org", seats=2)
    page.set_viewport_size(MOBILE)
    visit(page, f"/meetings/{meeting.pk}/check-in/", public=False)
    expect(page).to_have_url(re.compile(r"/admin/login/"))
    page.locator("input[name=username]").fill("comms@example.org")
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    follow(page, page.get_by_role("button", name=re.compile("Sign in", re.I)), public=False)
    pass_second_factor(page, "comms@example.org")  # staff sign in with an authenticator code too
    expect(page).to_have_url(re.compile(rf"/meetings/{meeting.pk}/check-in/$"))
    check(page)

    page.get_by_label("Name or booking code").fill("shah")
    follow(page, page.get_by_role("button", name="Find"))
    follow(page, page.get_by_role("button", name="Check in Priya Shah"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Priya Shah is checked in (2 seats)")
    expect(page.locator("main")).to_contain_text("2 seats (1 booking), 100%")

    # The QR code on the resident's booking page leads staff straight to the booking.
    visit(page, f"/meetings/check-in/{booking.code}/")
    expect(page.locator("main")).to_contain_text("Checked in")
    follow(page, page.get_by_role("link", name="Back to the door list"))
    follow(page, page.get_by_role("link", name="Everyone booked and waiting"))
    expect(page.locator("table")).to_contain_text("priya@example.org")
    visit(page, "/meetings/desk/")
    visit(page, f"/meetings/{meeting.pk}/questions/")


def test_the_venue_map_is_drawn_from_data_attributes_and_passes_axe(meeting, page, visit):
    limit_waiting(page)
    tiles = []
    page.on("request", lambda request: "/test-tiles/" in request.url and tiles.append(request.url))
    visit(page, meeting.url)  # no CSP refusal, no script error, 0 axe-core violations with the map drawn
    venue_map = page.get_by_role("region", name=f"Map of {meeting.venue_name}")
    expect(venue_map).to_be_visible()
    expect(venue_map.locator(".leaflet-tile-pane")).to_have_count(1)
    expect(venue_map.locator(".leaflet-tooltip")).to_have_text(meeting.venue_name)
    expect(venue_map.locator(".leaflet-control-attribution")).to_contain_text("OpenStreetMap")
    assert tiles, "the map asked the tile server for no tiles"
    expect(page.locator("main")).to_contain_text("Princes Way, Bletchley")


def test_a_resident_asks_a_question_with_javascript_off(meeting, page_without_javascript, visit, follow):
    """Without JavaScript the map stays hidden, the address and the OpenStreetMap link remain, and the question
    form works by plain posts, errors included (issue 7, 5; FP-008)."""
    from meetings.models import Question

    page = page_without_javascript
    limit_waiting(page)
    visit(page, meeting.url)
    expect(page.locator("[data-place-map]")).to_be_hidden()
    expect(page.get_by_role("link", name=f"See {meeting.venue_name} on a map (OpenStreetMap)")).to_be_visible()

    follow(page, page.get_by_role("link", name="Send a question for the panel"))
    send = page.get_by_role("button", name="Send question")
    follow(page, send)
    expect(page).to_have_title(re.compile(r"^Error: Send a question"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter your question")

    page.get_by_label("Your name").fill("Asha Patel")
    page.get_by_label("Email address").fill("asha@example.org")
    page.get_by_label("Your question for the panel").fill("What is being done about speeding on Buckingham Road?")
    follow(page, page.get_by_role("button", name="Send question"))
    expect(page.get_by_role("heading", level=1)).to_have_text(meeting.title)
    expect(page.locator(".govuk-notification-banner")).to_contain_text("your question has been sent")
    question = Question.objects.get(meeting=meeting)
    assert (question.email, question.status) == ("asha@example.org", "submitted")


def test_held_cancelled_and_full_meeting_pages_pass_axe(meeting, page, visit, follow):
    """Every state a meeting page can be in, checked by axe-core: held with minutes and answers, cancelled with
    its reason, and full (the waiting list offered)."""
    from datetime import timedelta

    from django.utils import timezone

    from meetings import services
    from tests.meetings.factories import BookingFactory, MeetingPageFactory, QuestionFactory

    limit_waiting(page)
    held = MeetingPageFactory(
        title="Face the Public: Wolverton",
        starts_at=(timezone.now() - timedelta(days=20)).replace(microsecond=0),
        status="held",
        minutes="<p>The panel reported on the year's priorities. 40 residents attended.</p>",
        latitude=52.0629,
        longitude=-0.8106,
    )
    question = services.accept_question(question=QuestionFactory(meeting=held), user=None)
    services.answer_question(
        question=question, answer="Speed checks every week in March.", answered_by="Chief Inspector", user=None
    )
    visit(page, held.url)
    expect(page.get_by_role("heading", name="Minutes")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Speed checks every week in March.")

    cancelled = MeetingPageFactory(
        title="Face the Public: Newport Pagnell", status="cancelled", cancellation_reason="The hall flooded."
    )
    visit(page, cancelled.url)
    expect(page.locator(".govuk-notification-banner")).to_contain_text("This meeting has been cancelled.")

    full = MeetingPageFactory(title="Face the Public: Olney", capacity=1)
    BookingFactory(meeting=full)
    visit(page, full.url)
    follow(page, page.get_by_role("button", name="Join the waiting list"))
    visit(page, meeting.get_parent().url)
