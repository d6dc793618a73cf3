// The full screen button's toggle in static/js/map.js (EM.toggleFullscreen).
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { toggleFullscreen, PSEUDO_FULL } = require("../../static/js/map.js");

/** A map container with a classList, and the map that owns it. */
function fakeMap({ canRequest }) {
  const classes = new Set();
  const log = [];
  const container = {
    classList: {
      contains: (name) => classes.has(name),
      toggle: (name, on) => (on ? classes.add(name) : classes.delete(name)),
    },
  };
  if (canRequest) {
    container.requestFullscreen = () => {
      log.push("requestFullscreen");
      return Promise.resolve();
    };
  }
  const map = {
    getContainer: () => container,
    invalidateSize: () => log.push("invalidateSize"),
  };
  return { map, container, classes, log };
}

function fakeDocument({ enabled, element = null }) {
  const doc = {
    fullscreenEnabled: enabled,
    fullscreenElement: element,
    exitFullscreen() {
      doc.exited = true;
      return Promise.resolve();
    },
    exited: false,
  };
  return doc;
}

test("native full screen where the page may use the Fullscreen API", async () => {
  const { map, classes, log } = fakeMap({ canRequest: true });
  toggleFullscreen(map, fakeDocument({ enabled: true }));
  assert.deepEqual(log, ["requestFullscreen"]);
  await Promise.resolve();
  assert.deepEqual(log, ["requestFullscreen", "invalidateSize"]); // once the browser agreed
  assert.equal(classes.size, 0);
});

test("a second click leaves native full screen", () => {
  const { map, container, log } = fakeMap({ canRequest: true });
  const doc = fakeDocument({ enabled: true, element: container });
  toggleFullscreen(map, doc);
  assert.equal(doc.exited, true);
  assert.deepEqual(log, []);
});

test("without the API (a frame without allowfullscreen) the map fills the window", () => {
  const { map, classes, log } = fakeMap({ canRequest: true });
  const doc = fakeDocument({ enabled: false });
  toggleFullscreen(map, doc);
  assert.ok(classes.has(PSEUDO_FULL));
  assert.deepEqual(log, ["invalidateSize"]);
  toggleFullscreen(map, doc);
  assert.ok(!classes.has(PSEUDO_FULL));
  assert.deepEqual(log, ["invalidateSize", "invalidateSize"]);
  assert.equal(doc.exited, false);
});

test("an element without requestFullscreen uses the fallback too", () => {
  const { map, classes } = fakeMap({ canRequest: false });
  toggleFullscreen(map, fakeDocument({ enabled: true }));
  assert.ok(classes.has(PSEUDO_FULL));
});
