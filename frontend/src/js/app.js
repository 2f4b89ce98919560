// Safer Neighbourhoods front-end entry point (bundled by esbuild as an ES module).
//
// GOV.UK Frontend initialises only when <body> has the `govuk-frontend-supported`
// class, which the small snippet from `{% govuk_frontend_supported_script %}`
// adds (its hash is allowed by the Content-Security-Policy).
import { initAll } from "govuk-frontend";

import { initPlaceMaps } from "./maps.js";
import "./surveys.js";
import "./watch-schemes-map.js";

import "./safe-places-map.js";

initAll();
// A meeting's venue (the other maps are drawn by the modules imported above).
initPlaceMaps();
