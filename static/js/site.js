/**
 * Boot of a page of the published static site (publish.py): one map from the page's JSON
 * config (`<script type="application/json" id="em-site">`), no inline script, so a strict
 * Content-Security-Policy (script-src 'self') holds. Needs Leaflet (L) and map.js (EM).
 */
(function (root) {
  "use strict";

  const GERMANY = [51.16, 10.45];

  /** Build the map of `doc` and fill it; returns the map (null without a config). */
  function boot(doc, L, EM, fetchJson) {
    const el = doc.getElementById("em-site");
    if (!el) {
      return null;
    }
    const site = JSON.parse(el.textContent);
    const map = L.map("em-map", { center: GERMANY, zoom: 6, minZoom: 4 });
    if (site.tiles && site.tiles.url) {
      L.tileLayer(site.tiles.url, {
        attribution: site.tiles.attribution,
        maxZoom: 19,
      }).addTo(map);
    }
    L.control.scale().addTo(map);
    EM.setup(map, site.config);
    if (site.gestures && EM.gestures) {
      EM.gestures(map, site.gestures);
    }
    if (site.data) {
      EM.fill(site.data);
    } else if (site.dataUrl) {
      fetchJson(site.dataUrl).then((data) => EM.fill(data));
    }
    return map;
  }

  root.EMSite = { boot };
  if (root.document && root.L && root.EM) {
    boot(root.document, root.L, root.EM, (url) =>
      root.fetch(url).then((response) => response.json()),
    );
  }
})(typeof window !== "undefined" ? window : globalThis);
