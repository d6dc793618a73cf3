// The BKG outlines under the markers (EM.addOutlines): Länder always, Kreise from a zoom on.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { addOutlines } = require("../../static/js/map.js");

const SOURCE = {
  text: "© GeoBasis-DE / BKG 2021 (Daten verändert)",
  url: "https://www.bkg.bund.de",
};

/** Leaflet's geoJSON and a map with zoom, panes and layers, recording what happens. */
function fakeLeaflet() {
  const made = [];
  return {
    made,
    geoJSON(data, options) {
      const layer = {
        data,
        options,
        addTo(map) {
          map.layers.add(layer);
          return layer;
        },
      };
      made.push(layer);
      return layer;
    },
  };
}

function fakeMap(zoom) {
  const handlers = {};
  const map = {
    zoom,
    layers: new Set(),
    panes: {},
    createPane(name) {
      map.panes[name] = { style: {} };
      return map.panes[name];
    },
    getZoom: () => map.zoom,
    hasLayer: (layer) => map.layers.has(layer),
    removeLayer: (layer) => map.layers.delete(layer),
    on: (type, handler) => (handlers[type] = handler),
    zoomTo(z) {
      map.zoom = z;
      handlers.zoomend();
    },
  };
  return map;
}

/** fetchJson that answers from `files` and records the URLs asked for. */
function fakeFetch(files) {
  const asked = [];
  const fetchJson = (url) => {
    asked.push(url);
    return url in files ? Promise.resolve(files[url]) : Promise.reject(new Error("404"));
  };
  return { asked, fetchJson };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
const OUTLINES = { laender: "/l.json", kreise: "/k.json", kreiseMinZoom: 8, source: SOURCE };

test("the Länder are drawn at once, the Kreise only from their zoom on, fetched once", async () => {
  const leaflet = fakeLeaflet();
  const map = fakeMap(6);
  const files = { "/l.json": { name: "laender" }, "/k.json": { name: "kreise" } };
  const { asked, fetchJson } = fakeFetch(files);
  const state = addOutlines(leaflet, map, OUTLINES, fetchJson);
  await settle();
  assert.deepEqual(asked, ["/l.json"]);
  assert.ok(map.hasLayer(state.laender));
  assert.equal(state.laender.data.name, "laender");
  assert.equal(state.kreise, null);
  map.zoomTo(9);
  await settle();
  assert.ok(map.hasLayer(state.kreise));
  map.zoomTo(7);
  assert.ok(!map.hasLayer(state.kreise));
  map.zoomTo(10);
  assert.ok(map.hasLayer(state.kreise));
  assert.deepEqual(asked, ["/l.json", "/k.json"]);
});

test("outlines sit in their own pane under the markers, inert, with the BKG note", async () => {
  const leaflet = fakeLeaflet();
  const map = fakeMap(6);
  addOutlines(leaflet, map, OUTLINES, fakeFetch({ "/l.json": {} }).fetchJson);
  await settle();
  const options = leaflet.made[0].options;
  assert.equal(options.pane, "emOutlines");
  assert.equal(options.interactive, false);
  assert.equal(options.attribution, '<a href="https://www.bkg.bund.de">' + SOURCE.text + "</a>");
  assert.equal(map.panes.emOutlines.style.zIndex, 250);
  assert.equal(map.panes.emOutlines.style.pointerEvents, "none");
});

test("inline Länder (static export) need no fetch, and no Kreise are asked for", async () => {
  const leaflet = fakeLeaflet();
  const map = fakeMap(9);
  const { asked, fetchJson } = fakeFetch({});
  const inline = { type: "FeatureCollection", features: [] };
  const outlines = { ...OUTLINES, laender: inline, kreise: null };
  const state = addOutlines(leaflet, map, outlines, fetchJson);
  await settle();
  assert.deepEqual(asked, []);
  assert.equal(state.laender.data, inline);
  assert.equal(state.kreise, null);
});

test("a failed fetch leaves the outlines out and the map working", async () => {
  const map = fakeMap(9);
  const state = addOutlines(fakeLeaflet(), map, OUTLINES, fakeFetch({}).fetchJson);
  await settle();
  assert.equal(state.laender, null);
  assert.equal(state.kreise, null);
  assert.equal(map.layers.size, 0);
});
