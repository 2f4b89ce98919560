// Safe Places (imported for its effect from app.js): progressive enhancements of pages that already work without JavaScript.
//
// - [data-safe-places-map]: draws the venues of the list it names (items marked [data-venue] with
//   data-name, data-lat, data-lng, data-url, data-open) on a Leaflet map. The list stays the complete,
//   accessible answer (SP-033); the map is an extra.
// - [data-safe-places-locate]: adds a "Use my location" button that fills in the form's hidden
//   latitude and longitude and submits the same GET form.
// - [data-safe-places-picker]: a map on the venue form; clicking it sets the latitude and longitude inputs.
//
// The map set-up (tiles, attribution, referrer policy) is shared with the other maps: see maps.js.
import L from "leaflet";

import { centre, COLOURS, link, makeMap } from "./maps.js";

function popupFor(item) {
  const status = document.createElement("p");
  status.className = "govuk-body-s govuk-!-margin-bottom-0";
  status.textContent = item.dataset.open === "true" ? "Open now" : "Closed now";
  const wrapper = document.createElement("div");
  wrapper.append(link(item.dataset.name, item.dataset.url), status);
  return wrapper;
}

function initVenueMap(element) {
  const list = document.querySelector(element.dataset.list);
  const items = list ? Array.from(list.querySelectorAll("[data-venue]")) : [];
  const here = centre(element);
  const map = makeMap(element, 14);
  const points = [here];
  if (items.length > 1) {
    L.circleMarker(here, { radius: 6, color: COLOURS.here, fillOpacity: 0.9 })
      .bindTooltip("Where you searched from")
      .addTo(map);
  }
  items.forEach((item) => {
    const point = [parseFloat(item.dataset.lat), parseFloat(item.dataset.lng)];
    points.push(point);
    const colour = item.dataset.open === "true" ? COLOURS.open : COLOURS.closed;
    L.circleMarker(point, { radius: 9, color: colour, weight: 3, fillOpacity: 0.6 })
      .bindPopup(popupFor(item))
      .addTo(map);
  });
  if (points.length > 1) {
    map.fitBounds(L.latLngBounds(points), { padding: [30, 30], maxZoom: 16 });
  }
}

function initLocate(slot) {
  const form = slot.closest("form");
  if (!form || !("geolocation" in navigator)) {
    return;
  }
  const button = document.createElement("button");
  button.type = "button";
  button.className = "govuk-button govuk-button--secondary app-locate";
  button.textContent = "Use my location";
  const message = document.createElement("p");
  message.className = "govuk-body";
  message.setAttribute("aria-live", "polite");
  slot.append(button, message);
  button.addEventListener("click", () => {
    message.textContent = "Finding where you are…";
    navigator.geolocation.getCurrentPosition(
      (position) => {
        form.querySelector("[name=latitude]").value = position.coords.latitude.toFixed(6);
        form.querySelector("[name=longitude]").value = position.coords.longitude.toFixed(6);
        form.querySelector("[name=postcode]").value = "";
        form.submit();
      },
      () => {
        message.textContent =
          "We could not find your location. Enter your postcode instead. In an emergency call 999.";
      },
      { enableHighAccuracy: true, timeout: 10000, maximumAge: 60000 },
    );
  });
}

function initPicker(element) {
  const latInput = document.querySelector(element.dataset.latInput);
  const lngInput = document.querySelector(element.dataset.lngInput);
  const start = centre(element);
  const map = makeMap(element, 16);
  const marker = L.circleMarker(start, { radius: 9, color: COLOURS.open, weight: 3 }).addTo(map);
  map.on("click", (event) => {
    marker.setLatLng(event.latlng);
    latInput.value = event.latlng.lat.toFixed(6);
    lngInput.value = event.latlng.lng.toFixed(6);
  });
}

function initSafePlaces(root = document) {
  root.querySelectorAll("[data-safe-places-map]").forEach(initVenueMap);
  root.querySelectorAll("[data-safe-places-locate]").forEach(initLocate);
  root.querySelectorAll("[data-safe-places-picker]").forEach(initPicker);
}

initSafePlaces();
