"""The public finder and venue pages, venues' own forms and the open-data feeds (SP-031 to SP-033, SP-052)."""

from datetime import date, time

import pytest
from django.urls import reverse

from core.models import OutboxMessage
from safe_places.models import Venue, VenueConcern
from tests.factories import PostcodeFactory
from tests.helpers import assert_queries_do_not_grow, count_queries
from tests.safe_places.factories import MK_CENTRE, VenueFactory, VenueTypeFactory

pytestmark = pytest.mark.django_db

FINDER = "/safe-places/"
ALWAYS_OPEN = [[["00:00", "00:00"]]] * 7
NEVER_OPEN = [[]] * 7


@pytest.fixture
def centre_postcode(demo_site):
    return PostcodeFactory(postcode="MK9 3EJ", latitude=f"{MK_CENTRE[0]:.6f}", longitude=f"{MK_CENTRE[1]:.6f}")


def venue_north(km, **kwargs):
    kwargs.setdefault("approved", True)
    return VenueFactory(latitude=MK_CENTRE[0] + km / 111.2, longitude=MK_CENTRE[1], **kwargs)


def test_finder_lists_nearest_first_with_distance_sp031(client, centre_postcode):
    venue_north(2.0, name="Far Library", opening_hours=ALWAYS_OPEN)
    venue_north(0.4, name="Near Café", opening_hours=ALWAYS_OPEN)
    response = client.get(FINDER, {"postcode": "mk93ej"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Near Café") < html.index("Far Library")
    assert "400 metres (about a 5 minute walk)" in html
    assert "Open now" in html


def test_open_now_filter_hides_closed_venues_and_says_what_to_do_instead_sp031(client, centre_postcode):
    venue_north(0.4, name="Shut Shop", opening_hours=NEVER_OPEN)
    html = client.get(FINDER, {"postcode": "MK9 3EJ", "open_now": "on"}).content.decode()
    assert "Shut Shop" not in html
    assert "There is no Safe Place open within a 15 minute walk" in html
    assert "call 999" in html and "call 101" in html


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter a postcode, like MK9 3EJ, to find a Safe Place near you."),
        ("MK9", "Enter your full postcode, like MK9 3EJ, not just the first part."),
        ("12345", "Enter a real UK postcode, like MK9 3EJ."),
        ("MK9 9ZZ", "We could not find that postcode. Check it is right, or use your location instead."),
    ],
)
def test_postcode_errors_are_in_plain_english_next_to_the_field(client, centre_postcode, typed, message):
    response = client.get(FINDER, {"postcode": typed})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Find a Safe Place" in html
    assert message in html
    assert 'href="#id_postcode"' in html  # the error summary links to the field


def test_use_my_location_searches_from_the_point(client, demo_site):
    venue_north(0.2, name="Nearby Pharmacy", opening_hours=ALWAYS_OPEN)
    html = client.get(FINDER, {"latitude": MK_CENTRE[0], "longitude": MK_CENTRE[1]}).content.decode()
    assert "Nearby Pharmacy" in html and "near your location" in html


def test_accessibility_filters(client, centre_postcode):
    venue_north(0.2, name="Stepped Shop")
    venue_north(0.3, name="Step-free Library", step_free=True, quiet_space=True)
    html = client.get(FINDER, {"postcode": "MK9 3EJ", "features": ["step_free", "quiet_space"]}).content.decode()
    assert "Step-free Library" in html and "Stepped Shop" not in html


def test_finder_page_works_without_a_search(client, demo_site):
    response = client.get(FINDER)
    assert response.status_code == 200
    assert "Find a Safe Place near you" in response.content.decode()


def test_finder_queries_do_not_grow_with_venues(client, centre_postcode):
    venue_north(0.5, opening_hours=ALWAYS_OPEN)  # one listed already: the page's full set of queries runs
    empty_form = count_queries(client, FINDER)  # the layout's own queries (settings, navigation)
    count = assert_queries_do_not_grow(
        client,
        f"{FINDER}?postcode=MK9+3EJ&open_now=on",
        lambda: [venue_north(km / 10, opening_hours=ALWAYS_OPEN) for km in range(1, 30)],
    )
    assert count <= empty_form + 4  # the postcode, then the finder's three


def test_the_finder_page_allows_only_the_tile_server_beyond_our_own_images(client, demo_site):
    csp = client.get(FINDER)["Content-Security-Policy"]
    img_src = next(part for part in csp.split(";") if part.strip().startswith("img-src"))
    assert img_src.split()[1:] == ["'self'", "data:", "https://tile.openstreetmap.org"]


