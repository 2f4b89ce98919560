// Maps shared by Safe Places, the Neighbourhood Watch finder and Face the Public meetings.
//
// Every map is an extra on a page that already works without JavaScript: the list of venues or schemes, or the
// meeting's address, stays the complete, accessible answer. A map's element is rendered `hidden` and carries
// what it needs in data- attributes (no inline script or style, which the Content-Security-Policy refuses):
//
//   data-tile-url      the tile server's address template (core.maps, MAP_TILE_URL); its origin is the only
//                      image host the page's CSP allows
//   data-attribution   the credit the tiles' licence asks for
//   data-lat, data-lng where to centre the map; data-zoom (optional) how close
//
// This module also draws the simplest map, [data-place-map]: one place (a meeting's venue) named by data-name.
// Tile requests send only our origin as the referrer, as the OpenStreetMap tile policy asks, never the page's
// address (signed links to bookings live in URLs).
import L from "leaflet";

export const COLOURS = {
  open: "#00703c",
  closed: "#505a5f",
  here: "#1d70b8",
  area: "#1d70b8",
  searched: "#d4351c",
};

export function tileLayer(element) {
  return L.tileLayer(element.dataset.tileUrl, {
    attribution: element.dataset.attribution,
    maxZoom: 19,
    referrerPolicy: "strict-origin-when-cross-origin",
  });
}

export function centre(element) {
  return [parseFloat(element.dataset.lat), parseFloat(element.dataset.lng)];
}

// Show the element and draw a map in it, centred on its data-lat and data-lng. A map inside a closed <details>
// measures its size again once it is opened.
export function makeMap(element, zoom) {
  element.hidden = false;
  const map = L.map(element, { scrollWheelZoom: false }).setView(
    centre(element),
    parseInt(element.dataset.zoom || String(zoom), 10),
  );
  tileLayer(element).addTo(map);
  element.closest("details")?.addEventListener("toggle", () => map.invalidateSize());
  return map;
}

// A link for a popup, built as DOM nodes (names come from residents and venues: never parsed as HTML).
export function link(name, url) {
  const anchor = document.createElement("a");
  anchor.className = "govuk-link";
  anchor.href = url;
  anchor.textContent = name;
  return anchor;
}

function initPlaceMap(element) {
  const map = makeMap(element, 16);
  L.circleMarker(centre(element), { radius: 10, color: COLOURS.here, weight: 3, fillOpacity: 0.6 })
    .bindTooltip(element.dataset.name, { permanent: true, direction: "top", offset: [0, -10] })
    .addTo(map);
}

export function initPlaceMaps(root = document) {
  root.querySelectorAll("[data-place-map]").forEach(initPlaceMap);
}
