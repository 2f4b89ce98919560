// Safe Places (imported for its effect from app.js): progressive enhancements of pages that already work without JavaScript.
//
// - [data-safe-places-map]: draws the venues of the list it names (items marked [data-venue] with
//   data-name, data-lat, data-lng, data-url, data-open) on a Leaflet map. The list stays the complete,
//   accessible answer (SP-033); the map is an extra.
// - [data-safe-places-locate]: adds a "Use my location" button that fills in the form's hidden
//   latitude and longitude and submits the same GET form.
// - [data-safe-places-picker]: a map on the venue form; clicking it sets the latitude and longitude inputs.
//
// Tiles come from the server named by data-tile-url (SAFE_PLACES_TILE_URL); only its host is allowed in
// the page's img-src. Tile requests send only our origin as the referrer, as the OpenStreetMap tile
// policy asks, never the page's address.
import L from "leaflet";

const OPEN_COLOUR = "#00703c";
const CLOSED_COLOUR = "#505a5f";
const HERE_COLOUR = "#1d70b8";

function tileLayer(element) {
  return L.tileLayer(element.dataset.tileUrl, {
    attribution: element.dataset.attribution,
    maxZoom: 19,
    referrerPolicy: "strict-origin-when-cross-origin",
  });
}

function makeMap(element, lat, lng, zoom) {
  element.hidden = false;
  const map = L.map(element, { scrollWheelZoom: false }).setView([lat, lng], zoom);
  tileLayer(element).addTo(map);
  return map;
}

function popupFor(item) {
  const link = document.createElement("a");
  link.className = "govuk-link";
  link.href = item.dataset.url;
  link.textContent = item.dataset.name;
  const status = document.createElement("p");
  status.className = "govuk-body-s govuk-!-margin-bottom-0";
  status.textContent = item.dataset.open === "true" ? "Open now" : "Closed now";
  const wrapper = document.createElement("div");
  wrapper.append(link, status);
  return wrapper;
}

function initVenueMap(element) {
  const list = document.querySelector(element.dataset.list);
  const items = list ? Array.from(list.querySelectorAll("[data-venue]")) : [];
  const here = [parseFloat(element.dataset.lat), parseFloat(element.dataset.lng)];
  const map = makeMap(element, here[0], here[1], parseInt(element.dataset.zoom || "14", 10));
  const points = [here];
  if (items.length > 1) {
    L.circleMarker(here, { radius: 6, color: HERE_COLOUR, fillOpacity: 0.9 })
      .bindTooltip("Where you searched from")
      .addTo(map);
  }
  items.forEach((item) => {
    const point = [parseFloat(item.dataset.lat), parseFloat(item.dataset.lng)];
    points.push(point);
    const colour = item.dataset.open === "true" ? OPEN_COLOUR : CLOSED_COLOUR;
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
  const start = [parseFloat(element.dataset.lat), parseFloat(element.dataset.lng)];
  const map = makeMap(element, start[0], start[1], 16);
  const marker = L.circleMarker(start, { radius: 9, color: OPEN_COLOUR, weight: 3 }).addTo(map);
  // The picker sits in a closed <details>: Leaflet measures its size again once it is opened.
  element.closest("details")?.addEventListener("toggle", () => map.invalidateSize());
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
