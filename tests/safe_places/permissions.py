"""Safe Places: who may do what to a venue, venue A's manager against everyone else, on every route, the open
data and the admin's decision and concern screens included.

"Only my venue" (SP-052, DESIGN section 1): another venue's manager ("Safe Places venue", here the manager of
venue B) gets the same 404 as a stranger, so they cannot even learn which venues exist unapproved. Decisions and
concerns belong to the Partnership admins only.
"""

from django.urls import reverse

from safe_places.models import VenueConcern
from tests.factories import UserFactory
from tests.permissions import ANYONE, SIGNED_IN, Matrix, Route, World
from tests.safe_places.factories import VenueFactory

MANAGER_A = "manager of A"
ADMIN = "partnership admin"
CONCERN_TEXT = "The door was locked during opening hours."


def world():
    from core.demo.loader import load_demo_data

    load_demo_data()
    manager_a, manager_b = UserFactory(), UserFactory()
    a = VenueFactory(name="Corner Shop A", manager=manager_a, approved=True)
    p = VenueFactory(name="Pending Place", manager=manager_a)
    b = VenueFactory(name="Corner Shop B", manager=manager_b, approved=True)
    concern = VenueConcern.objects.create(
        reference="SPC-TEST-1", venue=a, kind=VenueConcern.Kind.choices[0][0], details=CONCERN_TEXT,
        email="reporter@example.net",
    )  # fmt: skip
    return World(
        objects={"a": a.pk, "p": p.pk, "b": b.pk, "concern": concern.pk},
        users={MANAGER_A: manager_a, "Safe Places venue": manager_b},
    )


def shows_no_pending_venue_or_concern(response, world, role, allowed):
    body = response.content.decode()
    assert "Pending Place" not in body and CONCERN_TEXT not in body and "reporter@example.net" not in body


def sp(name, *args):
    return reverse(f"safe_places:{name}", args=args)


MATRIX = Matrix(
    app="safe_places",
    world=world,
    roles=(MANAGER_A,),
    routes=[
        Route("safe_places:finder", "find a Safe Place", lambda w: sp("finder") + "?postcode=MK9+3EJ", ANYONE,
              check=shows_no_pending_venue_or_concern),
        Route("safe_places:venue", "read A's public page", lambda w: sp("venue", w["a"], "corner-shop-a"), ANYONE),
        Route("safe_places:venue_short", "follow A's short address", lambda w: sp("venue_short", w["a"]), ANYONE),
        Route("safe_places:venue", "preview pending P", lambda w: sp("venue", w["p"], "pending-place"),
              {MANAGER_A, ADMIN}),
        Route("safe_places:report_concern", "report a concern about A", lambda w: sp("report_concern", w["a"]),
              ANYONE),
        Route("safe_places:report_concern", "report a concern about pending P", lambda w: sp("report_concern", w["p"]),
              set()),
        Route("safe_places:concern_sent", "see a concern's reference without sending one",
              lambda w: sp("concern_sent", w["a"]), set(), succeeded=lambda r: r.status_code == 200),
        Route("safe_places:venues_json", "download the open data (JSON)", lambda w: sp("venues_json"), ANYONE,
              check=shows_no_pending_venue_or_concern),
        Route("safe_places:venues_geojson", "download the open data (GeoJSON)", lambda w: sp("venues_geojson"),
              ANYONE, check=shows_no_pending_venue_or_concern),
        Route("safe_places:register", "register a venue", lambda w: sp("register"), SIGNED_IN),
        Route("safe_places:my_venues", "list your venues", lambda w: sp("my_venues"), SIGNED_IN),
        Route("safe_places:edit", "change A", lambda w: sp("edit", w["a"]), {MANAGER_A}),
        Route("safe_places:edit", "change pending P", lambda w: sp("edit", w["p"]), {MANAGER_A}),
        Route("safe_places:renew", "renew A", lambda w: sp("renew", w["a"]), {MANAGER_A}),
        Route("safe_places:withdraw", "withdraw A", lambda w: sp("withdraw", w["a"]), {MANAGER_A}),
        Route("safe_places:exceptions", "change the dates of A", lambda w: sp("exceptions", w["a"]), {MANAGER_A}),
        Route("safe_places:edit", "post a change to A", lambda w: sp("edit", w["a"]), {MANAGER_A}, method="post",
              data={"name": "Hijacked"}),
        Route("safe_places:withdraw", "post a withdrawal of A", lambda w: sp("withdraw", w["a"]), {MANAGER_A},
              method="post", data={"confirm": "on"}),
        Route("safe_places_decide", "admin: decide on P", lambda w: reverse("safe_places_decide", args=[w["p"]]),
              {ADMIN}),
        Route("safe_places_decide", "admin: post a decision on P",
              lambda w: reverse("safe_places_decide", args=[w["p"]]), {ADMIN}, method="post",
              data={"decision": "approve"}),
        Route("safe_places_resolve", "admin: resolve a concern",
              lambda w: reverse("safe_places_resolve", args=[w["concern"]]), {ADMIN}),
        Route("wagtailsnippets_safe_places_venue:list", "admin: list venues",
              lambda w: reverse("wagtailsnippets_safe_places_venue:list"), {ADMIN}),
        Route("wagtailsnippets_safe_places_venueconcern:list", "admin: list concerns",
              lambda w: reverse("wagtailsnippets_safe_places_venueconcern:list"), {ADMIN}),
    ],
)  # fmt: skip
