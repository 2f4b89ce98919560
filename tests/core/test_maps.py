"""The one tile server behind every public map, and the CSP allowance that goes with it (core.maps)."""

import pytest
from django.http import HttpResponse

from core import maps


def test_openstreetmap_by_default_with_its_credit(settings):
    for name in ("MAP_TILE_URL", "MAP_TILE_ATTRIBUTION"):
        if hasattr(settings, name):
            delattr(settings, name)
    server = maps.tile_server()
    assert server.url == "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    assert "OpenStreetMap" in server.attribution
    assert server.origin == "https://tile.openstreetmap.org"
    assert maps.map_context() == {"tile_url": server.url, "tile_attribution": server.attribution}


def test_settings_are_read_at_request_time(settings):
    settings.MAP_TILE_URL = "https://tiles.example.net/osm/{z}/{x}/{y}.png"
    settings.MAP_TILE_ATTRIBUTION = "Tiles by Example"
    assert maps.tile_server().origin == "https://tiles.example.net"
    assert maps.map_context()["tile_attribution"] == "Tiles by Example"


def test_tiles_from_this_site_need_no_extra_image_source(settings):
    settings.MAP_TILE_URL = "/test-tiles/{z}/{x}/{y}.png"
    response = maps.allow_map_tiles(HttpResponse())
    assert maps.tile_server().origin is None
    assert getattr(response, "_csp_update", None) is None


def test_a_page_with_a_map_allows_images_from_the_tile_server_only(settings):
    settings.MAP_TILE_URL = "https://tiles.example.net/{z}/{x}/{y}.png"
    view = maps.with_map_tiles(lambda request: HttpResponse("map"))
    response = view(None)
    assert response._csp_update == {"img-src": ["https://tiles.example.net"]}
    # Applied twice (a decorated view on a page that adds it again) the origin is listed once.
    assert maps.allow_map_tiles(response)._csp_update == {"img-src": ["https://tiles.example.net"]}


@pytest.mark.django_db
def test_the_policy_header_names_the_tile_server_on_map_pages_only(client, settings):
    from tests.meetings.factories import MeetingPageFactory

    settings.MAP_TILE_URL = "https://tiles.example.net/{z}/{x}/{y}.png"
    with_map = MeetingPageFactory(latitude=52.0406, longitude=-0.7594)
    without_map = MeetingPageFactory()
    header = client.get(with_map.url)["Content-Security-Policy"]
    img_src = next(part for part in header.split(";") if part.strip().startswith("img-src"))
    assert "https://tiles.example.net" in img_src and "'self'" in img_src
    assert "tiles.example.net" not in client.get(without_map.url)["Content-Security-Policy"]
    assert "tiles.example.net" in client.get("/safe-places/")["Content-Security-Policy"]
    assert "tiles.example.net" in client.get("/neighbourhood-watch/")["Content-Security-Policy"]
