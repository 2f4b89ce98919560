"""Public pages and coordinators' pages: the finder (covering, nearest, none), privacy switches, joining,
unsubscribing and leaving by signed link, registering, deciding members, messages (issue 8)."""

import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.models import OutboxMessage
from core.protection import issue_token
from tests.factories import UserFactory
from tests.watch_schemes.factories import MemberFactory, WatchSchemeFactory, main_coordinator
from watch_schemes import services
from watch_schemes.models import Member, WatchScheme

pytestmark = pytest.mark.django_db
FINDER = reverse("watch_schemes:finder")
SQUARE = json.dumps(
    {
        "type": "Polygon",
        "coordinates": [[[-0.77, 52.03], [-0.75, 52.03], [-0.75, 52.05], [-0.77, 52.05], [-0.77, 52.03]]],
    }
)


class TestFinder:
    def test_scheme_covering_the_postcode_by_list_nw050(self, client, postcodes):
        WatchSchemeFactory(active=True, name="Midsummer Watch", postcodes=["MK9 3EJ"])
        page = client.get(FINDER, {"postcode": "mk93ej"}).content.decode()
        assert "Schemes covering MK9 3EJ" in page and "Midsummer Watch" in page and "Covers your postcode" in page
        assert "Start a scheme for" not in page

    def test_scheme_covering_the_postcode_by_drawn_area_nw050(self, client, postcodes):
        WatchSchemeFactory(active=True, name="Drawn Watch", postcodes=[], area=SQUARE)
        page = client.get(FINDER, {"postcode": "MK9 2FZ"}).content.decode()
        assert "Schemes covering MK9 2FZ" in page and "Drawn Watch" in page

    def test_none_covering_lists_the_nearest_and_offers_to_start_one_nw050(self, client, postcodes):
        WatchSchemeFactory(active=True, name="Near Watch", postcodes=["MK9 3EJ"])
        WatchSchemeFactory(name="Pending Watch", postcodes=["MK9 3EJ"])  # not approved: never shown
        page = client.get(FINDER, {"postcode": "MK17 8AA"}).content.decode()
        assert "No scheme covers MK17 8AA yet" in page
        assert "The nearest schemes" in page and "Near Watch" in page and "km away" in page
        assert "Pending Watch" not in page
        assert reverse("watch_schemes:register") + "?postcode=MK17%208AA" in page

    def test_none_at_all(self, client, postcodes):
        page = client.get(FINDER, {"postcode": "MK17 8AA"}).content.decode()
        assert "There are no schemes within 25 km" in page and "Start a scheme for MK17 8AA" in page

    def test_nearest_count_is_seven_by_default_nw050(self, client, postcodes):
        for n in range(9):
            WatchSchemeFactory(active=True, postcodes=[], latitude=51.99 + n * 0.001, longitude=-0.65)
        page = client.get(FINDER, {"postcode": "MK9 3EJ"}).content.decode()
        assert page.count("data-scheme ") == 7

    def test_unknown_and_invalid_postcodes_are_errors_next_to_the_field(self, client, postcodes):
        page = client.get(FINDER, {"postcode": "MK1 9ZZ"}).content.decode()
        assert "<title>Error:" in page and "We could not find that postcode" in page
        assert "govuk-error-summary" in client.get(FINDER, {"postcode": "hello"}).content.decode()

    def test_query_count_does_not_grow_with_schemes(self, client, postcodes):
        from tests.helpers import assert_queries_do_not_grow

        WatchSchemeFactory(active=True)

        def add_data():
            for _ in range(5):
                WatchSchemeFactory(active=True)

        assert_queries_do_not_grow(client, FINDER + "?postcode=MK9+3EJ", add_data, at_most=12)


