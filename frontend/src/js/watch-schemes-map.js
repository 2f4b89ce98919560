// Neighbourhood Watch (imported for its effect from app.js): maps added to pages that already work without
// JavaScript. The lists of schemes, streets and postcodes stay the complete, accessible answer.
//
// - [data-watch-map]: the schemes of the [data-watch-list] lists on the page, or with data-single its own
//   data-shape. A shape is {"area": GeoJSON polygon} where the scheme shows its area, or {"lat", "lng",
//   "approximate": true}: drawn as a wide circle, never a precise point (NW-052).
// - [data-watch-draw]: on the scheme form, clicking the map adds a corner of the area; the polygon is written
//   as GeoJSON into the textarea named by data-input, which the server validates.
//
// The map set-up (tiles, attribution, referrer policy) is shared with the other maps: see maps.js.
import L from "leaflet";

import { centre, COLOURS, link, makeMap } from "./maps.js";

const APPROXIMATE_METRES = 600;

function addShape(map, shape, name, url) {
  let layer;
  if (shape.area) {
    layer = L.geoJSON(shape.area, { style: { color: COLOURS.area, weight: 2, fillOpacity: 0.15 } });
  } else {
    layer = L.circle([shape.lat, shape.lng], {
      radius: APPROXIMATE_METRES,
      color: COLOURS.area,
      weight: 1,
      dashArray: "4",
      fillOpacity: 0.1,
    });
  }
  if (url) {
    layer.bindPopup(link(name, url));
  } else {
    layer.bindTooltip(name);
  }
  return layer.addTo(map);
}

function initSchemeMap(element) {
  const map = makeMap(element, 14);
  const bounds = [];
  if (element.dataset.single !== undefined) {
    const layer = addShape(map, JSON.parse(element.dataset.shape), element.dataset.name, null);
    bounds.push(layer.getBounds());
  } else {
    L.circleMarker(centre(element), {
      radius: 6,
      color: COLOURS.searched,
      fillOpacity: 0.9,
    })
      .bindTooltip("Your postcode")
      .addTo(map);
    document.querySelectorAll("[data-watch-list] [data-scheme]").forEach((item) => {
      const layer = addShape(map, JSON.parse(item.dataset.shape), item.dataset.name, item.dataset.url);
      bounds.push(layer.getBounds());
    });
  }
  if (bounds.length) {
    const all = bounds.reduce((joined, next) => joined.extend(next), L.latLngBounds(bounds[0]));
    map.fitBounds(all, { padding: [20, 20], maxZoom: 16 });
  }
}

function initDraw(element) {
  const input = document.querySelector(element.dataset.input);
  if (!input) {
    return;
  }
  const map = makeMap(element, 15);
  let corners = [];
  try {
    const existing = JSON.parse(input.value || "null");
    if (existing && existing.type === "Polygon") {
      corners = existing.coordinates[0].slice(0, -1).map(([lng, lat]) => L.latLng(lat, lng));
    }
  } catch {
    corners = [];
  }
  const polygon = L.polygon(corners, { color: COLOURS.area }).addTo(map);
  if (corners.length) {
    map.fitBounds(polygon.getBounds(), { maxZoom: 17 });
  }
  const write = () => {
    polygon.setLatLngs(corners);
    if (corners.length < 3) {
      input.value = "";
      return;
    }
    const ring = corners.map((point) => [Number(point.lng.toFixed(6)), Number(point.lat.toFixed(6))]);
    input.value = JSON.stringify({ type: "Polygon", coordinates: [[...ring, ring[0]]] });
  };
  map.on("click", (event) => {
    corners.push(event.latlng);
    write();
  });
  const clear = document.createElement("button");
  clear.type = "button";
  clear.className = "govuk-button govuk-button--secondary";
  clear.textContent = "Clear the drawn area";
  clear.addEventListener("click", () => {
    corners = [];
    write();
  });
  element.after(clear);
}

document.querySelectorAll("[data-watch-map]").forEach(initSchemeMap);
document.querySelectorAll("[data-watch-draw]").forEach(initDraw);
