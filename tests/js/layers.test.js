// The cache of the last selections' cluster layers in static/js/map.js (EM.RecentLayers).
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { RecentLayers, RECENT_MAX } = require("../../static/js/map.js");

const ids = (recent) => recent.items.map((item) => item.id);

test("the map keeps the last three selections", () => {
  assert.equal(RECENT_MAX, 3);
});

test("at most `max` selections are kept, the oldest is dropped", () => {
  const recent = new RecentLayers(3);
  for (const id of ["a", "b", "c", "d"]) {
    recent.add({ id });
  }
  assert.deepEqual(ids(recent), ["d", "c", "b"]);
  assert.equal(recent.take("a"), null);
});

test("a hit is taken out and, added again, is the most recent", () => {
  const recent = new RecentLayers(3);
  for (const id of ["a", "b", "c"]) {
    recent.add({ id, groups: { g: id.toUpperCase() } });
  }
  const hit = recent.take("a");
  assert.deepEqual(hit, { id: "a", groups: { g: "A" } });
  assert.deepEqual(ids(recent), ["c", "b"]);
  recent.add(hit);
  assert.deepEqual(ids(recent), ["a", "c", "b"]);
  recent.add({ id: "d" });
  assert.deepEqual(ids(recent), ["d", "a", "c"]);
});

test("a miss changes nothing; clear forgets everything", () => {
  const recent = new RecentLayers(3);
  recent.add({ id: "a" });
  assert.equal(recent.take("x"), null);
  assert.deepEqual(ids(recent), ["a"]);
  recent.clear();
  assert.deepEqual(ids(recent), []);
});