class TestPrivacySwitches:
    def test_area_and_contact_hidden_by_default_nw051_nw052(self, client, postcodes):
        scheme = WatchSchemeFactory(active=True, streets="Secret Close", area=SQUARE)
        coordinator = main_coordinator(scheme)
        page = client.get(scheme.get_absolute_url()).content.decode()
        assert "Secret Close" not in page and "MK9 3EJ" not in page and coordinator.email not in page
        assert "keeps its exact area private" in page
        assert "&quot;approximate&quot;: true" in page and "-0.77" not in page

    def test_area_and_contact_shown_when_allowed_nw051_nw052(self, client, postcodes):
        scheme = WatchSchemeFactory(active=True, streets="Open Close", area=SQUARE, show_area=True,
                                    show_coordinator_contact=True)  # fmt: skip
        page = client.get(scheme.get_absolute_url()).content.decode()
        assert "Open Close" in page and "MK9 3EJ" in page and main_coordinator(scheme).email in page
        assert "Polygon" in page

    def test_finder_map_respects_show_area(self, client, postcodes):
        WatchSchemeFactory(active=True, name="Hidden", area=SQUARE)
        page = client.get(FINDER, {"postcode": "MK9 3EJ"}).content.decode()
        assert "Polygon" not in page and "&quot;approximate&quot;: true" in page

    def test_geojson_shows_area_only_where_allowed(self, client):
        shown = WatchSchemeFactory(active=True, name="Shown", area=SQUARE, show_area=True)
        hidden = WatchSchemeFactory(active=True, name="Hidden", area=SQUARE, latitude=52.041234, longitude=-0.761234)
        WatchSchemeFactory(name="Pending")
        WatchSchemeFactory(status="closed", name="Closed")
        response = client.get(reverse("watch_schemes:geojson"))
        assert response["Content-Type"] == "application/geo+json"
        features = {f["properties"]["name"]: f for f in response.json()["features"]}
        assert set(features) == {"Shown", "Hidden"}
        assert features["Shown"]["geometry"]["type"] == "Polygon"
        assert features["Hidden"]["geometry"] == {"type": "Point", "coordinates": [-0.76, 52.04]}
        body = response.content.decode()
        for private in ("@", "Midsummer Boulevard", "MK9 3EJ", "members"):
            assert private not in body
        assert features["Shown"]["properties"]["id"] == shown.pk and hidden.pk


class TestJoiningAndLeaving:
    def post_join(self, client, scheme, **data):
        form = {"name": "Ann Ode", "email": "ann@example.net", "street": "Midsummer Boulevard", "consent": "on",
                "submission_token": issue_token("watch-join"), **data}  # fmt: skip
        return client.post(reverse("watch_schemes:join", args=[scheme.pk]), form)

    def test_join_creates_a_request_once_for_repeated_posts(self, client):
        scheme = WatchSchemeFactory(active=True)
        token = issue_token("watch-join")
        for _ in range(3):
            response = self.post_join(client, scheme, submission_token=token)
        assert response.status_code == 302
        assert Member.objects.get().status == "requested"
        assert "Request sent" in client.get(response.url).content.decode()

    def test_join_without_consent_is_an_error_next_to_the_field(self, client):
        scheme = WatchSchemeFactory(active=True)
        response = self.post_join(client, scheme, consent="")
        assert "Agree to the coordinators holding your details" in response.content.decode()
        assert not Member.objects.exists()

    def test_pending_scheme_has_no_join_page(self, client):
        assert client.get(reverse("watch_schemes:join", args=[WatchSchemeFactory().pk])).status_code == 404

    def test_unsubscribe_in_one_click_then_leave_nw071_nw064(self, client):
        member = MemberFactory(accepted=True)
        url = reverse("watch_schemes:membership", args=[services.member_token(member)])
        assert "Unsubscribe" in client.get(url).content.decode()
        client.post(url, {"action": "unsubscribe"})
        member.refresh_from_db()
        assert not member.receives_messages
        response = client.post(url, {"action": "leave"})
        assert "You have left" in response.content.decode()
        assert not Member.objects.exists()
        assert client.get(url).status_code == 404

    def test_forged_link_finds_nothing(self, client):
        member = MemberFactory(accepted=True)
        response = client.post(reverse("watch_schemes:membership", args=[str(member.pk)]), {"action": "leave"})
        assert response.status_code == 404
        assert Member.objects.exists()


