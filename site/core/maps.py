"""The map tiles behind every Leaflet map on the public site: the Safe Places finder and venue pages, the
Neighbourhood Watch finder and scheme pages, and the venue of a Face the Public meeting.

One tile server for the whole site, named in settings (`MAP_TILE_URL`, `MAP_TILE_ATTRIBUTION`), OpenStreetMap's
by default. The pages work without the maps: each map repeats a list or an address that is already on the page,
and is drawn only by JavaScript (frontend/src/js/maps.js), from the tile address and attribution the page gives
it in data- attributes.

The Content-Security-Policy allows images from our own origin only; a page with a map lets its browser load tile
images from the tile server's origin as well, and from nowhere else (`with_map_tiles`, `allow_map_tiles`).
"""

from dataclasses import dataclass
from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings

OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'


@dataclass(frozen=True)
class TileServer:
    """Where map tiles come from and the credit their licence asks us to show on the map."""

    url: str
    attribution: str

    @property
    def origin(self):
        """The scheme and host the browser fetches tiles from, or None for tiles served by this site."""
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None

    def context(self):
        """What a template needs for its map's data-tile-url and data-attribution."""
        return {"tile_url": self.url, "tile_attribution": self.attribution}


def tile_server():
    """The site's tile server, read from settings each time (tests point it at the live test server)."""
    return TileServer(
        url=getattr(settings, "MAP_TILE_URL", OSM_TILES),
        attribution=getattr(settings, "MAP_TILE_ATTRIBUTION", OSM_ATTRIBUTION),
    )


def map_context():
    """The tile address and attribution for a page's maps, as template context."""
    return tile_server().context()


def allow_map_tiles(response):
    """Add the tile server's origin to this response's img-src (django-csp's per-response update)."""
    origin = tile_server().origin
    if origin:
        update = dict(getattr(response, "_csp_update", None) or {})
        sources = update.get("img-src") or []
        sources = [sources] if isinstance(sources, str) else list(sources)
        if origin not in sources:
            sources.append(origin)
        update["img-src"] = sources
        response._csp_update = update
    return response


def with_map_tiles(view):
    """A view whose page shows a map: its response may load images from the tile server, and only there."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        return allow_map_tiles(view(*args, **kwargs))

    return wrapped
