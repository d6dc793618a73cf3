// Opening an entry by click, key or hover in static/js/map.js (EM.listenForOpen, EM.openEntry).
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const {
  ChunkedDetails,
  listenForOpen,
  opensPopup,
  POPUP_OPTIONS,
} = require("../../static/js/map.js");

/** A Leaflet marker stand-in that records what was done to it. */
function fakeMarker(data, key, bound = false) {
  const log = [];
  return {
    _emData: data,
    _emKey: key,
    _emBound: bound,
    log,
    popupOpen: false,
    unbindTooltip: () => log.push("unbindTooltip"),
    bindTooltip: (html) => log.push(["bindTooltip", html]),
    bindPopup: (html, options) => log.push(["bindPopup", html, options]),
    openPopup() {
      this.popupOpen = true;
      log.push("openPopup");
    },
    isPopupOpen() {
      return this.popupOpen;
    },
    openTooltip: () => log.push("openTooltip"),
  };
}

/** A cluster layer stand-in: `fire` calls the listeners registered for the event's type. */
function fakeLayer() {
  const handlers = {};
  return {
    on(types, handler) {
      types.split(" ").forEach((type) => (handlers[type] = handler));
    },
    fire(type, marker) {
      if (handlers[type]) {
        handlers[type]({ type, layer: marker });
      }
    },
    handlers,
  };
}

const INLINE = { d: [["Name <b>1</b>", "<div>Popup 1</div>"]] };

test("a key press on a marker binds its details and opens the popup", () => {
  const layer = fakeLayer();
  listenForOpen(layer, new ChunkedDetails(null, 500));
  const marker = fakeMarker(INLINE, 0);
  layer.fire("keypress", marker);
  assert.deepEqual(marker.log, [
    "unbindTooltip",
    ["bindTooltip", "Name <b>1</b>"],
    ["bindPopup", "<div>Popup 1</div>", POPUP_OPTIONS],
    "openPopup",
  ]);
  assert.equal(marker._emBound, true);
});

test("popups are at most 320 px wide and pan clear of the buttons at the top", () => {
  assert.deepEqual(POPUP_OPTIONS, { maxWidth: 320, autoPanPaddingTopLeft: [50, 50] });
});

test("Enter opens the popup: Leaflet fires it as a click on a focused marker", () => {
  assert.equal(opensPopup("click"), true);
  assert.equal(opensPopup("keypress"), true);
  assert.equal(opensPopup("mouseover"), false);
  const layer = fakeLayer();
  listenForOpen(layer, new ChunkedDetails(null, 500));
  const marker = fakeMarker(INLINE, 0);
  layer.fire("click", marker);
  assert.equal(marker.log.at(-1), "openPopup");
});

test("hovering shows the tooltip, not the popup", () => {
  const layer = fakeLayer();
  listenForOpen(layer, new ChunkedDetails(null, 500));
  const marker = fakeMarker(INLINE, 0);
  layer.fire("mouseover", marker);
  assert.equal(marker.log.at(-1), "openTooltip");
  assert.ok(!marker.log.includes("openPopup"));
});

test("a key press while a hover waits for the same chunk still opens the popup", async () => {
  let answer = null;
  const fetch = () =>
    new Promise((resolve) => {
      answer = () => resolve({ json: () => Promise.resolve([["Tip", "Pop"]]) });
    });
  const details = new ChunkedDetails(fetch, 500);
  details.useUrl("/c/");
  const layer = fakeLayer();
  listenForOpen(layer, details);
  const marker = fakeMarker({ u: "/c/" }, 0);
  layer.fire("mouseover", marker);
  layer.fire("keypress", marker);
  assert.deepEqual(marker.log, []);
  answer();
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(marker.log.filter((step) => step[0] === "bindPopup").length, 1);
  assert.equal(marker.log.at(-1), "openPopup");
});

test("markers whose details are bound, and events of clusters, are left to Leaflet", () => {
  const layer = fakeLayer();
  listenForOpen(layer, new ChunkedDetails(null, 500));
  const marker = fakeMarker(INLINE, 0, true);
  layer.fire("keypress", marker);
  layer.fire("click", { type: "cluster" });
  assert.deepEqual(marker.log, []);
  assert.deepEqual(Object.keys(layer.handlers).sort(), ["click", "keypress", "mouseover"]);
});