class TestCoordinatorPages:
    def test_register_needs_an_account(self, client):
        response = client.get(reverse("watch_schemes:register"))
        assert response.status_code == 302 and "login" in response.url

    def test_register_a_scheme_nw012_nw023(self, client, coordinator, postcodes):
        client.force_login(coordinator)
        form = {"name": "Mellish Court Watch", "scheme_type": "home", "streets": "Mellish Court", "postcodes": "MK9 3EJ",
                "submission_token": issue_token("watch-register")}  # fmt: skip
        response = client.post(reverse("watch_schemes:register"), form)
        assert "Agree to the code of ethics" in response.content.decode() and not WatchScheme.objects.exists()
        form.update(accepts_code_of_conduct="on", accepts_data_protection="on",
                    submission_token=issue_token("watch-register"))  # fmt: skip
        response = client.post(reverse("watch_schemes:register"), form)
        scheme = WatchScheme.objects.get()
        assert response.url == reverse("watch_schemes:manage", args=[scheme.pk])
        assert scheme.status == "pending"
        assert "Mellish Court Watch" in client.get(reverse("watch_schemes:my_schemes")).content.decode()

    def test_area_errors_shown_next_to_the_field(self, client, coordinator, postcodes):
        client.force_login(coordinator)
        form = {"name": "X", "scheme_type": "home", "postcodes": "", "accepts_code_of_conduct": "on",
                "accepts_data_protection": "on", "submission_token": issue_token("watch-register")}  # fmt: skip
        page = client.post(reverse("watch_schemes:register"), form).content.decode()
        assert "<title>Error:" in page and "at least one postcode" in page

    def test_coordinator_accepts_a_member_and_sends_a_message(self, client):
        member = MemberFactory()
        scheme = member.scheme
        client.force_login(main_coordinator(scheme))
        page = client.get(reverse("watch_schemes:manage", args=[scheme.pk])).content.decode()
        assert member.email in page
        client.post(reverse("watch_schemes:decide_member", args=[scheme.pk, member.pk]), {"action": "accept"})
        member.refresh_from_db()
        assert member.status == "accepted"
        response = client.post(reverse("watch_schemes:message", args=[scheme.pk]),
                               {"subject": "Bins", "body": "Bin day is Tuesday."})  # fmt: skip
        assert response.status_code == 302
        mail = OutboxMessage.objects.get(purpose="watch_schemes.message")
        assert mail.to == member.email and "call 999" in mail.body_text

    def test_edit_keeps_details(self, client, postcodes):
        scheme = WatchSchemeFactory(active=True)
        client.force_login(main_coordinator(scheme))
        url = reverse("watch_schemes:edit", args=[scheme.pk])
        assert "Midsummer Boulevard" in client.get(url).content.decode()
        client.post(url, {"name": "Renamed Watch", "scheme_type": "home", "postcodes": "MK9 3EJ\nMK9 2FZ"})
        scheme.refresh_from_db()
        assert (scheme.name, scheme.postcodes) == ("Renamed Watch", ["MK9 3EJ", "MK9 2FZ"])

    def test_review_and_handover_pages(self, client):
        scheme = WatchSchemeFactory(active=True, status="inactive")
        client.force_login(main_coordinator(scheme))
        client.post(reverse("watch_schemes:review", args=[scheme.pk]), {"confirm": "on"})
        scheme.refresh_from_db()
        assert scheme.status == "active"
        successor = UserFactory()
        response = client.post(reverse("watch_schemes:hand_over", args=[scheme.pk]), {"email": successor.email})
        assert response.url == reverse("watch_schemes:my_schemes")
        assert main_coordinator(scheme) == successor


def test_a_mail_programs_unsubscribe_button_stops_messages_but_keeps_the_member_nw071(client):
    """Scheme messages carry List-Unsubscribe/-Post (RFC 8058). The mail program posts with no cookies and no CSRF
    token; the member stops getting messages and stays a member (leaving is only on their own page)."""
    member = MemberFactory(accepted=True)
    services.send_message(scheme=member.scheme, by=main_coordinator(member.scheme), subject="Bikes",
                          body="Lock them.", now=timezone.now())  # fmt: skip
    sent = OutboxMessage.objects.get(purpose="watch_schemes.message", to=member.email)
    button = sent.headers["List-Unsubscribe"].strip("<>")
    assert sent.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert button.endswith(reverse("watch_schemes:one_click_unsubscribe", args=[services.member_token(member)]))
    response = Client(enforce_csrf_checks=True).post(
        button.split("localhost", 1)[-1], "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )  # fmt: skip
    assert response.status_code == 200 and "You are unsubscribed" in response.content.decode()
    member.refresh_from_db()
    assert not member.receives_messages
    assert client.get(button.split("localhost", 1)[-1]).status_code == 405