def test_venue_page_shows_hours_and_features(client, demo_site):
    venue = venue_north(0.1, name="Central Library", hearing_loop=True)
    response = client.get(venue.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Central Library" in html and "Hearing loop" in html and "9am to 5pm" in html
    assert client.get(f"/safe-places/venues/{venue.pk}/").status_code == 301


def test_a_pending_venue_is_not_public_but_its_manager_can_preview_it(client, demo_site):
    venue = VenueFactory()
    assert client.get(venue.get_absolute_url()).status_code == 404
    client.force_login(venue.manager)
    assert "This is a preview" in client.get(venue.get_absolute_url()).content.decode()


def test_registering_a_venue_through_the_form(client, centre_postcode):
    from safe_places.forms import RegisterVenueForm

    manager = VenueFactory().manager
    client.force_login(manager)
    page = client.get("/safe-places/register/")
    token = page.context["form"].initial["submission_token"]
    cafe = VenueTypeFactory(name="Café", slug="cafe")
    data = {
        "submission_token": token, "name": "Bean There", "venue_type": cafe.pk, "address": "1 Arcade",
        "postcode": "mk9 3ej", "contact_name": "Sam Shah", "bank_holidays": "closed", "trained_staff": "2",
        "open_to_public": "on", "has_liability_insurance": "on", "accessible_premises": "on",
        "agrees_to_procedure": "on", "mon_opens": "09:00", "mon_closes": "17:30", "sat_opens": "20:00",
        "sat_closes": "02:00", "features": ["step_free"],
    }  # fmt: skip
    response = client.post("/safe-places/register/", data)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    venue = Venue.objects.get(name="Bean There")
    assert venue.status == Venue.Status.PENDING and venue.manager == manager and venue.step_free
    assert venue.opening_hours[5] == [["20:00", "02:00"]]
    assert RegisterVenueForm.form_name == "safe-places-register"
    again = client.post("/safe-places/register/", data)  # a double click makes one venue
    assert again.status_code == 302 and Venue.objects.filter(name="Bean There").count() == 1


def test_registration_errors_name_the_field(client, centre_postcode):
    client.force_login(VenueFactory().manager)
    token = client.get("/safe-places/register/").context["form"].initial["submission_token"]
    html = client.post(
        "/safe-places/register/", {"submission_token": token, "mon_opens": "09:00", "postcode": "MK9"}
    ).content.decode()
    assert "Confirm the venue has public liability insurance" in html
    assert "Enter both times for Monday, or leave both empty if you are closed" in html
    assert "Enter your full postcode, like MK9 3EJ, not just the first part." in html


def test_registration_needs_an_account(client, demo_site):
    response = client.get("/safe-places/register/")
    assert response.status_code == 302


def test_the_manager_edits_their_venue(client, centre_postcode):
    venue = VenueFactory(approved=True)
    client.force_login(venue.manager)
    form = client.get(reverse("safe_places:edit", args=[venue.pk])).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(name="Renamed Shop", venue_type=venue.venue_type_id, features=["hearing_loop"], contact_name="Jo")
    for key in ("open_to_public", "has_liability_insurance", "accessible_premises", "agrees_to_procedure"):
        data[key] = "on"
    data = {k: (v.strftime("%H:%M") if isinstance(v, time) else v) for k, v in data.items()}
    data = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in data.items()}
    response = client.post(reverse("safe_places:edit", args=[venue.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    venue.refresh_from_db()
    assert venue.name == "Renamed Shop" and venue.hearing_loop and venue.status == Venue.Status.APPROVED


def test_reporting_a_concern_reaches_the_admins(client, demo_site):
    venue = venue_north(0.1)
    url = reverse("safe_places:report_concern", args=[venue.pk])
    token = client.get(url).context["form"].initial["submission_token"]
    response = client.post(url, {"submission_token": token, "kind": "closed", "details": "Locked at 2pm"})
    assert response.status_code == 302
    assert "Report sent" in client.get(response["Location"]).content.decode()
    assert VenueConcern.objects.get().venue == venue
    assert OutboxMessage.objects.filter(purpose="safe_places.concern").exists()


def test_open_data_has_approved_venues_only_with_hours_and_attribution_sp032(client, demo_site):
    venue = venue_north(0.1, name="Listed")
    VenueFactory(name="Pending")
    data = client.get("/safe-places/venues.json").json()
    assert [v["name"] for v in data["venues"]] == ["Listed"]
    assert data["venues"][0]["opening_hours"]["monday"] == [["09:00", "17:00"]]
    assert "Open Government Licence" in data["attribution"]
    geo = client.get("/safe-places/venues.geojson")
    assert geo["Content-Type"] == "application/geo+json"
    feature = geo.json()["features"][0]
    assert feature["geometry"]["coordinates"] == [round(venue.longitude, 6), round(venue.latitude, 6)]
    assert feature["properties"]["opening_hours"]["sunday"] == []


def test_your_account_lists_your_safe_places_venues(client, demo_site):
    venue = VenueFactory()
    client.force_login(venue.manager)
    html = client.get(reverse("accounts:home")).content.decode()
    assert "Your Safe Places venues" in html
    assert reverse("safe_places:my_venues") in html
